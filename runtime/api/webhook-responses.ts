/**
 * The in-process channel between a caller of a `respondWith: "manual"` webhook, waiting for
 * its HTTP response, and the step that answers it with `request.respondWith(response)`. Keyed
 * by a random response ID carried in the delivered request; kept on globalThis (the key in
 * webhook-request.ts) so that every copy of the runtime in the process shares it.
 *
 * A step runs in the process of the world's queue consumer: with the in-process worlds that is
 * the process that received the request. A caller whose run never answers gets a JSON 504
 * after the timeout, or a JSON 500 as soon as the run ends without answering. Neither names the
 * run: the caller is outside, and a run ID is what the run's owner uses to read and cancel it.
 */
import { randomUUID } from "node:crypto";
import type { Runtime } from "../engine/runtime.js";
import { WEBHOOK_RESPONDERS } from "../workflow/webhook-request.js";
import { TERMINAL_RUN_EVENTS } from "../worlds/shared/events.js";

/** How long a manual webhook's caller waits for a step's response. @default 30 s */
export const DEFAULT_WEBHOOK_RESPONSE_TIMEOUT_MS = 30_000;

type Responders = Map<string, (response: Response) => void>;

function getResponders(): Responders {
  const g = globalThis as Record<symbol, unknown>;
  return ((g[WEBHOOK_RESPONDERS] as Responders | undefined) ??= new Map());
}

export interface ResponseChannel {
  /** Goes into the delivered request: names this channel. */
  readonly id: string;
  /** The step's response, or the timeout / run-ended answer. */
  readonly response: Promise<Response>;
  /** Gives up (the payload could not be delivered). */
  close(): void;
}

const jsonError = (status: number, error: string, reason: string) =>
  Response.json({ error, reason }, { status });

export function openResponseChannel(
  runtime: Runtime,
  runId: string,
  timeoutMs = DEFAULT_WEBHOOK_RESPONSE_TIMEOUT_MS,
): ResponseChannel {
  const id = randomUUID();
  const responders = getResponders();
  let settle!: (response: Response) => void;
  const response = new Promise<Response>((resolve) => (settle = resolve));
  const finish = (answer: Response | null) => {
    if (!responders.has(id)) return;
    responders.delete(id);
    clearTimeout(timer);
    unsubscribe();
    if (answer) settle(answer);
  };
  responders.set(id, (answer) => finish(answer));
  const timer = setTimeout(
    () =>
      finish(
        jsonError(
          504,
          "WEBHOOK_RESPONSE_TIMEOUT",
          `The workflow did not respond to the webhook within ${timeoutMs} ms. A webhook with respondWith: "manual" must pass its request to a step that calls request.respondWith(response).`,
        ),
      ),
    timeoutMs,
  );
  timer.unref?.();
  const unsubscribe = runtime.subscribe((event) => {
    if (event.runId !== runId || !TERMINAL_RUN_EVENTS.has(event.type)) return;
    // A step that answered has already settled the channel; this only catches runs that never do.
    finish(
      jsonError(
        500,
        "WEBHOOK_RESPONSE_NOT_SENT",
        `The workflow ended without responding to the webhook: no step called request.respondWith().`,
      ),
    );
  });
  return { id, response, close: () => finish(null) };
}
