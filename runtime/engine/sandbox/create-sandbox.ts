import { webcrypto } from "node:crypto";
import vm from "node:vm";
import { COPIED_GLOBALS } from "./overrides.js";
import { PRELUDE_MESSAGES, PRELUDE_SOURCE, type PreludeHost } from "./prelude.js";

export interface SandboxOptions {
  /** The run's clock, read by Date inside the sandbox. */
  now(): number;
  /** The run's seeded generator, used by Math.random and crypto. */
  random(): number;
  env?: Record<string, string | undefined>;
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
    digest: (algorithm, data) => webcrypto.subtle.digest(algorithm, data),
    env: options.env ?? { ...process.env },
    messages: PRELUDE_MESSAGES,
  };
  (prelude.runInContext(context) as (h: PreludeHost) => void)(host);
  return {
    global,
    evaluate: (code, filename) => getScript(code, filename).runInContext(context),
  };
}
