// The workflow bench/testing times under the test runtime: a hundred steps a day apart.
import { sleep } from "workflow";

/** One step that returns its argument. */
async function tick(i: number): Promise<number> {
  "use step";
  return i;
}

/** 100 steps with a day's sleep between each two: 99 days of virtual time. */
export async function hundredDays(): Promise<number> {
  "use workflow";
  let sum = 0;
  for (let i = 0; i < 100; i++) {
    if (i > 0) await sleep("1d");
    sum += await tick(i);
  }
  return sum;
}
