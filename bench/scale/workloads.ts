// The workflow bench/scale fills a data directory with: one step that does nothing, so every
// run costs the runtime's minimum (run_created, run_started, the step's events, run_completed).

/** One step that returns its argument. */
async function echo(i: number): Promise<number> {
  "use step";
  return i;
}

/** A run of one step; returns `i`. */
export async function one(i: number): Promise<number> {
  "use workflow";
  return echo(i);
}
