/**
 * What a hostile workflow would try (test/security/sandbox.test.ts): reach the host's Function
 * from the objects the sandbox hands it, compile "return process" with it, and run a command
 * that writes a marker file. Every attempt must fail; the result says how it did.
 */
import { createHook, fetch as workflowFetch, getWorkflowMetadata, sleep } from "workflow";

async function echo(value: string) {
  "use step";
  return value;
}

async function makeValues() {
  "use step";
  return { map: new Map([[1, 2]]), headers: new Headers({ a: "1" }), url: new URL("http://x/") };
}

type AnyFunction = (...args: any[]) => any;

/** What the global object answers for Object.prototype's members (the bundle's top level, and later). */
const globalMembers = () => {
  const g = globalThis as any;
  return [
    g.constructor?.constructor,
    g.hasOwnProperty?.constructor,
    g.__lookupGetter__?.constructor,
  ];
};
const GLOBAL_MEMBERS = globalMembers();

/** The copied globals as the bundle found them: accessors, made on first use (create-sandbox.ts). */
const COPIED_DESCRIPTORS = [
  "Headers",
  "Request",
  "Response",
  "URL",
  "AbortSignal",
  "DOMException",
].map((name) => Object.getOwnPropertyDescriptor(globalThis, name));

/** Something that may be a Function constructor: each way workflow code could get one. */
const CANDIDATES: Record<string, () => unknown> = {
  "Headers.constructor": () => Headers.constructor,
  "fetch.constructor": () => fetch.constructor,
  "fetch (workflow).constructor": () => workflowFetch.constructor,
  "URL.constructor": () => URL.constructor,
  "Object.getPrototypeOf(Headers).constructor": () => Object.getPrototypeOf(Headers).constructor,
  "Response.prototype.json.constructor": () => Response.prototype.json.constructor,
  "new Headers().get.constructor": () => new Headers().get.constructor,
  "async arrow constructor": () => (async () => {}).constructor,
  "Response.text() promise": () => new Response("x").text().constructor.constructor,
  "structuredClone result": () => structuredClone({ a: [1] }).constructor.constructor,
  "structuredClone result array": () => structuredClone({ a: [1] }).a.constructor.constructor,
  "TextEncoder output": () => new TextEncoder().encode("x").constructor.constructor,
  "Headers iterator": () => new Headers({ a: "1" }).entries().constructor.constructor,
  "Headers iterator next": () => Object.getPrototypeOf(new Headers().entries()).next.constructor,
  "Headers iterator entry": () => [...new Headers({ a: "1" })][0]!.constructor.constructor,
  "AbortController signal": () => new AbortController().signal.constructor.constructor,
  "URL searchParams": () => new URL("http://x/?a=1").searchParams.constructor.constructor,
  "console.log.constructor": () => console.log.constructor,
  "process.constructor": () => (process as any).constructor.constructor,
  "Date.now.constructor": () => Date.now.constructor,
  "crypto.randomUUID.constructor": () => crypto.randomUUID.constructor,
  "queueMicrotask.constructor": () => queueMicrotask.constructor,
  "step function constructor": () => echo.constructor,
  "sleep() promise": () => {
    const p = sleep("1ms");
    return p.constructor.constructor;
  },
  "workflow metadata": () => (getWorkflowMetadata() as any).constructor.constructor,
  hook: () => {
    const hook = createHook() as any;
    return Object.getPrototypeOf(hook).constructor.constructor;
  },
  "engine hooks on globalThis": () =>
    Object.getOwnPropertySymbols(globalThis)
      .map((s) => (globalThis as any)[s])
      .flatMap((v) => (typeof v === "function" ? [v.constructor] : [v?.constructor?.constructor])),
  "host error thrown by URL": () => {
    try {
      new URL("not a url");
    } catch (error) {
      return (error as Error).constructor.constructor;
    }
  },
  "host error thrown by a method": () => {
    try {
      Headers.prototype.get.call({}, "a");
    } catch (error) {
      return (error as Error).constructor.constructor;
    }
  },
  "Headers.forEach callback": () => {
    let found: unknown;
    new Headers({ a: "1" }).forEach((_v, _k, headers) => (found = headers.constructor.constructor));
    return found;
  },
  "abort event listener": () => {
    let found: unknown;
    const controller = new AbortController();
    controller.signal.addEventListener("abort", (event) => (found = event.constructor.constructor));
    controller.abort();
    return [found, controller.signal.reason.constructor.constructor];
  },
  "console.log inspect.custom": () => {
    let found: unknown;
    console.log({
      [Symbol.for("nodejs.util.inspect.custom")](_depth: unknown, options: any, inspect: any) {
        found = [inspect?.constructor, options?.stylize?.constructor];
        return "custom";
      },
    });
    return found;
  },
  "Proxy traps on what the engine does to a workflow function": () => {
    const found: unknown[] = [];
    const spy = new Proxy(function registered() {}, {
      defineProperty(target, key, descriptor) {
        found.push(descriptor.constructor.constructor);
        return Reflect.defineProperty(target, key, descriptor);
      },
    });
    const register = (globalThis as any)[Symbol.for("WORKFLOW_REGISTER")];
    register("workflow//./test/workflows/escapes.ts//spy", spy);
    return found;
  },
  "copied globals' accessors": () =>
    COPIED_DESCRIPTORS.map((d) => [
      d?.get?.constructor,
      d?.set?.constructor,
      d?.value?.constructor,
    ]),
  "global object's prototype members": () => [GLOBAL_MEMBERS, globalMembers()],
  "realm Function": () => Function,
  eval: () => (code: string) => () => eval(code),
};

