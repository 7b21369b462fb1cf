/** Events the world tests append, as a workflow run would. */
import type { NewEvent } from "../../runtime/worlds/shared/events.js";

export const RUN_CREATED: NewEvent = {
  type: "run_created",
  data: { workflowName: "workflow//./w//flow", input: "[]", seed: "seed" },
};
export const RUN_STARTED: NewEvent = { type: "run_started", data: {} };
export const stepCreated = (id: string): NewEvent => ({
  type: "step_created",
  correlationId: id,
  data: { stepName: "step//./w//s", input: "[]" },
});
