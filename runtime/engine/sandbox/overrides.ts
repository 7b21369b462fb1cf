/**
 * Every global the workflow sandbox changes, with the reason and, for what workflow code cannot
 * use, the fix its error names. This list is the one place they are written: `prelude.ts`
 * installs the blocked and no-op globals from it and builds every error message from it, and
 * writes out the others (Date, Math.random, crypto, process, console, queueMicrotask) by hand.
 * Nothing else differs from a bare ECMAScript realm plus the Web APIs in `COPIED_GLOBALS`.
 */

/** One global (or member of one) that the sandbox changes. */
export interface SandboxOverride {
  /** As workflow code names it. */
  readonly name: string;
  /** What the sandbox does instead, and why; for what is refused, why it cannot be used. */
  readonly reason: string;
  /** What to do instead, for what workflow code cannot use: the end of its error message. */
  readonly fix?: string;
  /**
   * How the prelude installs it from this list: `throw` replaces the global by a function that
   * throws the error (called or constructed with `new`), `no-op` by one that does nothing.
   * Without it, the prelude writes the override out.
   */
  readonly install?: "throw" | "no-op";
}

const TIMERS = "A timer does not survive a suspension";

export const SANDBOX_OVERRIDES = [
  { name: "Math.random", reason: "Seeded per run, so that a replay draws the same numbers." },
  {
    name: "Date",
    reason:
      "new Date() and Date.now() read the run's clock (the time of the last event replayed), so that a replay sees the same times. Date with arguments is the real Date.",
  },
  { name: "crypto.getRandomValues", reason: "Seeded per run, like Math.random." },
  { name: "crypto.randomUUID", reason: "Seeded per run, like Math.random." },
  {
    name: "crypto.subtle",
    reason: "Only crypto.subtle.digest is available (it is deterministic)",
    fix: "call the other methods in a step",
  },
  { name: "setTimeout", reason: TIMERS, fix: 'use sleep() from "workflow"', install: "throw" },
  { name: "setInterval", reason: TIMERS, fix: "use sleep() in a loop", install: "throw" },
  { name: "setImmediate", reason: TIMERS, fix: 'use sleep() from "workflow"', install: "throw" },
  {
    name: "AbortSignal.timeout",
    reason: `${TIMERS}, and its timer would fire on the host's clock, not the run's`,
    fix: 'use sleep() from "workflow"',
    install: "throw",
  },
  {
    name: "queueMicrotask",
    reason:
      "Queues on the sandbox's own microtask queue, which runs under the time limit of workflow code.",
  },
  { name: "clearTimeout", reason: "A no-op: there are no timers to clear.", install: "no-op" },
  { name: "clearInterval", reason: "A no-op: there are no timers to clear.", install: "no-op" },
  { name: "clearImmediate", reason: "A no-op: there are no timers to clear.", install: "no-op" },
  {
    name: "fetch",
    reason: "I/O must be a step so that it runs once and its result is recorded",
    fix: 'use fetch from "workflow"',
    install: "throw",
  },
  {
    name: "require",
    reason: "Node modules cannot run in a workflow",
    fix: 'move that code into a step ("use step")',
    install: "throw",
  },
  {
    name: "WeakRef",
    reason:
      "Garbage collection is not deterministic, so a replay could find the object collected where the first execution did not",
    fix: "hold the object in a variable or a Map",
    install: "throw",
  },
  {
    name: "FinalizationRegistry",
    reason:
      "Garbage collection is not deterministic, so a replay would run the cleanups at other points",
    fix: "clean up explicitly (try/finally), or in a step",
    install: "throw",
  },
  {
    name: "console",
    reason:
      "Quiet while a run replays code that an earlier invocation already ran, so that each line prints once.",
  },
  { name: "process", reason: "Only process.env, as below: no other member of Node's process." },
  {
    name: "process.env",
    reason:
      "Workflow code sees only process.env.NODE_ENV, so that a replay (perhaps in another process) sees the same configuration without the run's log holding your secrets",
    fix: "read it in the step that uses it",
  },
] as const satisfies readonly SandboxOverride[];

export type SandboxOverrideName = (typeof SANDBOX_OVERRIDES)[number]["name"];

/** The globals the prelude replaces by a function that throws (see `SandboxOverride.install`). */
export const THROWING_GLOBALS: readonly string[] = SANDBOX_OVERRIDES.filter(
  (o: SandboxOverride) => o.install === "throw",
).map((o) => o.name);

/** The globals the prelude replaces by a function that does nothing. */
export const NO_OP_GLOBALS: readonly string[] = SANDBOX_OVERRIDES.filter(
  (o: SandboxOverride) => o.install === "no-op",
).map((o) => o.name);

/**
 * Host globals the sandbox gets: deterministic, pure Web APIs. Not as they are: through the
 * bridge (bridge.ts), as functions and classes of the realm that call the host's, so that no
 * host function, and with it the host's `Function`, is reachable from workflow code.
 */
export const COPIED_GLOBALS = [
  "URL",
  "URLSearchParams",
  "TextEncoder",
  "TextDecoder",
  "Headers",
  // Building a Response is pure (createWebhook's respondWith); sending one is a step's job.
  "Request",
  "Response",
  "structuredClone",
  "atob",
  "btoa",
  "AbortController",
  "AbortSignal",
  "DOMException",
] as const;

/**
 * The error message for what workflow code cannot use: what happened, why, and what to do.
 * `what` names the exact thing used when it is a member of the override (`crypto.subtle.sign`,
 * `process.env.API_KEY`).
 */
export function describeBlockedGlobal(name: SandboxOverrideName, what: string = name): string {
  const entry: SandboxOverride | undefined = SANDBOX_OVERRIDES.find((o) => o.name === name);
  if (!entry) return `${what} is not available in workflow functions.`;
  const why = entry.fix ? `${entry.reason}: ${entry.fix}.` : entry.reason;
  return `${what} is not available in workflow functions. ${why}`;
}
