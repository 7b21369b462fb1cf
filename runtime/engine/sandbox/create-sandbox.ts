import { createHash } from "node:crypto";
import { executionAsyncId } from "node:async_hooks";
import vm from "node:vm";
import { type AnyConstructor, isolateRealm } from "../../serialization/realm.js";
import { type Bridge, createBridge } from "./bridge.js";
import {
  COPIED_GLOBALS,
  describeBlockedGlobal,
  NO_OP_GLOBALS,
  type SandboxOverrideName,
  THROWING_GLOBALS,
} from "./overrides.js";
import { HOOK_KEYS } from "../../../protocol/symbols.js";
import { type InstallMembers, type Prelude, PRELUDE_SOURCE, type PreludeHost } from "./prelude.js";
import { createSafeConsole } from "./safe-console.js";
import { dropRealmRejections } from "./realm-rejections.js";

/** How long one activation of workflow code may run when nothing says otherwise. */
export const DEFAULT_ACTIVATION_TIMEOUT_MS = 5000;

export interface SandboxOptions {
  /** The run's clock, read by Date inside the sandbox. */
  now(): number;
  /** The run's seeded generator, used by Math.random and crypto. */
  random(): number;
  /** The console workflow code gets. @default the host's console */
  console?: object;
  /**
   * The one environment variable workflow code sees: the same in every process that replays
   * the run, and no secret. @default process.env.NODE_ENV
   */
  nodeEnv?: string | undefined;
  /**
   * How long workflow code may run at a time (evaluating the bundle, or one `drain`), its
   * promise continuations included; past it, `ActivationTimeoutError` is thrown.
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * The code this sandbox runs calls the activation guard in every loop and function (a bundle
   * that starts with `GUARDED_BUNDLE_BANNER`): the guard enforces `timeoutMs`, and no `vm`
   * timeout (a watchdog thread per evaluation) is needed. Code without guards must not run in
   * a sandbox made with this: an endless loop in it would not be stopped.
   * @default false
   */
  guarded?: boolean;
}

/** A workflow sandbox: its own realm, deterministic globals, no timers, I/O or modules. */
export interface Sandbox {
  /** The realm's own globalThis: its constructors build values the workflow sees. */
  readonly global: Record<PropertyKey, any>;
  /** How host values cross into the realm and back (no host function ever does). */
  readonly bridge: Bridge;
  /** Evaluates code (a workflow bundle) in the sandbox, then runs the jobs it queued. */
  evaluate(code: string, filename: string): unknown;
  /**
   * Runs the realm's queued promise jobs: the realm has its own microtask queue (so that the
   * time limit covers code after an `await`), which runs only when the host asks.
   */
  drain(): void;
  /**
   * Calls `fn` (host code that may call workflow code: a user class's serialization methods,
   * getters) under the time limit, then runs the jobs it queued; returns what `fn` returned.
   * Without `guarded`, each call costs a watchdog thread (0.1-0.2 ms, more on a busy machine),
   * so one call should do all the work it can: an `evaluate`, `drain` or `run` inside `fn` runs
   * untimed, under this call's limit (`evaluate` and `drain` still run the jobs they queue).
   */
  run<T>(fn: () => T): T;
}

/** Workflow code ran longer than the sandbox's `timeoutMs` at one time. */
export class ActivationTimeoutError extends Error {
  override name = "ActivationTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`workflow code ran for more than ${timeoutMs} ms without yielding`);
  }
}

const prelude = new vm.Script(PRELUDE_SOURCE, { filename: "workflow:sandbox-prelude" });
const nothing = new vm.Script("", { filename: "workflow:sandbox-drain" });
const globalOf = new vm.Script("globalThis", { filename: "workflow:sandbox-global" });
/** The realm's entry point for `Sandbox.run` (non-writable: workflow code cannot replace it). */
const RUN_KEY = "workflow/sandbox-run";
const runTask = new vm.Script(`globalThis[Symbol.for(${JSON.stringify(RUN_KEY)})]()`, {
  filename: "workflow:sandbox-run",
});
// Compiling a bundle once serves every run of it: scripts are per code, contexts per run.
const scripts = new Map<string, vm.Script>();

