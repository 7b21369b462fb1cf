import { FatalError, sleep } from "workflow";
import { checkOrder } from "./helpers.js";

async function reserve(items: string[]) {
  "use step";
  return items.map((item) => `${item}:reserved`);
}

/** Throws in its own body after a step and a sleep. */
export async function failsInWorkflow(items: string[]) {
  "use workflow";
  const reserved = await reserve(items);
  await sleep("5ms");
  if (reserved.length < 3) {
    throw new TypeError(`Need 3 items, got ${reserved.length}`);
  }
  return reserved;
}

/** Throws in a helper module the workflow imports. */
export async function failsInHelper() {
  "use workflow";
  await reserve(["a"]);
  return checkOrder({ items: [] });
}

/** Uses what the sandbox does not have. */
export async function usesSetTimeout() {
  "use workflow";
  await new Promise((resolve) => setTimeout(resolve, 10));
}

export async function usesFetch() {
  "use workflow";
  return fetch("http://127.0.0.1:1/");
}

export async function usesRequire() {
  "use workflow";
  const load = (globalThis as unknown as { require: (id: string) => unknown }).require;
  return load("node:fs");
}

export async function usesWeakRef() {
  "use workflow";
  return new WeakRef({}).deref() !== undefined;
}

export async function usesFinalizationRegistry() {
  "use workflow";
  new FinalizationRegistry(() => {}).register({}, "cleanup");
}

export async function usesSubtleSign() {
  "use workflow";
  return crypto.subtle.sign("HMAC", {} as CryptoKey, new Uint8Array(1));
}

export async function usesProcess() {
  "use workflow";
  return { env: typeof process.env, exit: typeof (process as unknown as { exit?: unknown }).exit };
}

/** What workflow code sees of the environment: NODE_ENV alone, the same way every way it looks. */
export async function inspectsEnv() {
  "use workflow";
  return {
    nodeEnv: process.env.NODE_ENV,
    keys: Object.keys(process.env),
    hasNodeEnv: "NODE_ENV" in process.env,
    hasPath: "PATH" in process.env,
    json: JSON.stringify(process.env),
    spread: { ...process.env },
  };
}

/** Reads a variable that a step should read. */
export async function readsSecret() {
  "use workflow";
  return process.env.WORKFLOW_TEST_SECRET;
}

async function chargeCard(amount: number) {
  "use step";
  if (amount > 100) {
    throw new FatalError(`Amount ${amount} is over the limit`);
  }
  return amount;
}

/** A step's FatalError, not caught: the run fails with the step's error and stack. */
export async function failsInStep() {
  "use workflow";
  return chargeCard(500);
}

async function callCarrier() {
  "use step";
  throw Object.assign(new Error("the carrier hung up"), { code: "ECONNRESET" });
}
callCarrier.maxRetries = 1;

/** A step error with a code of its own, not caught: the code is kept, in the step and the run. */
export async function failsWithOwnCode() {
  "use workflow";
  return callCarrier();
}
