import {
  createHook,
  createWebhook,
  type RequestWithResponse,
  RetryableError,
  sleep,
} from "workflow";

/** A trial that lasts a week: welcome now, a reminder after six days, the end after seven. */
export async function weekLongTrial(user: string) {
  "use workflow";
  const startedAt = Date.now();
  await sendEmail(user, "welcome");
  await sleep("6d");
  await sendEmail(user, "reminder");
  await sleep("1d");
  await sendEmail(user, "trial over");
  return { user, days: (Date.now() - startedAt) / 86_400_000 };
}

/** Sends an email (a step: tests mock it or let it run). */
export async function sendEmail(user: string, kind: string): Promise<string> {
  "use step";
  return `${kind} sent to ${user}`;
}

/** Polls a report that is ready on the third try; the provider says to come back in an hour. */
export async function waitForReport(reportId: string) {
  "use workflow";
  const startedAt = Date.now();
  const report = await fetchReport(reportId);
  return { report, hours: (Date.now() - startedAt) / 3_600_000 };
}

let tries = 0;
export async function fetchReport(reportId: string): Promise<string> {
  "use step";
  tries++;
  if (tries < 3) throw new RetryableError(`report ${reportId} not ready`, { retryAfter: "1h" });
  return `report ${reportId}`;
}

/** Charges an order (the step a test mocks), and returns the payment ID. */
export async function checkout(orderId: string, cents: number) {
  "use workflow";
  const paymentId = await chargeCard(orderId, cents);
  return { orderId, paymentId };
}

export async function chargeCard(_orderId: string, _cents: number): Promise<string> {
  "use step";
  throw new Error("the real card network is not reachable from tests: mock this step");
}

/** Waits for an approval, or gives up after three days. */
export async function approval(requestId: string) {
  "use workflow";
  const hook = createHook<{ approved: boolean }>({ token: `approval:${requestId}` });
  const outcome = await Promise.race([
    hook.then((payload) => (payload.approved ? "approved" : "rejected")),
    sleep("3d").then(() => "timed out"),
  ]);
  return { requestId, outcome };
}

/** Three steps in a row, each counting its executions outside the log (what a crash must not repeat). */
export async function threeSteps(label: string) {
  "use workflow";
  const a = await countedStep(label, "a");
  const b = await countedStep(label, "b");
  await sleep("1h");
  const c = await countedStep(label, "c");
  return [a, b, c];
}

export async function countedStep(label: string, name: string): Promise<string> {
  "use step";
  return `${label}:${name}`;
}

/** Waits for the payment provider's webhook call, and reads its status in a step. */
export async function paymentWebhook(orderId: string) {
  "use workflow";
  const webhook = createWebhook({ token: `payment-webhook-for-order-${orderId}` });
  const request = await webhook;
  return { orderId, status: await readStatus(request) };
}

async function readStatus(request: RequestWithResponse): Promise<string> {
  "use step";
  const body = (await request.json()) as { status: string };
  return body.status;
}
