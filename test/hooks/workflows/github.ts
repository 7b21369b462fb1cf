// The seed's createWebhook example, as written, plus its `for await` form and a manual-response
// variant whose step answer reaches the HTTP caller.
import { createWebhook, type RequestWithResponse } from "workflow";
import { postNote } from "./notes.js";

export async function githubPRWorkflow(repoId: string) {
  "use workflow";

  const webhook = createWebhook();

  // Register webhook with GitHub
  await registerGitHubWebhook(repoId, webhook.token);

  // Wait for webhook request
  const request = await webhook;

  // Process in step
  await handlePREvent(request);
}

async function registerGitHubWebhook(repoId: string, token: string) {
  "use step";
  await postNote("github-register", { repoId, token });
}

async function handlePREvent(request: RequestWithResponse) {
  "use step";

  const event = request.headers.get("X-GitHub-Event");
  const payload = await request.json();

  // Send response back to GitHub
  request.respondWith(Response.json({ received: true }, { status: 200 }));

  return { event, payload };
}

/** Same flow with respondWith: "manual": the step's `{ received: true }` reaches GitHub. */
export async function githubPRManual(repoId: string) {
  "use workflow";
  const webhook = createWebhook({ respondWith: "manual" });
  await registerGitHubWebhook(repoId, webhook.token);
  const request = await webhook;
  return handlePREvent(request);
}

/** The seed's "multiple webhook requests" loop. */
export async function githubEventLoop(repoId: string) {
  "use workflow";
  const webhook = createWebhook({ respondWith: "manual" });
  await registerGitHubWebhook(repoId, webhook.token);
  const actions: string[] = [];

  // Handle multiple webhook requests
  for await (const request of webhook) {
    const result = await processRequest(request);
    actions.push(result.action);
    if (result.shouldStop) break;
  }
  return actions;
}

async function processRequest(request: RequestWithResponse) {
  "use step";
  const payload = (await request.json()) as { action: string };
  request.respondWith(Response.json({ received: payload.action }));
  return { action: payload.action, shouldStop: payload.action === "closed" };
}