function getScript(code: string, filename: string): vm.Script {
  const key = `${filename}\0${code}`;
  let script = scripts.get(key);
  if (!script) {
    if (scripts.size > 32) scripts.delete(scripts.keys().next().value!);
    script = new vm.Script(code, { filename });
    scripts.set(key, script);
  }
  return script;
}

const DIGESTS: Record<string, string> = {
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

/**
 * crypto.subtle.digest, computed at once: Web Crypto's digest settles on a thread-pool callback,
 * whose timing against the replay's event deliveries differs between runs.
 */
function digest(algorithm: unknown, data: unknown): Uint8Array {
  const name = typeof algorithm === "string" ? algorithm : (algorithm as { name?: unknown })?.name;
  const hash = typeof name === "string" ? DIGESTS[name.toUpperCase()] : undefined;
  if (!hash)
    throw new TypeError(
      `crypto.subtle.digest: unsupported algorithm ${JSON.stringify(name)}; use ${Object.keys(DIGESTS).join(", ")}`,
    );
  let bytes: Uint8Array;
  if (ArrayBuffer.isView(data))
    bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else if (Object.prototype.toString.call(data) === "[object ArrayBuffer]")
    bytes = new Uint8Array(data as ArrayBuffer);
  else throw new TypeError("crypto.subtle.digest: data must be an ArrayBuffer or a typed array");
  return createHash(hash).update(bytes).digest();
}

interface AsyncWrapBinding {
  async_hook_fields: Uint32Array;
  async_id_fields: Float64Array;
  constants: { kStackLength: number; kExecutionAsyncId: number };
  popAsyncContext(asyncId: number): boolean;
}

/**
 * Works around a Node bug: a timeout that stops a promise job of the realm (with async hooks
 * on, as AsyncLocalStorage turns them on) skips the job's `after` hook, and the async context
 * it pushed stays on Node's stack, which aborts the process at the next callback ("async hook
 * stack has become corrupted"). Pops what the stopped job left, back to `asyncId`. Only after a
 * timeout, so the deprecated binding (and its warning) is not touched otherwise.
 */
function restoreAsyncContext(asyncId: number): void {
  const binding = (process as unknown as { binding(name: "async_wrap"): AsyncWrapBinding }).binding(
    "async_wrap",
  );
  const { async_hook_fields: fields, async_id_fields: ids, constants } = binding;
  for (let i = 0; i < 100_000; i++) {
    if (fields[constants.kStackLength] === 0) return;
    const current = ids[constants.kExecutionAsyncId]!;
    if (current === asyncId) return;
    binding.popAsyncContext(current);
  }
}

/**
 * Defines the globals of `COPIED_GLOBALS` in the realm, each wrapped (bridge.ts) on first use:
 * wrapping a class costs a realm function per member (Headers alone about 0.3 ms), and most
 * workflows touch none of them. Until then the global is an accessor whose getter and setter are
 * realm functions (made by the bridge); the first read or write turns it into the writable data
 * property it would otherwise be. Returns the wrapped globals by name, made on first call, for
 * the realm's deserializer (`isolateRealm`).
 */
function installCopiedGlobals(
  global: Record<PropertyKey, any>,
  bridge: Bridge,
  installMembers: () => InstallMembers,
): Map<string, () => AnyConstructor> {
  const copied = new Map<string, () => AnyConstructor>();
  for (const name of COPIED_GLOBALS) {
    if (!(name in globalThis)) continue;
    let wrapped: AnyConstructor | undefined;
    const make = () => {
      if (wrapped) return wrapped;
      wrapped = bridge.toRealm((globalThis as Record<string, unknown>)[name]) as AnyConstructor;
      installMembers()(name, wrapped);
      return wrapped;
    };
    copied.set(name, make);
    const settle = (value: unknown) => {
      // Only while the accessor is still the global: a getter kept by workflow code and called
      // later must not undo what the workflow assigned since.
      if (Object.getOwnPropertyDescriptor(global, name)?.get !== get) return;
      Object.defineProperty(global, name, { value, writable: true, configurable: true });
    };
    const get = bridge.expose(`get ${name}`, () => {
      const value = make();
      settle(value);
      return value;
    }) as () => unknown;
    const set = bridge.expose(`set ${name}`, (_, args) => void settle(args[0])) as (
      value: unknown,
    ) => void;
    Object.defineProperty(global, name, { get, set, configurable: true });
  }
  return copied;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const timeout = options.timeoutMs ?? DEFAULT_ACTIVATION_TIMEOUT_MS;
  // A plain global object of the realm (DONT_CONTEXTIFY, Node >= 20.18), not one contextified
  // around a host object: no host object sits behind the realm's global lookups (a contextified
  // `{}` answered `constructor` with the host's Object, whose constructor compiles host code),
  // and a global lookup is a property load instead of a call of Node's interceptors, about 10x
  // faster; the prelude's globals are defined as cheaply. A sandbox is made 15-25% faster.
  const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, {
    name: "workflow",
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: "afterEvaluate",
  });
  const global = globalOf.runInContext(context) as Record<PropertyKey, any>;
  dropRealmRejections(global.Promise.prototype as object);
  const bridge = createBridge(context);
  let installMembers: InstallMembers | undefined;
  const copied = installCopiedGlobals(global, bridge, () => installMembers!);
  const target = (options.console ?? console) as Record<string, (...args: unknown[]) => void>;
  const safe = createSafeConsole(target);
  const realmConsole = bridge.toRealm({}) as Record<string, unknown>;
  for (const [method, call] of Object.entries(safe))
    realmConsole[method] = bridge.expose(method, (_, args) => call(args));
  const host: PreludeHost = {
    elapsed: () => performance.now(),
    tickKey: HOOK_KEYS.activationTick,
    now: options.now,
    random: options.random,
    digest,
    console: realmConsole,
    nodeEnv: "nodeEnv" in options ? options.nodeEnv : process.env.NODE_ENV,
    throwing: THROWING_GLOBALS,
    noOps: NO_OP_GLOBALS,
    describe: (name, what) => describeBlockedGlobal(name as SandboxOverrideName, what),
  };
  const installed = (prelude.runInContext(context) as (h: PreludeHost) => Prelude)(host);
  installMembers = installed.installMembers;
  const { guard } = installed;
  const guarded = options.guarded ?? false;
  isolateRealm(global, copied);
  let task: (() => unknown) | undefined;
  let result: unknown;
  Object.defineProperty(global, Symbol.for(RUN_KEY), {
    value: bridge.raw("run", () => {
      const next = task;
      task = undefined;
      if (next) result = next();
    }),
  });
  // Inside a timed evaluation (a `run` whose task evaluates code), another one is covered by the
  // outer time limit: it runs untimed, which spares its watchdog thread (see `Sandbox.run`).
  let depth = 0;
  const timed = (script: vm.Script) => {
    if (depth > 0) return script.runInContext(context);
    return guarded ? guardedRun(script) : watchedRun(script);
  };
  // A guarded bundle's loops and functions stop it past the limit (compiler/activation-guards.ts):
  // no watchdog thread. An activation that ran past it in one long call of a built-in is failed
  // when it returns.
  const guardedRun = (script: vm.Script) => {
    depth++;
    guard.begin(timeout);
    let result: unknown;
    try {
      result = script.runInContext(context);
    } catch (error) {
      if (guard.end()) throw new ActivationTimeoutError(timeout);
      throw error;
    } finally {
      depth--;
    }
    if (guard.end()) throw new ActivationTimeoutError(timeout);
    return result;
  };
  // Code without guards (a bundle built otherwise, code evaluated by tests) runs under `vm`'s
  // timeout, which starts and joins a watchdog thread per evaluation.
  const watchedRun = (script: vm.Script) => {
    const asyncId = executionAsyncId();
    depth++;
    try {
      return script.runInContext(context, { timeout });
    } catch (error) {
      if ((error as { code?: unknown })?.code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw error;
      restoreAsyncContext(asyncId);
      throw new ActivationTimeoutError(timeout);
    } finally {
      depth--;
    }
  };
  return {
    global,
    bridge,
    evaluate: (code, filename) => timed(getScript(code, filename)),
    drain: () => void timed(nothing),
    run<T>(fn: () => T): T {
      if (depth > 0) return fn();
      task = fn;
      result = undefined;
      try {
        timed(runTask);
        return result as T;
      } finally {
        task = undefined;
        result = undefined;
      }
    },
  };
}
