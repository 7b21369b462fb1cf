/**
 * The flow and step routes, for push-style transports (this package's own queues deliver in
 * process or through the Postgres queue table and never call them). `POST /flow` replays a run
 * and `POST /step` runs a step, each answering 202 once the message is queued, and only for a
 * delivery signed with the world's secret (`delivery.ts`): anything else is 401 and nothing is
 * written or run. A world without a secret answers 503 SECRET_NOT_CONFIGURED.
 */
import type { Runtime } from "../engine/runtime.js";
import { claimDelivery, SIGNATURE_HEADER, verifyDelivery } from "./delivery.js";
import { readBody } from "./read-body.js";
import { RequestError } from "./request-error.js";
import { methodNotAllowed } from "./responses.js";
import { queueKeys } from "../worlds/shared/world.js";

export type QueueRoute = "flow" | "step";

interface Delivery {
  id: string;
  runId: string;
  stepId?: string;
}

/** Reads `{ id, runId, stepId? }` from a signed JSON body, naming the field that is wrong. */
function parseDelivery(body: Uint8Array, route: QueueRoute): Delivery {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new RequestError("BAD_REQUEST", "The body is not valid JSON.");
  }
  const fields = ["id", "runId", ...(route === "step" ? ["stepId"] : [])];
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new RequestError(
      "BAD_REQUEST",
      `The body must be a JSON object with ${fields.join(", ")}.`,
    );
  for (const field of fields) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v !== "string" || v === "" || v.length > 256)
      throw new RequestError(
        "BAD_REQUEST",
        `"${field}" must be a non-empty string of at most 256 characters.`,
      );
  }
  return value as Delivery;
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
  const { world } = await runtime();
  const secret = await world.getSecret?.();
  if (secret === undefined)
    throw new RequestError(
      "SECRET_NOT_CONFIGURED",
      "This server accepts no deliveries: its workflow world has no secret (WORKFLOW_SECRET).",
    );
  const body = (await readBody(request, maxBodyBytes)) ?? new Uint8Array();
  const now = Date.now();
  const { timestamp } = verifyDelivery(secret, request.headers.get(SIGNATURE_HEADER), body, now);
  const { id, runId, stepId } = parseDelivery(body, route);
  const release = await claimDelivery(world, id, timestamp, now);
  try {
    const run = await world.getRun(runId);
    if (!run) throw new RequestError("NOT_FOUND", "No such run.");
    if (route === "step") {
      if (!run.steps.has(stepId!)) throw new RequestError("NOT_FOUND", "The run has no such step.");
      await world.queue.enqueue(
        { kind: "step", runId, stepId: stepId! },
        { key: queueKeys.step(runId, stepId!) },
      );
    } else {
      await world.queue.enqueue({ kind: "workflow", runId }, { key: queueKeys.workflow(runId) });
    }
  } catch (error) {
    await release().catch(() => {}); // not acted on: the sender may deliver it again
    throw error;
  }
  return Response.json(
    { queued: route, id, runId, ...(stepId ? { stepId } : {}) },
    { status: 202 },
  );
}
