import { createHook, sleep } from "workflow";
import { HookConflictError } from "workflow/errors";
import { postNote } from "./notes.js";

interface Message {
  message: string;
  done?: boolean;
}

async function publishToken(channel: string, token: string) {
  "use step";
  await postNote(channel, { token });
}

/** Collects payloads with `for await` until one says done; custom token and metadata. */
export async function collectMessages(token: string, customData: string) {
  "use workflow";
  const hook = createHook<Message>({ token, metadata: { customData } });
  const messages: Message[] = [];
  for await (const message of hook) {
    messages.push(message);
    if (message.done) break;
  }
  return messages;
}

/** A default token, handed out through a step; one payload. */
export async function defaultToken(channel: string) {
  "use workflow";
  const hook = createHook<{ value: number }>();
  await publishToken(channel, hook.token);
  const payload = await hook;
  return { token: hook.token, payload };
}

/** Payloads that arrive while the workflow sleeps are kept, in order. */
export async function bufferedPayloads(token: string) {
  "use workflow";
  const hook = createHook<number>({ token });
  await sleep("400ms");
  const first = await hook;
  const rest: number[] = [];
  for await (const value of hook) {
    rest.push(value);
    if (rest.length === 2) break;
  }
  return [first, ...rest];
}

/** Awaits a hook whose token may be taken; reports the error it gets. */
export async function claimToken(token: string) {
  "use workflow";
  const hook = createHook<string>({ token });
  try {
    return { payload: await hook };
  } catch (error) {
    return {
      error: {
        name: (error as Error).name,
        message: (error as Error).message,
        isConflict: HookConflictError.is(error),
        instanceOf: error instanceof HookConflictError,
      },
    };
  }
}

/** Two live hooks of one run with the same token: the second conflicts. */
export async function sameTokenTwice(token: string) {
  "use workflow";
  const first = createHook<string>({ token });
  const second = createHook<string>({ token });
  let conflict = "";
  try {
    await second;
  } catch (error) {
    conflict = (error as Error).name;
  }
  return { conflict, first: await first };
}

/** Disposes a hook after one payload, then takes the same token again for a new hook. */
export async function disposeAndReuse(token: string) {
  "use workflow";
  const first = createHook<string>({ token });
  const a = await first;
  first.dispose();
  const second = createHook<string>({ token });
  const b = await second;
  return [a, b];
}
