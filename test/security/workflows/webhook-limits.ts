import { createWebhook, type RequestWithResponse, sleep, type WebhookRateLimit } from "workflow";
import { postNote } from "../../hooks/workflows/notes.js";

const SEEN = ["authorization", "cookie", "x-api-key", "x-hub-signature-256", "x-request-id"];

/** A step that reports the headers it got (to the test, not into its stored result). */
async function inspectHeaders(request: RequestWithResponse, channel: string) {
  "use step";
  const headers = Object.fromEntries(SEEN.map((name) => [name, request.headers.get(name)]));
  await postNote(channel, headers);
  return "inspected";
}

/** Takes requests without reading them, and stays alive (the requests pile up in the log). */
export async function floodTarget(token: string, rateLimit?: WebhookRateLimit) {
  "use workflow";
  createWebhook({ token, ...(rateLimit ? { rateLimit } : {}) });
  await sleep("1h");
}

/** A webhook with its own body limit; ends on the first request that gets through. */
export async function smallBodies(token: string, maxBodyBytes: number) {
  "use workflow";
  const webhook = createWebhook({ token, maxBodyBytes });
  const request = await webhook;
  return (await request.text()).length;
}

/**
 * The workflow sees the headers as stored; the step it hands the request to sees the real
 * values (posted to the note channel). `keepHeaders` is passed through to createWebhook().
 */
export async function headerCheck(token: string, channel: string, keepHeaders?: string[]) {
  "use workflow";
  const webhook = createWebhook({ token, ...(keepHeaders ? { keepHeaders } : {}) });
  const request = await webhook;
  const inWorkflow = Object.fromEntries(SEEN.map((name) => [name, request.headers.get(name)]));
  await inspectHeaders(request, channel);
  return inWorkflow;
}

/** A custom token shorter than 24 characters: what createWebhook() throws. */
export async function shortToken() {
  "use workflow";
  try {
    createWebhook({ token: "order-42-delivery" });
    return "no error";
  } catch (error) {
    const { name, code, message } = error as Error & { code?: string };
    return { name, code, message };
  }
}
