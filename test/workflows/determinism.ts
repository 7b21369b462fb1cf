import { FatalError, sleep } from "workflow";

/** Resolves with `value` after `ms` of real time (steps may use timers). */
async function delayed(value: string, ms: number) {
  "use step";
  await new Promise((resolve) => setTimeout(resolve, ms));
  return value;
}

async function upper(value: string) {
  "use step";
  return value.toUpperCase();
}

async function fails() {
  "use step";
  throw new FatalError("this branch fails");
}

/** Promise.all over steps and a sleep: results in call order. */
export async function all() {
  "use workflow";
  const [a, b, , c] = await Promise.all([upper("a"), upper("b"), sleep("20ms"), upper("c")]);
  return a! + b + c;
}

/** Promise.race: the step that completes first in the log wins, also against a sleep. */
export async function race() {
  "use workflow";
  const first = await Promise.race([
    delayed("slow", 600),
    delayed("fast", 10),
    sleep("400ms").then(() => "sleep"),
  ]);
  const second = await Promise.race([delayed("slow", 600), sleep("20ms").then(() => "sleep")]);
  return [first, second];
}

/** Promise.any skips the failed branch and takes the first fulfilment in log order. */
export async function any() {
  "use workflow";
  return Promise.any([fails(), delayed("b", 30), delayed("c", 250)]);
}

/** Races what is left again and again: every winner must be the same on every replay. */
export async function raceLoop() {
  "use workflow";
  const pending = new Map<number, Promise<number>>();
  for (let i = 0; i < 5; i++) pending.set(i, delayed(String(i), 80 * i).then(Number));
  const order: number[] = [];
  while (pending.size > 0) {
    const winner = await Promise.race(pending.values());
    pending.delete(winner);
    order.push(winner);
    if (winner === 2) await sleep("5ms");
  }
  return order;
}

/** Sources of nondeterminism the sandbox makes deterministic, read around steps and sleeps. */
export async function randomness() {
  "use workflow";
  const sample = () => ({
    random: Math.random(),
    now: Date.now(),
    date: new Date().toISOString(),
    dateString: Date(),
    uuid: crypto.randomUUID(),
    bytes: Array.from(crypto.getRandomValues(new Uint8Array(4))),
  });
  const samples = [sample()];
  await upper("x");
  samples.push(sample());
  await sleep("10ms");
  samples.push(sample());
  const [p, q] = await Promise.all([delayed("p", 5), delayed("q", 20)]);
  samples.push({ ...sample(), random: Math.random() + p!.length + q!.length });
  return samples;
}

/** crypto.subtle.digest is deterministic, so workflows may use it. */
export async function digest(text: string) {
  "use workflow";
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const hex = Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("");
  const upperText = await upper(text);
  return { hex, upperText, isBuffer: hash instanceof ArrayBuffer };
}

/** Sleeps racing sleeps and a step: the clock after each race is what the log says. */
export async function sleepRace() {
  "use workflow";
  const times = [Date.now()];
  const first = await Promise.race([
    sleep("40ms").then(() => "long"),
    sleep("10ms").then(() => "short"),
  ]);
  times.push(Date.now());
  // The step wins by far: a loaded machine (or a slow disk flush) must not make the sleep win.
  const second = await Promise.race([sleep("1500ms").then(() => "sleep"), upper("step")]);
  times.push(Date.now());
  await sleep("1600ms"); // the losing sleeps of both races end meanwhile
  times.push(Date.now());
  return { first, second, times, date: new Date() };
}

/** Blocks this process's event loop (as a busy worker would) for `ms`. */
async function blockProcess(ms: number) {
  "use step";
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

/** Two sleeps that both end while the worker is busy: the earlier one still wins. */
export async function sleepsEndTogether() {
  "use workflow";
  const busy = blockProcess(100);
  const winner = await Promise.race([
    sleep("60ms").then(() => "later"),
    sleep("10ms").then(() => "earlier"),
  ]);
  await busy;
  return winner;
}
