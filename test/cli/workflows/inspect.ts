import { createHook, FatalError, getWritable } from "workflow";

/** A step with a result the CLI must decode: a Map, a Date, a bigint. */
async function price(sku: string) {
  "use step";
  return new Map<string, unknown>([
    ["sku", sku],
    ["cents", 1250n],
    ["at", new Date(Date.UTC(2026, 0, 2))],
  ]);
}

/** Completes with a value that is not plain JSON. */
export async function quote(sku: string) {
  "use workflow";
  const line = await price(sku);
  return { sku, line };
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

async function say(line: string) {
  "use step";
  const writer = getWritable<string>().getWriter();
  await writer.write(line);
  writer.releaseLock();
}

async function close() {
  "use step";
  await getWritable().close();
}

/** Writes to its stream, then waits on a hook (with metadata) for the rest. */
export async function conversation(token: string) {
  "use workflow";
  await say("hello");
  await say("how are you?");
  const hook = createHook<{ reply: string }>({ token, metadata: { channel: "support" } });
  const { reply } = await hook;
  await say(`you said: ${reply}`);
  await close();
  return reply;
}
