/**
 * What the compiler's client mode makes of the functions of test/testing/workflows/ (an app
 * built with a workflow plugin imports them this way): functions carrying their ID.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The workflow `name` of `test/testing/workflows/<file>.ts`, as `start()` takes it. */
export function workflow<Args extends unknown[], R>(file: string, name: string) {
  const handle = async (..._args: Args): Promise<R> => {
    throw new Error("a workflow is started with start(), not called");
  };
  return Object.assign(handle, {
    workflowId: `workflow//./test/testing/workflows/${file}//${name}`,
  });
}

/** The step `name` of `test/testing/workflows/<file>.ts`, stamped with its `stepId`. */
export function step<F extends (...args: any[]) => Promise<unknown>>(
  file: string,
  name: string,
): F {
  const fn = async () => {
    throw new Error("test handle of a step: not callable here");
  };
  return Object.assign(fn, {
    stepId: `step//./test/testing/workflows/${file}//${name}`,
  }) as unknown as F;
}
