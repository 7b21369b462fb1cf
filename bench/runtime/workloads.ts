// The workflows bench/runtime runs, on our engine and (copied into anchor/workflows/) on the
// published package. Step bodies do nothing but report the time, so what is measured is the
// runtime's own cost per step.

/** One step: the wall-clock time it ran at, in ms with sub-millisecond precision. */
async function stamp(): Promise<number> {
  "use step";
  return performance.timeOrigin + performance.now();
}

/** One step that takes and returns nothing. */
async function noop(): Promise<void> {
  "use step";
}

/** `n` sequential steps; returns the time each one ran at (time between steps, flatness). */
export async function seq(n: number): Promise<number[]> {
  "use workflow";
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await stamp());
  return times;
}

/** `n` sequential trivial steps; returns `n` (per-step overhead). */
export async function trivial(n: number): Promise<number> {
  "use workflow";
  for (let i = 0; i < n; i++) await noop();
  return n;
}

/** Five sequential trivial steps; the fan-out starts many of these at once. Returns 5. */
export async function five(): Promise<number> {
  "use workflow";
  for (let i = 0; i < 5; i++) await noop();
  return 5;
}
