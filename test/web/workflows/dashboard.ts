import {
  createHook,
  FatalError,
  getStepMetadata,
  getWritable,
  RetryableError,
  sleep,
} from "workflow";

async function reserve(sku: string) {
  "use step";
  return { sku, shelf: "B4" };
}

/** Fails its first attempt (the timeline shows a retry), then charges. */
async function charge(cents: number) {
  "use step";
  const { attempt } = getStepMetadata();
  if (attempt === 1) throw new RetryableError("card network busy", { retryAfter: "50ms" });
  return { cents: BigInt(cents), charged: new Date(Date.UTC(2026, 0, 2)) };
}

async function ship(sku: string) {
  "use step";
  const writer = getWritable<string>().getWriter();
  await writer.write(`packing ${sku}\n`);
  await writer.write(`shipped ${sku}\n`);
  writer.releaseLock();
  await getWritable().close();
  return `tracking-${sku}`;
}

/** Three steps (one retried) and a short sleep, writing to its stream. */
export async function order(sku: string, cents: number) {
  "use workflow";
  const reserved = await reserve(sku);
  const paid = await charge(cents);
  await sleep("100ms");
  const tracking = await ship(sku);
  return { reserved, paid, tracking };
}

async function record(decision: unknown) {
  "use step";
  return { recorded: decision };
}

/** Waits on a hook for a decision, then records it. */
export async function approval(token: string) {
  "use workflow";
  const hook = createHook<{ approved: boolean }>({ token, metadata: { queue: "refunds" } });
  const decision = await hook;
  return record(decision);
}

/** Sleeps for an hour: a run to cancel. */
export async function dawdle(note: string) {
  "use workflow";
  await sleep("1h");
  return note;
}

async function say(line: string) {
  "use step";
  const writer = getWritable<string>().getWriter();
  await writer.write(line);
  writer.releaseLock();
}

async function hangUp() {
  "use step";
  await getWritable().close();
}

/** Writes a line, waits for a reply on a hook, writes the reply: a stream that grows while the page watches. */
export async function chat(token: string) {
  "use workflow";
  await say("hello\n");
  const { text } = await createHook<{ text: string }>({ token });
  await say(`you said: ${text}\n`);
  await hangUp();
  return text;
}

async function refuse(reason: string): Promise<never> {
  "use step";
  throw new FatalError(`refused: ${reason}`);
}

/** Fails in a step. */
export async function rejected(reason: string) {
  "use workflow";
  await refuse(reason);
}
