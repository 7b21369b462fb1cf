/**
 * The membrane between the host and the workflow realm. A host function reached from workflow
 * code would hand it the host's `Function` (`Headers.constructor("return process")()`), which
 * compiles in the host context, where `codeGeneration: { strings: false }` does not apply. So
 * no host object or function crosses into the realm as itself:
 * - a host function becomes a function of the realm that calls it (its `constructor` is the
 *   realm's Function, which cannot compile strings); a host class becomes a realm class whose
 *   instances hold a host instance, with the same members (so realm code can subclass it);
 * - a host object is copied (arrays, plain objects, Date, Map, binary data, errors) or wrapped
 *   (an instance of a host class: a realm object whose prototype mirrors the host's);
 * - a host promise becomes a realm promise, a thrown host error a realm error.
 * Values going the other way are unwrapped; a realm function the host may call back becomes a
 * host function that converts the host's arguments first.
 */
import util from "node:util";
import vm from "node:vm";

/** Realm-side factories: the functions workflow code may hold are made here, in its realm. */
const HELPERS_SOURCE = `(function () {
  "use strict";
  const P = Promise;
  const then = P.prototype.then;
  const apply = Reflect.apply;
  const defineProperty = Object.defineProperty;
  return {
    // The engine's calls of workflow functions start here, in the realm: a Proxy's traps then
    // get the realm's objects (an argument list, a property descriptor), never the host's.
    call: (fn, self, args) => apply(fn, self, [...args]),
    define: (object, key, value) => { defineProperty(object, key, { value, configurable: true }); },
    fn: (name, call) => ({ [name](...args) { return call(this, args); } })[name],
    klass: (name, construct) =>
      ({ [name]: class { constructor(...args) { construct(this, args); } } })[name],
    promise: (executor) => new P(executor),
    settle: (value, onOk, onErr) => { apply(then, new P((r) => r(value)), [onOk, onErr]); },
    global: globalThis,
  };
})`;
// Compiled once: every sandbox's bridge runs it in its own context.
const helpersScript = new vm.Script(HELPERS_SOURCE, { filename: "workflow:sandbox-bridge" });

interface Helpers {
  call(fn: Function, self: unknown, args: readonly unknown[]): unknown;
  define(object: object, key: PropertyKey, value: unknown): void;
  fn(name: PropertyKey, call: (self: unknown, args: unknown[]) => unknown): Function;
  klass(name: string, construct: (self: object, args: unknown[]) => void): Function;
  promise(executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void): object;
  settle(value: unknown, onOk: Function, onErr: Function): void;
  global: Record<string, any>;
}

/** Host intrinsics that must never be called from the realm: they compile code from strings. */
const COMPILERS = [
  Function,
  Object.getPrototypeOf(async () => {}).constructor,
  Object.getPrototypeOf(function* () {}).constructor,
  Object.getPrototypeOf(async function* () {}).constructor,
  eval,
] as Function[];

const ERROR_NAMES = [
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "EvalError",
  "URIError",
];

const isObject = (v: unknown): v is object =>
  v !== null && (typeof v === "object" || typeof v === "function");

export interface Bridge {
  /** The realm's form of a host value. */
  toRealm(value: unknown): unknown;
  /** The host's form of a realm value (a wrapper's host object; other values as they are). */
  toHost(value: unknown): unknown;
  /**
   * A realm function that calls `call` with the realm's `this` and arguments as they are; its
   * result is converted, a host error it throws becomes a realm error.
   */
  expose(name: PropertyKey, call: (self: unknown, args: unknown[]) => unknown): Function;
  /** Calls realm function `fn` from inside the realm (see HELPERS_SOURCE). */
  call(fn: Function, self: unknown, args: readonly unknown[]): unknown;
  /** Defines a configurable property on a realm object from inside the realm. */
  define(object: object, key: PropertyKey, value: unknown): void;
  /**
   * A realm function that calls `call` as it is: no conversion of its result or of what it
   * throws. Only for the engine's own calls into the realm (no workflow code gets its results).
   */
  raw(name: PropertyKey, call: (self: unknown, args: unknown[]) => unknown): Function;
  /** Calls realm function `onOk` or `onErr` (host functions) when realm value `value` settles. */
  settle(value: unknown, onOk: (v: unknown) => void, onErr: (e: unknown) => void): void;
  /** A promise of the realm, made with the realm's own Promise (not whatever the global is now). */
  promise(
    executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void,
  ): Promise<unknown>;
  /** Counts host promises that settled into the realm: each may have queued realm jobs. */
  readonly activity: number;
}

