import { expect } from "vitest";
import type { StoredEvent } from "../../runtime/worlds/index.js";

/** No step has two terminal events, and every created step completed exactly once. */
export function expectEachStepCompletedOnce(log: StoredEvent[]): void {
  const created = log.filter((e) => e.type === "step_created").map((e) => e.correlationId);
  const completed = log.filter((e) => e.type === "step_completed").map((e) => e.correlationId);
  expect(log.filter((e) => e.type === "step_failed")).toEqual([]);
  expect([...completed].sort()).toEqual([...created].sort());
  expect(new Set(completed).size).toBe(completed.length);
}
