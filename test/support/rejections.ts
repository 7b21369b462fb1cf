/** What a test expects a promise to reject with, and a failure of the test when it resolves. */
import { expect } from "vitest";
import { WorkflowRunFailedError } from "../../runtime/errors/index.js";
import { WorldError } from "../../runtime/worlds/shared/world-error.js";
import { SimulationFailure } from "../../integrations/testing/index.js";

/** What `promise` rejects with; throws (failing the test) when it resolves, naming the value. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** The WorkflowRunFailedError a run's `returnValue` (or another promise) rejects with. */
export async function runFailureOf(promise: Promise<unknown>): Promise<WorkflowRunFailedError> {
  const error = await rejectionOf(promise);
  expect(WorkflowRunFailedError.is(error), String(error)).toBe(true);
  return error as WorkflowRunFailedError;
}

/** The code of the WorldError `promise` rejects with. */
export async function worldErrorCodeOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(promise);
  if (!WorldError.is(error)) throw new Error(`expected a WorldError, got ${String(error)}`);
  return error.code;
}

/** The SimulationFailure `simulate()` rejects with. */
export async function simulationFailureOf(promise: Promise<unknown>): Promise<SimulationFailure> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(SimulationFailure);
  return error as SimulationFailure;
}
