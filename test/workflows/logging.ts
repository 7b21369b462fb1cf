import { sleep } from "workflow";

async function double(x: number): Promise<number> {
  "use step";
  return x * 2;
}

/** Logs before and after a step and after a sleep: each line must print once per run. */
export async function logsAroundAStep(tag: string) {
  "use workflow";
  console.log(`${tag} before`);
  const doubled = await double(21);
  console.info(`${tag} after ${doubled}`);
  await sleep("1ms");
  console.warn(`${tag} end`);
  return doubled;
}

async function slowDouble(x: number, ms: number): Promise<number> {
  "use step";
  await new Promise((resolve) => setTimeout(resolve, ms));
  return x * 2;
}

/**
 * Logs as each of two steps completes, the second well after the first (so each completion is
 * its own invocation, and no new call follows the first one), then at the end.
 */
export async function logsInParallel(tag: string) {
  "use workflow";
  const got = async (n: number) => {
    const value = await slowDouble(n, n === 1 ? 0 : 200);
    console.log(`${tag} got ${value}`);
    return value;
  };
  const [a, b] = await Promise.all([got(1), got(2)]);
  console.log(`${tag} sum ${a + b}`);
  return a + b;
}