export function createBridge(context: vm.Context): Bridge {
  const helpers = helpersScript.runInContext(context)() as Helpers;
  const g = helpers.global;
  const realm = {
    Object: g.Object as ObjectConstructor,
    Array: g.Array as ArrayConstructor,
    Map: g.Map as MapConstructor,
    Set: g.Set as SetConstructor,
    Date: g.Date as DateConstructor,
    RegExp: g.RegExp as RegExpConstructor,
    Uint8Array: g.Uint8Array as Uint8ArrayConstructor,
  };
  const objectPrototype: object = realm.Object.prototype;
  const errors = new Map<string, ErrorConstructor>(ERROR_NAMES.map((n) => [n, g[n]]));
  const typedArrays = new Map<string, any>();
  // Host prototypes whose realm counterpart is the realm's own intrinsic.
  const protos = new Map<object, object>([
    [Object.prototype, objectPrototype],
    [Function.prototype, g.Function.prototype],
    [
      Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
      Object.getPrototypeOf(Object.getPrototypeOf(new g.Array()[Symbol.iterator]())),
    ],
    ...ERROR_NAMES.map(
      (n) => [(globalThis as any)[n].prototype, g[n].prototype] as [object, object],
    ),
  ]);
  const hostToRealm = new WeakMap<object, object>();
  const realmToHost = new WeakMap<object, object>();
  const fromRealm = new WeakSet<object>();
  const callbacks = new WeakMap<object, Function>();
  const classes = new WeakMap<Function, Function>();
  let activity = 0;
  for (const compiler of COMPILERS) hostToRealm.set(compiler, g.Function);

  const link = (wrapper: object, host: object) => {
    realmToHost.set(wrapper, host);
    hostToRealm.set(host, wrapper);
  };

  /** Whether `value` is the realm's: its prototype chain ends at the realm's Object.prototype. */
  function isRealm(value: object): boolean {
    if (fromRealm.has(value) || realmToHost.has(value)) return true;
    let proto: object | null = value;
    for (let i = 0; i < 1000 && proto !== null; i++) {
      if (proto === objectPrototype) return true;
      proto = Reflect.getPrototypeOf(proto);
    }
    return false;
  }

  const guard =
    (call: (self: unknown, args: unknown[]) => unknown) =>
    (self: unknown, args: unknown[]): unknown => {
      try {
        return call(self, args);
      } catch (error) {
        throw toRealmThrown(error);
      }
    };

  /** The realm's arguments, read by index (the realm's array iterator may be patched). */
  const argsOf = (args: unknown[]): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < args.length; i++) out.push(toHost(args[i]));
    return out;
  };

  function expose(name: PropertyKey, call: (self: unknown, args: unknown[]) => unknown): Function {
    const fn = helpers.fn(
      name,
      guard((self, args) => toRealm(call(self, args))),
    );
    fromRealm.add(fn);
    return fn;
  }

  function toRealmThrown(error: unknown): unknown {
    if (!isObject(error) || isRealm(error)) return error;
    if (util.types.isNativeError(error)) {
      const e = error as Error & { code?: unknown; cause?: unknown };
      const Ctor = errors.get(e.name) ?? errors.get("Error")!;
      const copy = new Ctor(String(e.message));
      if (copy.name !== e.name)
        Object.defineProperty(copy, "name", {
          value: String(e.name),
          configurable: true,
          writable: true,
        });
      if (typeof e.stack === "string") copy.stack = e.stack;
      if (e.code !== undefined && !isObject(e.code)) Object.assign(copy, { code: e.code });
      if ("cause" in e)
        Object.defineProperty(copy, "cause", {
          value: toRealm(e.cause),
          configurable: true,
          writable: true,
        });
      return copy;
    }
    return toRealm(error);
  }

  /** A host function as the realm gets it: a class for a class, else a plain function. */
  function toRealmFunction(fn: Function): Function {
    const source = Function.prototype.toString.call(fn);
    if (/^class\b/.test(source)) return wrapClass(fn);
    const wrapped = expose(fn.name, (self, args) => Reflect.apply(fn, toHost(self), argsOf(args)));
    hostToRealm.set(fn, wrapped);
    return wrapped;
  }

  function wrapClass(Host: Function): Function {
    const known = classes.get(Host);
    if (known) return known;
    const W = helpers.klass(
      Host.name,
      guard((self, args) => link(self as object, Reflect.construct(Host, argsOf(args)))),
    );
    fromRealm.add(W);
    classes.set(Host, W);
    hostToRealm.set(Host, W);
    const parent = Reflect.getPrototypeOf(Host);
    if (typeof parent === "function" && parent !== Function.prototype)
      Reflect.setPrototypeOf(W, wrapClass(parent));
    protos.set(Host.prototype, W.prototype);
    const parentProto = Reflect.getPrototypeOf(Host.prototype);
    Reflect.setPrototypeOf(W.prototype, parentProto === null ? null : wrapProto(parentProto));
    copyMembers(W.prototype, Host.prototype, new Set(["constructor"]));
    copyMembers(W, Host, new Set(["prototype", "length", "name"]));
    return W;
  }

  /** The realm object standing for host prototype `proto`, members and chain mirrored. */
  function wrapProto(proto: object): object {
    const known = protos.get(proto);
    if (known) return known;
    const ctor = Object.getOwnPropertyDescriptor(proto, "constructor")?.value;
    if (typeof ctor === "function" && ctor.prototype === proto) return wrapClass(ctor).prototype;
    const parent = Reflect.getPrototypeOf(proto);
    const wrapper = realm.Object.create(parent === null ? null : wrapProto(parent)) as object;
    protos.set(proto, wrapper);
    fromRealm.add(wrapper);
    copyMembers(wrapper, proto, new Set());
    return wrapper;
  }

  function copyMembers(target: object, source: object, skip: Set<PropertyKey>): void {
    for (const key of Reflect.ownKeys(source)) {
      if (skip.has(key)) continue;
      const d = Object.getOwnPropertyDescriptor(source, key)!;
      const name = typeof key === "symbol" ? key : key;
      const out: PropertyDescriptor = { enumerable: d.enumerable, configurable: true };
      if (d.get || d.set) {
        const { get, set } = d;
        if (get)
          out.get = expose(name, (self) => Reflect.apply(get, toHost(self), [])) as () => unknown;
        if (set)
          out.set = expose(name, (self, args) =>
            Reflect.apply(set, toHost(self), argsOf(args)),
          ) as (v: unknown) => void;
      } else if (typeof d.value === "function") {
        const method = d.value as Function;
        out.value = expose(name, (self, args) => Reflect.apply(method, toHost(self), argsOf(args)));
        out.writable = true;
      } else {
        out.value = toRealm(d.value);
        out.writable = d.writable;
      }
      Object.defineProperty(target, key, out);
    }
  }

  function copyTyped(view: ArrayBufferView): unknown {
    const name = Object.prototype.toString.call(view).slice(8, -1);
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const copy = new realm.Uint8Array(bytes.length);
    copy.set(bytes);
    if (name === "Uint8Array") return copy;
    if (name === "DataView") return new g.DataView(copy.buffer);
    let Ctor = typedArrays.get(name);
    if (!Ctor) typedArrays.set(name, (Ctor = g[name]));
    return new Ctor(copy.buffer, 0, (view as unknown as { length: number }).length);
  }

  function toRealm(value: unknown, seen = new Map<object, unknown>()): unknown {
    if (!isObject(value)) return value;
    const known = hostToRealm.get(value);
    if (known) return known;
    if (isRealm(value)) return value;
    if (seen.has(value)) return seen.get(value);
    if (typeof value === "function") return toRealmFunction(value);
    const types = util.types;
    if (types.isPromise(value)) {
      const promise = helpers.promise((resolve, reject) => {
        (value as Promise<unknown>).then(
          (v) => (activity++, resolve(toRealm(v))),
          (e) => (activity++, reject(toRealmThrown(e))),
        );
      });
      hostToRealm.set(value, promise);
      return promise;
    }
    if (types.isNativeError(value)) return toRealmThrown(value);
    if (Array.isArray(value)) {
      const out = new realm.Array();
      seen.set(value, out);
      for (let i = 0; i < value.length; i++) out[i] = toRealm(value[i], seen);
      return out;
    }
    if (types.isArrayBuffer(value)) return (copyTyped(new Uint8Array(value)) as Uint8Array).buffer;
    if (ArrayBuffer.isView(value)) return copyTyped(value);
    if (types.isDate(value)) return new realm.Date((value as Date).getTime());
    if (types.isRegExp(value))
      return new realm.RegExp((value as RegExp).source, (value as RegExp).flags);
    if (types.isMap(value)) {
      const out = new realm.Map();
      seen.set(value, out);
      for (const [k, v] of value as Map<unknown, unknown>)
        out.set(toRealm(k, seen), toRealm(v, seen));
      return out;
    }
    if (types.isSet(value)) {
      const out = new realm.Set();
      seen.set(value, out);
      for (const v of value as Set<unknown>) out.add(toRealm(v, seen));
      return out;
    }
    const proto = Reflect.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const out = realm.Object.create(proto === null ? null : objectPrototype) as Record<
        string,
        unknown
      >;
      seen.set(value, out);
      for (const key of Object.keys(value))
        Object.defineProperty(out, key, {
          value: toRealm((value as Record<string, unknown>)[key], seen),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      return out;
    }
    const wrapper = realm.Object.create(wrapProto(proto)) as object;
    link(wrapper, value);
    return wrapper;
  }

  function toHost(value: unknown, nested = false): unknown {
    if (!isObject(value)) return value;
    const host = realmToHost.get(value);
    if (host) return host;
    if (!isRealm(value)) return value; // a host value the realm got as is (never here)
    if (typeof value === "function") {
      let callback = callbacks.get(value);
      if (!callback) {
        const fn = value;
        callback = function (this: unknown, ...args: unknown[]) {
          return toHost(
            helpers.call(
              fn,
              toRealm(this),
              args.map((a) => toRealm(a)),
            ),
          );
        };
        callbacks.set(value, callback);
        hostToRealm.set(callback, value);
      }
      return callback;
    }
    fromRealm.add(value);
    // An init dictionary (`{ headers, signal, body }`): its wrappers unwrapped, one level down.
    if (!nested && Reflect.getPrototypeOf(value) === objectPrototype) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value))
        out[key] = toHost((value as Record<string, unknown>)[key], true);
      return out;
    }
    return value;
  }

  return {
    toRealm: (value) => toRealm(value),
    toHost: (value) => toHost(value),
    expose,
    raw: (name, call) => helpers.fn(name, call),
    call: (fn, self, args) => helpers.call(fn, self, args),
    define: (object, key, value) => helpers.define(object, key, value),
    settle: (value, onOk, onErr) =>
      helpers.settle(
        value,
        expose("onFulfilled", (_, args) => onOk(args[0])),
        expose("onRejected", (_, args) => onErr(args[0])),
      ),
    promise: (executor) => helpers.promise(executor) as Promise<unknown>,
    get activity() {
      return activity;
    },
  };
}
