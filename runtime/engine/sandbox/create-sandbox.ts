import { createHash } from "node:crypto";
import vm from "node:vm";
import {
  COPIED_GLOBALS,
  describeBlockedGlobal,
  NO_OP_GLOBALS,
  type SandboxOverrideName,
  THROWING_GLOBALS,
} from "./overrides.js";
import { PRELUDE_SOURCE, type PreludeHost } from "./prelude.js";

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
}

/** A workflow sandbox: its own realm, deterministic globals, no timers, I/O or modules. */
export interface Sandbox {
  /** The realm's own globalThis: its constructors build values the workflow sees. */
  readonly global: Record<PropertyKey, any>;
  /** Evaluates code (a workflow bundle) in the sandbox. */
  evaluate(code: string, filename: string): unknown;
}

const prelude = new vm.Script(PRELUDE_SOURCE, { filename: "workflow:sandbox-prelude" });
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

export function createSandbox(options: SandboxOptions): Sandbox {
  const seed: Record<string, unknown> = {};
  for (const name of COPIED_GLOBALS) {
    if (name in globalThis) seed[name] = (globalThis as Record<string, unknown>)[name];
  }
  const context = vm.createContext(seed, {
    name: "workflow",
    codeGeneration: { strings: false, wasm: false },
  });
  const global = vm.runInContext("globalThis", context) as Record<PropertyKey, any>;
  const host: PreludeHost = {
    now: options.now,
    random: options.random,
    digest,
    console: options.console ?? console,
    nodeEnv: "nodeEnv" in options ? options.nodeEnv : process.env.NODE_ENV,
    throwing: THROWING_GLOBALS,
    noOps: NO_OP_GLOBALS,
    describe: (name, what) => describeBlockedGlobal(name as SandboxOverrideName, what),
  };
  (prelude.runInContext(context) as (h: PreludeHost) => void)(host);
  return {
    global,
    evaluate: (code, filename) => getScript(code, filename).runInContext(context),
  };
}
