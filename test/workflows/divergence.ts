import { sleep } from "workflow";

async function stepA() {
  "use step";
  return "a";
}

async function stepB() {
  "use step";
  return "b";
}

/** A step, then a long sleep: the run waits with its log open for tampering. */
export async function waitsLong() {
  "use workflow";
  const value = await stepA();
  await sleep("1h");
  return value;
}

/**
 * Which step it calls depends on configuration read when its sandbox is made (as if the code
 * had changed): a replay under another value makes other calls than the log records. NODE_ENV
 * is the one variable workflow code can read.
 */
export async function dependsOnEnv() {
  "use workflow";
  const branch = process.env.NODE_ENV;
  const value = branch === "none" ? "none" : branch === "b" ? await stepB() : await stepA();
  await sleep("1h");
  return value;
}
