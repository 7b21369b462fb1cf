import { createWebhook, type RequestWithResponse, sleep } from "workflow";

async function respond(request: RequestWithResponse, text: string) {
  "use step";
  request.respondWith(new Response(text, { status: 200, headers: { "x-answered-by": "step" } }));
}

/**
 * The three response modes, awaited in turn: default (202), a static Response, and manual
 * (a step answers). The request is read in the workflow itself.
 */
export async function threeWebhooks(token1: string, token2: string, token3: string) {
  "use workflow";
  const plain = createWebhook({ token: token1 });
  const fixed = createWebhook({
    token: token2,
    respondWith: new Response("Hello from static response!", {
      status: 402,
      headers: { "x-static": "yes" },
    }),
  });
  const manual = createWebhook({ token: token3, respondWith: "manual" });
  const seen = [];
  for (const webhook of [plain, fixed, manual]) {
    const request = await webhook;
    seen.push({
      url: request.url,
      method: request.method,
      contentType: request.headers.get("content-type"),
      body: await request.json(),
    });
    if (webhook === manual) await respond(request, "Hello from webhook!");
  }
  return { urls: [plain.url, fixed.url, manual.url], seen };
}

/** `for await` over requests; a step answers each, the one with `stop` ends the loop. */
export async function requestLoop(token: string) {
  "use workflow";
  const webhook = createWebhook({ token, respondWith: "manual" });
  const received: string[] = [];
  for await (const request of webhook) {
    const body = (await request.json()) as { n: number; stop?: boolean };
    received.push(`${request.method} ${body.n}`);
    await respond(request, `ack ${body.n}`);
    if (body.stop) break;
  }
  return received;
}

/** A manual webhook that no step answers: the caller gets the timeout answer. */
export async function neverResponds(token: string) {
  "use workflow";
  const webhook = createWebhook({ token, respondWith: "manual" });
  const request = await webhook;
  await sleep("500ms");
  return request.method;
}

/** A manual webhook whose run ends without answering: the caller hears so at once. */
export async function endsWithoutResponding(token: string) {
  "use workflow";
  const webhook = createWebhook({ token, respondWith: "manual" });
  const request = await webhook;
  return request.method;
}

/** respondWith() called in the workflow itself is an error that says to use a step. */
export async function respondInWorkflow(token: string) {
  "use workflow";
  const webhook = createWebhook({ token });
  const request = await webhook;
  try {
    request.respondWith(new Response("no"));
    return "no error";
  } catch (error) {
    return (error as Error).message;
  }
}

/** respondWith() in a step, for a webhook that is not manual: the step gets the error. */
export async function respondToPlainWebhook(token: string) {
  "use workflow";
  const webhook = createWebhook({ token });
  const request = await webhook;
  return respondAndReport(request);
}

async function respondAndReport(request: RequestWithResponse) {
  "use step";
  try {
    request.respondWith(new Response("too late"));
    return "no error";
  } catch (error) {
    const { name, code, message } = error as Error & { code?: string };
    return { name, code, message };
  }
}
