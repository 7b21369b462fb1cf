/**
 * Every global the workflow sandbox changes, with the reason and what to use instead.
 * `prelude.ts` installs exactly these; nothing else differs from a bare ECMAScript realm
 * plus the Web APIs in `COPIED_GLOBALS`.
 */
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
    reason: "Only digest (deterministic) is available; anything else belongs in a step.",
  },
  {
    name: "setTimeout",
    reason: 'A timer does not survive a suspension: use sleep() from "workflow".',
  },
  { name: "setInterval", reason: "A timer does not survive a suspension: use sleep() in a loop." },
  {
    name: "setImmediate",
    reason: 'A timer does not survive a suspension: use sleep() from "workflow".',
  },
  {
    name: "fetch",
    reason:
      'I/O must be a step so that it runs once and its result is recorded: use fetch from "workflow".',
  },
  {
    name: "require",
    reason: 'Node modules cannot run in a workflow: move that code into a step ("use step").',
  },
  {
    name: "process",
    reason: "Only process.env, frozen at run start: a replay must see the same configuration.",
  },
] as const;

export type SandboxOverride = (typeof SANDBOX_OVERRIDES)[number]["name"];

/** Host globals the sandbox gets as they are: deterministic, pure Web APIs. */
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
  "console",
  "queueMicrotask",
  "AbortController",
  "AbortSignal",
  "DOMException",
] as const;

/** The error message for a blocked global: what happened, where to go instead. */
export function describeBlockedGlobal(name: SandboxOverride): string {
  const entry = SANDBOX_OVERRIDES.find((o) => o.name === name)!;
  return `${name} is not available in workflow functions. ${entry.reason}`;
}