/** Candidates that are promises: their value (or error) is the thing to try. */
const ASYNC_CANDIDATES: Record<string, () => Promise<unknown>> = {
  "Response.json() value": async () =>
    (await new Response('{"a":[1]}').json()).constructor.constructor,
  "Response.arrayBuffer() value": async () =>
    (await new Response("x").arrayBuffer()).constructor.constructor,
  "crypto.subtle.digest error": async () =>
    (await crypto.subtle.digest("MD5", new Uint8Array(1)).catch((e: Error) => e)).constructor
      .constructor,
  "Response.text() rejection": async () => {
    const response = new Response("x");
    await response.text();
    return (await response.text().catch((e: Error) => e)).constructor.constructor;
  },
  "step result after deleting the realm's globals": async () => {
    // Deserialization must not fall back to the host's constructors.
    for (const name of ["Map", "Headers", "URL"]) delete (globalThis as any)[name];
    const { map, headers, url } = await makeValues();
    return [map, headers, url].map((value: any) => value.constructor.constructor);
  },
  "fetch (workflow) Response": async () => {
    // No network: the fetch step fails, and its error is the candidate.
    return (await workflowFetch("http://127.0.0.1:1/").catch((e: Error) => e)).constructor
      .constructor;
  },
};

export const ESCAPES = [...Object.keys(CANDIDATES), ...Object.keys(ASYNC_CANDIDATES)];

/** Tries every function in `found` (nested in arrays) as a compiler; says what became of it. */
function attempt(found: unknown, marker: string): string {
  const fns = (Array.isArray(found) ? found.flat(3) : [found]).filter(
    (f): f is AnyFunction => typeof f === "function",
  );
  if (fns.length === 0) return "no function";
  const outcomes: string[] = [];
  for (const fn of fns) {
    try {
      const compiled = fn("return process");
      const proc = typeof compiled === "function" ? compiled() : undefined;
      if (proc && typeof proc.getBuiltinModule === "function") {
        proc.getBuiltinModule("child_process").execSync(`touch ${JSON.stringify(marker)}`);
        return "ESCAPED";
      }
      outcomes.push(`no process (${typeof proc})`);
    } catch (error) {
      outcomes.push(`threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
    }
  }
  return outcomes.join("; ");
}

/** Runs escape `name`; returns how it failed (or "ESCAPED"). */
export async function tryEscape(name: string, marker: string) {
  "use workflow";
  await echo("before");
  let found: unknown;
  try {
    found = name in CANDIDATES ? CANDIDATES[name]!() : await ASYNC_CANDIDATES[name]!();
  } catch (error) {
    return `getting it threw ${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
  return attempt(found, marker);
}

/** Real timers through AbortSignal.timeout. */
export async function usesAbortSignalTimeout() {
  "use workflow";
  return AbortSignal.timeout(10).aborted;
}

/** An endless loop before the first await. */
export async function loopsAtOnce() {
  "use workflow";
  for (;;) {
    // spins
  }
}

/** An endless loop in a continuation, after an await. */
export async function loopsAfterAwait(value: string) {
  "use workflow";
  await echo(value);
  for (;;) {
    // spins
  }
}

/** An endless loop that catches the time limit's error and goes on. */
export async function loopsCatchingTheLimit() {
  "use workflow";
  let caught = 0;
  for (;;) {
    try {
      for (;;) {
        // spins
      }
    } catch {
      caught++;
    }
  }
}

/** An endless chain of promise jobs: no loop, each job queues the next. */
export async function chainsJobsForever() {
  "use workflow";
  const next = (): Promise<void> => Promise.resolve().then(next);
  await next();
}

/** Endless recursion whose stack overflow is caught, and recursion again. */
export async function recursesForever() {
  "use workflow";
  const dive = (depth: number): number => {
    try {
      return dive(depth + 1);
    } catch {
      return dive(depth + 1);
    }
  };
  return dive(0);
}

/** Leaves a rejected promise no one handles. */
export async function leavesRejection() {
  "use workflow";
  void Promise.reject(new Error("left unhandled"));
  return "done";
}

/** A well-behaved workflow that shares the runtime with the loops. */
export async function finishes(value: string) {
  "use workflow";
  const first = await echo(value);
  await sleep("1ms");
  return `${first}!`;
}

/** What workflow code can see of the environment. */
export async function readsEnvironment() {
  "use workflow";
  let secret: string;
  try {
    secret = `read: ${String(process.env.WORKFLOW_SECRET)}`;
  } catch (error) {
    secret = `threw: ${(error as Error).message}`;
  }
  return {
    secret,
    keys: Object.keys(process.env),
    json: JSON.stringify(process.env),
    has: "WORKFLOW_SECRET" in process.env,
  };
}

/** Its deserialize method never returns: it runs inside the workflow, on the step's result. */
export class Spinner {
  static [Symbol.for("workflow-serialize")](_spinner: Spinner) {
    return {};
  }

  static [Symbol.for("workflow-deserialize")]() {
    for (;;) {
      // spins
    }
  }
}

async function makeSpinner() {
  "use step";
  return new Spinner();
}

/** An endless loop in a class's deserialize method, run by the engine for a step's result. */
export async function loopsInDeserialize() {
  "use workflow";
  return typeof (await makeSpinner());
}
