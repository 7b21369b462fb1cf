/** What the prelude needs from the host: the run's clock and its seeded generator. */
export interface PreludeHost {
  /** The host's monotonic clock in ms (performance.now), for the activation guard. */
  elapsed(): number;
  /** The key of the activation guard's global (`HOOK_KEYS.activationTick`). */
  tickKey: string;
  now(): number;
  random(): number;
  /** A digest computed synchronously (so it settles like any other microtask). */
  digest(algorithm: unknown, data: unknown): Uint8Array;
  /** `process.env.NODE_ENV` of the host when the sandbox was made: the one variable workflow code sees. */
  nodeEnv: string | undefined;
  /** The session's console (quiet while the run replays), already made of the realm's functions. */
  console: object;
  /** Globals to replace by a function that throws their error, and by one that does nothing. */
  throwing: readonly string[];
  noOps: readonly string[];
  /** The error message for override `name` of `overrides.ts`, used as `what` (default `name`). */
  describe(name: string, what?: string): string;
}

/**
 * Installs the overrides of `overrides.ts` on a copied global that the sandbox made after the
 * prelude ran (its dotted entries, such as AbortSignal.timeout). A function of the realm.
 */
export type InstallMembers = (ownerName: string, owner: object) => void;

/**
 * The activation guard's controls (realm functions): `begin(limitMs)` before workflow code runs,
 * `end()` after, which says whether the code ran past the limit (and resets the guard).
 */
export interface ActivationGuard {
  begin(limitMs: number): void;
  end(): boolean;
}

/** What the prelude returns. */
export interface Prelude {
  installMembers: InstallMembers;
  guard: ActivationGuard;
}

/**
 * Runs inside the sandbox's realm (so the objects it makes belong to that realm) and installs
 * the overrides of `overrides.ts`; returns its `InstallMembers`. A function expression,
 * evaluated once per sandbox.
 */
export const PRELUDE_SOURCE = `(function installWorkflowPrelude(host) {
  "use strict";
  const RealDate = Date;
  function WorkflowDate(...args) {
    if (!new.target) return new RealDate(host.now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [host.now()] : args, new.target);
  }
  // Named Date: it is the realm's Date (serialization and user code look at the name).
  Object.defineProperty(WorkflowDate, "name", { value: "Date" });
  Object.setPrototypeOf(WorkflowDate, RealDate);
  Object.defineProperty(WorkflowDate, "prototype", { value: RealDate.prototype });
  WorkflowDate.now = () => host.now();
  WorkflowDate.parse = RealDate.parse;
  WorkflowDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, "constructor", { value: WorkflowDate, writable: true, configurable: true });
  globalThis.Date = WorkflowDate;

  Math.random = () => host.random();

  // A function expression, so that \`new WeakRef(x)\` throws the same error as a call.
  const blocked = (name, what) => function () { throw new Error(host.describe(name, what)); };
  const defineProperty = Object.defineProperty;
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  // A descriptor without a prototype: installMembers runs after workflow code, which may have
  // given Object.prototype a \`get\`.
  const define = (owner, key, value) =>
    defineProperty(owner, key, { __proto__: null, value, writable: true, configurable: true });
  // A dotted name (AbortSignal.timeout) is a member of a global. A copied global not made yet
  // (an accessor, see create-sandbox.ts) gets it when it is made: installMembers below.
  const deferred = [];
  const install = (name, value) => {
    const dot = name.lastIndexOf(".");
    if (dot < 0) return define(globalThis, name, value);
    const ownerName = name.slice(0, dot);
    if (getOwnPropertyDescriptor(globalThis, ownerName)?.get)
      deferred.push({ ownerName, key: name.slice(dot + 1), value });
    else define(globalThis[ownerName], name.slice(dot + 1), value);
  };
  for (const name of host.throwing) install(name, blocked(name));
  for (const name of host.noOps) install(name, () => {});

  const hex = (n) => n.toString(16).padStart(2, "0");
  const crypto = {
    getRandomValues(array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(host.random() * 256);
      return array;
    },
    randomUUID() {
      const b = crypto.getRandomValues(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = Array.from(b, hex).join("");
      return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
    },
    subtle: new Proxy({}, {
      get(_, key) {
        if (key === "digest") {
          return (algorithm, data) => {
            try {
              const hash = host.digest(algorithm, data);
              const out = new Uint8Array(hash.length); // an ArrayBuffer of this realm
              out.set(hash);
              return Promise.resolve(out.buffer);
            } catch (error) {
              // A host error would hand over the host's Function: a TypeError of this realm.
              return Promise.reject(new TypeError(String(error && error.message)));
            }
          };
        }
        return blocked("crypto.subtle", "crypto.subtle." + String(key));
      },
    }),
  };
  globalThis.crypto = crypto;
  install("console", host.console);
  // The realm's own queue, which runs under the sandbox's time limit (the host's would not).
  const resolved = Promise.resolve();
  const then = Promise.prototype.then;
  install("queueMicrotask", function queueMicrotask(callback) {
    if (typeof callback !== "function")
      throw new TypeError("queueMicrotask: the callback must be a function");
    Reflect.apply(then, resolved, [() => callback()]);
  });

  const env = Object.freeze(host.nodeEnv === undefined ? {} : { NODE_ENV: host.nodeEnv });
  globalThis.process = Object.freeze({
    // Reading any other variable throws; \`in\`, Object.keys() and JSON see NODE_ENV alone.
    env: new Proxy(env, {
      get(target, key, receiver) {
        // Symbols, Object.prototype's members and what await and JSON.stringify probe for are
        // not variables: they answer as on a plain object.
        if (typeof key === "symbol" || key in target || key === "then" || key === "toJSON")
          return Reflect.get(target, key, receiver);
        throw new Error(host.describe("process.env", "process.env." + key));
      },
    }),
  });

  // The activation guard (compiler/activation-guards.ts): every loop and function of a guarded
  // bundle calls tick(). Past the deadline it throws, and goes on throwing at every tick until
  // the activation ends, so code that catches the error still stops. The clock is read every
  // 128 ticks.
  let ticks = 0;
  let limit = 0;
  let deadline = Infinity;
  let overran = false;
  const overrun = () => new Error("workflow code ran for more than " + limit + " ms without yielding");
  function tick() {
    if (overran) throw overrun();
    if ((++ticks & 127) !== 0) return;
    if (host.elapsed() > deadline) {
      overran = true;
      throw overrun();
    }
  }
  defineProperty(globalThis, Symbol.for(host.tickKey), { __proto__: null, value: tick });
  const guard = {
    begin(limitMs) {
      limit = limitMs;
      ticks = 0;
      overran = false;
      deadline = host.elapsed() + limitMs;
    },
    end() {
      const result = overran || host.elapsed() > deadline;
      overran = false;
      deadline = Infinity;
      return result;
    },
  };

  // Read by index: by the time the host calls it, workflow code may have patched the realm's
  // array iterator.
  function installMembers(ownerName, owner) {
    for (let i = 0; i < deferred.length; i++) {
      const entry = deferred[i];
      if (entry.ownerName === ownerName) define(owner, entry.key, entry.value);
    }
  }
  return { installMembers, guard };
})`;
