/**
 * Hook tokens as every world frees them: which tokens a stored event releases. Each backend
 * keeps the live tokens its own way (an index in memory, a unique table in Postgres).
 */
import { type StoredEvent, TERMINAL_RUN_EVENTS } from "./events.js";
import type { RunState } from "./state/types.js";

/** The live hook that holds a token. */
export interface TokenHolder {
  runId: string;
  hookId: string;
}

/** A token an event frees, and the hook that held it. */
export interface Release {
  token: string;
  holder: TokenHolder;
}

/** Tokens that `event` frees once stored: the hook it disposes, or every live hook of the run it ends. */
export function tokensFreedBy(state: RunState, event: StoredEvent): Release[] {
  const runId = state.runId;
  if (event.type === "hook_disposed") {
    const hook =
      event.correlationId === undefined ? undefined : state.hooks.get(event.correlationId);
    return hook?.status === "active"
      ? [{ token: hook.token, holder: { runId, hookId: hook.hookId } }]
      : [];
  }
  if (!TERMINAL_RUN_EVENTS.has(event.type)) return [];
  const releases: Release[] = [];
  for (const hook of state.hooks.values()) {
    if (hook.status === "active")
      releases.push({ token: hook.token, holder: { runId, hookId: hook.hookId } });
  }
  return releases;
}
