/**
 * The realm deserialize builds values in. A workflow runs in a `node:vm`
 * sandbox with its own intrinsics, and its code must see its own Date, Map,
 * Array, Error, ... (`value instanceof Date` inside the workflow).
 */

/** The constructor of some built-in, looked up by name. */
export type AnyConstructor = new (...args: any[]) => any;

/** Makes values for one realm. */
export interface Realm {
  /** The realm's global object, then the host's (the registries to search, in order). */
  readonly globals: readonly object[];
  /** A plain object with the realm's Object.prototype. */
  createObject(): Record<string, unknown>;
  /** An empty array of the realm. */
  createArray(): unknown[];
  /** The realm's constructor `name`, else the host's, else undefined. */
  getConstructor(name: string): AnyConstructor | undefined;
}

const hostRealm: Realm = {
  globals: [globalThis],
  createObject: () => ({}),
  createArray: () => [],
  getConstructor: (name) => lookUp(globalThis, name),
};

/** One Realm per global object, made on first use. */
const realms = new WeakMap<object, Realm>();

/**
 * Makes `global`'s realm self-contained, before code that could change its globals runs: its
 * constructors are the ones it has now (deleting or replacing a global later changes nothing),
 * and nothing falls back to the host's constructors or class registry. A workflow sandbox must
 * not get a host object: through its prototype's `constructor`, the host's Function would
 * compile code outside the sandbox.
 */
export function isolateRealm(
  global: object,
  /** Constructors the global defines on first use (accessors now), each made once by its function. */
  lazyConstructors: ReadonlyMap<string, () => AnyConstructor> = new Map(),
): void {
  const constructors = new Map<string, AnyConstructor>();
  for (const name of Object.getOwnPropertyNames(global)) {
    const value = Object.getOwnPropertyDescriptor(global, name)?.value;
    if (typeof value === "function") constructors.set(name, value as AnyConstructor);
  }
  const objectPrototype: object = constructors.get("Object")!.prototype;
  const ArrayConstructor = constructors.get("Array")!;
  realms.set(global, {
    globals: [global],
    createObject: () => Object.create(objectPrototype),
    createArray: () => new ArrayConstructor(),
    getConstructor: (name) => constructors.get(name) ?? lazyConstructors.get(name)?.(),
  });
}

/** The realm whose global object is `global` (the host's by default). */
export function getRealm(global: object | undefined): Realm {
  if (global === undefined || global === globalThis) return hostRealm;
  let realm = realms.get(global);
  if (realm === undefined) {
    realm = createRealm(global);
    realms.set(global, realm);
  }
  return realm;
}

function createRealm(global: object): Realm {
  const ObjectConstructor = lookUp(global, "Object") ?? Object;
  const ArrayConstructor = lookUp(global, "Array") ?? Array;
  const objectPrototype: object = ObjectConstructor.prototype;
  const constructors = new Map<string, AnyConstructor | undefined>();
  return {
    globals: [global, globalThis],
    createObject: () => Object.create(objectPrototype),
    createArray: () => new ArrayConstructor(),
    getConstructor(name) {
      if (!constructors.has(name)) {
        constructors.set(name, lookUp(global, name) ?? lookUp(globalThis, name));
      }
      return constructors.get(name);
    },
  };
}

function lookUp(global: object, name: string): AnyConstructor | undefined {
  const value: unknown = (global as Record<string, unknown>)[name];
  return typeof value === "function" ? (value as AnyConstructor) : undefined;
}
