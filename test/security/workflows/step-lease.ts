/**
 * A step whose body the test holds open, counting how often it runs: the probe lives on
 * globalThis (steps run as ordinary code in the test's process) under a Symbol.for key.
 */
import { getStepMetadata } from "workflow";

interface LeaseProbe {
  enter(key: string, attempt: number): Promise<void>;
}

const probe = () => (globalThis as Record<symbol, LeaseProbe>)[Symbol.for("test.step-lease")]!;

async function sideEffect(key: string) {
  "use step";
  const { attempt } = getStepMetadata();
  await probe().enter(key, attempt);
  return `done ${key} on attempt ${attempt}`;
}

export async function oneSideEffect(key: string) {
  "use workflow";
  return await sideEffect(key);
}
