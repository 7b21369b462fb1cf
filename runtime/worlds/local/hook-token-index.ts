import type { TokenHolder } from "../shared/hook-tokens.js";
import type { RunState } from "../shared/state/types.js";

/**
 * Which live hook (of any run) holds each token. Invariant: every active hook of a loaded run is
 * the holder of its token. A holder may outlive its hook briefly (a release waits until the
 * disposing write is stored), which only makes a concurrent `hook_created` conflict, never lets
 * two live hooks share a token.
 */
export class HookTokenIndex {
  readonly #byToken = new Map<string, TokenHolder>();
  /** Tokens each run may hold (a superset: entries are checked against `#byToken`). */
  readonly #byRun = new Map<string, Set<string>>();

  get(token: string): TokenHolder | undefined {
    return this.#byToken.get(token);
  }

  /** Makes `holder` the holder of `token` and returns the previous holder (for `restore`). */
  claim(token: string, holder: TokenHolder): TokenHolder | undefined {
    const previous = this.#byToken.get(token);
    this.#byToken.set(token, holder);
    let tokens = this.#byRun.get(holder.runId);
    if (!tokens) this.#byRun.set(holder.runId, (tokens = new Set()));
    tokens.add(token);
    return previous;
  }

  /** Undoes a `claim`. */
  restore(token: string, previous: TokenHolder | undefined): void {
    if (previous) this.claim(token, previous);
    else this.#byToken.delete(token);
  }

  /** Frees `token` if `holder` still holds it. */
  release(token: string, holder: TokenHolder): void {
    const current = this.#byToken.get(token);
    if (current?.runId !== holder.runId || current.hookId !== holder.hookId) return;
    this.#byToken.delete(token);
    const tokens = this.#byRun.get(holder.runId);
    tokens?.delete(token);
    if (tokens?.size === 0) this.#byRun.delete(holder.runId);
  }

  /** Replaces everything `runId` holds by the active hooks of `state` (after loading or a rebuild). */
  resync(runId: string, state: RunState | null): void {
    for (const token of this.#byRun.get(runId) ?? []) {
      if (this.#byToken.get(token)?.runId === runId) this.#byToken.delete(token);
    }
    this.#byRun.delete(runId);
    for (const hook of state?.hooks.values() ?? []) {
      // A token already held by another run can only come from a log written outside this
      // world's checks; the first run loaded keeps it.
      if (hook.status === "active" && !this.#byToken.has(hook.token)) {
        this.claim(hook.token, { runId, hookId: hook.hookId });
      }
    }
  }
}
