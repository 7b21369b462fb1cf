/**
 * The flow and step routes. With the in-process worlds the queue is consumed in this process,
 * so these routes only nudge it: `POST /flow {runId}` replays a run, `POST /step {runId,
 * stepId}` runs a step. Both answer 202 once the message is queued.
 */
import type { Runtime } from "../engine/runtime.js";
import { WorkflowRunNotFoundError } from "../errors/index.js";
import { readBody } from "./read-body.js";
import { RequestError } from "./request-error.js";
import { methodNotAllowed } from "./responses.js";

export type QueueRoute = "flow" | "step";

/** Reads `{ runId, stepId? }` from a JSON body, naming the field that is wrong. */
async function readMessage(
  request: Request,
  route: QueueRoute,
  maxBodyBytes: number | undefined,
): Promise<{ runId: string; stepId?: string }> {
  const body = await readBody(request, maxBodyBytes);
  const text = body ? new TextDecoder().decode(body) : "";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RequestError(
      "BAD_REQUEST",
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
  const fields = ["runId", ...(route === "step" ? ["stepId"] : [])];
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new RequestError(
      "BAD_REQUEST",
      `The body must be a JSON object with ${fields.join(" and ")}.`,
    );
  for (const field of fields) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v !== "string" || v === "")
      throw new RequestError("BAD_REQUEST", `"${field}" must be a non-empty string.`);
  }
  return value as { runId: string; stepId?: string };
}

export async function handleQueueRoute(
  route: QueueRoute,
  request: Request,
  runtime: () => Promise<Runtime>,
  maxBodyBytes?: number,
): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === "GET" && url.searchParams.has("__health"))
    return Response.json({ healthy: true, route });
  if (request.method !== "POST") throw methodNotAllowed(request.method, ["POST"]);
  const { runId, stepId } = await readMessage(request, route, maxBodyBytes);
  const { world } = await runtime();
  const run = await world.getRun(runId);
  if (!run) throw new WorkflowRunNotFoundError(runId);
  if (route === "step") {
    if (!run.steps.has(stepId!))
      throw new RequestError("NOT_FOUND", `Run ${runId} has no step ${stepId}.`);
    await world.queue.enqueue(
      { kind: "step", runId, stepId: stepId! },
      { key: `step:${runId}:${stepId}` },
    );
  } else {
    await world.queue.enqueue({ kind: "workflow", runId }, { key: `wf:${runId}` });
  }
  return Response.json({ queued: route, runId, ...(stepId ? { stepId } : {}) }, { status: 202 });
}
