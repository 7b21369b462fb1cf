/**
 * What `wf start`, `wf cancel` and `wf resume` ask of the process that owns a world, over its
 * control socket: one JSON request per connection, one JSON reply, each a line. Values (the
 * arguments of a run, a hook's payload) travel serialized, as the event log stores them.
 */

export type ControlRequest =
  | { op: "start"; workflowName: string; input: string; idempotencyKey?: string }
  | { op: "cancel"; runId: string }
  | { op: "resume"; token: string; payload: string }
  /** `wf schedule pause|resume <id>`. */
  | { op: "schedule"; action: "pause" | "resume"; id: string };

/**
 * `note` says what the caller should know although it worked: that a payload was not
 * validated because the process does not have its hook's definition.
 */
export type ControlReply =
  | { ok: true; runId: string; note?: string }
  | { ok: true; schedule: { id: string; paused: boolean; nextTickAt?: number }; note?: string }
  | { ok: false; code: string; message: string };

/** The largest request a control socket reads. */
export const MAX_CONTROL_REQUEST_BYTES = 1024 * 1024;

/** The request in `text`, checked; a TypeError says what is wrong. */
export function parseControlRequest(text: string): ControlRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError("a control request must be one line of JSON");
  }
  const r = (value ?? {}) as Record<string, unknown>;
  const isText = (key: string) => typeof r[key] === "string" && r[key] !== "";
  if (r.op === "start" && isText("workflowName") && isText("input"))
    return {
      op: "start",
      workflowName: r.workflowName as string,
      input: r.input as string,
      ...(isText("idempotencyKey") ? { idempotencyKey: r.idempotencyKey as string } : {}),
    };
  if (r.op === "schedule" && (r.action === "pause" || r.action === "resume") && isText("id"))
    return { op: "schedule", action: r.action, id: r.id as string };
  if (r.op === "cancel" && isText("runId")) return { op: "cancel", runId: r.runId as string };
  if (r.op === "resume" && isText("token") && isText("payload"))
    return { op: "resume", token: r.token as string, payload: r.payload as string };
  throw new TypeError(
    'a control request is { op: "start", workflowName, input, idempotencyKey? }, { op: "cancel", runId }, { op: "resume", token, payload } or { op: "schedule", action: "pause" | "resume", id }',
  );
}
