/**
 * The test kit's core, with the bundles injected. Users import `workflow/testing`
 * (integrations/testing/), which builds the bundles from the project root.
 */
export {
  createTestRuntimeWith,
  type RunRef,
  type TestRuntime,
  type TestRuntimeCoreOptions,
  type TestStartOptions,
} from "./test-runtime.js";
export { TestRun, type RunEvent } from "./run-events.js";
export type { CompletionPicker, WaitingCompletion } from "./decisions.js";
export type { DelayDeliveries, Faults, StreamWriteFailure } from "./faults.js";
export { exportRun, replayRunWith, type ReplayRunReport, type RunExport } from "./replay-run.js";
export type { StepCall, StepRef } from "./step-mocks.js";
export type { WaitTarget } from "./wait-for.js";
export { VirtualClock } from "./virtual-clock.js";
export { TestWorld } from "./test-world.js";
export {
  simulateWith,
  type Invariant,
  type InvariantContext,
  type SimulateOptions,
  type SimulationReport,
} from "./simulate.js";
export { SimulationFailure } from "./simulation-failure.js";
export type { SimulationOutcome } from "./invariants.js";
export type { HookPayloads, SimulatedHook } from "./simulated-hooks.js";
export type { Variations } from "./schedule.js";
