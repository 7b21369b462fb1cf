import type { TestRuntime } from "./test-runtime.js";
import type { TestWorld } from "./test-world.js";
import type { Schedule } from "./schedule.js";
import { outsideProcesses } from "./process-view.js";

/** A hook a simulated run created, as `options.hooks` sees it. */
export interface SimulatedHook {
  token: string;
  runId: string;
  /** The hook's ID in the log (`correlationId` of its events). */
  correlationId: string | undefined;
  isWebhook: boolean;
}

/**
 * The payloads a simulation sends to the hooks its runs create: by token (a value, or a function
 * of the hook that returns one; a webhook's is a `Request`), or one function for every hook
 * (undefined: leave that hook alone), called when the hook is created. Each payload arrives at a
 * seeded time after that.
 */
export type HookPayloads = Record<string, unknown> | ((hook: SimulatedHook) => unknown);

/**
 * Sends the payloads of `payloads` to each hook a run creates in `world`, at the time the
 * schedule picks; returns a function that stops. A payload the runtime refuses (the hook was
 * disposed meanwhile: the run took the other branch of a race) is noted in the trace.
 */
export function deliverHookPayloads(
  world: TestWorld,
  runtime: TestRuntime,
  schedule: Schedule,
  payloads: HookPayloads | undefined,
): () => void {
  if (!payloads) return () => {};
  let count = 0;
  return world.onStored((event) => {
    if (event.type !== "hook_created") return;
    const hook: SimulatedHook = {
      token: event.data.token,
      runId: event.runId,
      correlationId: event.correlationId,
      isWebhook: event.data.isWebhook === true,
    };
    const entry = typeof payloads === "function" ? payloads : payloads[hook.token];
    const payload: unknown = typeof entry === "function" ? entry(hook) : entry;
    if (
      payload === undefined ||
      !(typeof payloads === "function" || Object.hasOwn(payloads, hook.token))
    )
      return;
    // A token given in options.hooks names the hook in the trace; another may be random (made
    // by createHook()), so the trace names it by its place among the run's hooks.
    const label = typeof payloads === "function" ? `#${++count}` : JSON.stringify(hook.token);
    const dueAt = runtime.clock.now() + schedule.hookDelay(label);
    world.queue.addTimer(dueAt, () =>
      // The payload comes from outside: a killed process does not take its call down with it.
      outsideProcesses(async () => {
        try {
          if (payload instanceof Request) await runtime.resumeWebhook(hook.token, payload);
          else await runtime.resumeHook(hook.token, payload);
        } catch (error) {
          const code = (error as { code?: unknown })?.code ?? (error as Error)?.name;
          schedule.note(`hook ${label} payload refused (${String(code)})`);
        }
      }),
    );
  });
}
