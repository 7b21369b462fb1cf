/**
 * Classes with custom serialization. A class opts in with two static methods,
 * keyed by these registered symbols (so `@workflow/serde`-style packages and the
 * compiler agree on them without importing us):
 *
 *   static [Symbol.for("workflow-serialize")](instance) -> plain data
 *   static [Symbol.for("workflow-deserialize")](data)   -> instance
 *
 * The compiler gives each such class a non-enumerable `classId` and registers it
 * in the realm's registry, `globalThis[Symbol.for("workflow-class-registry")]`
 * (a Map from class ID to class). The serialized form stores the class ID and
 * the data; deserializing looks the ID up in the target realm's registry.
 */
export {
  WORKFLOW_SERIALIZE,
  WORKFLOW_DESERIALIZE,
  CLASS_REGISTRY,
} from "../../protocol/symbols.js";
import {
  WORKFLOW_SERIALIZE,
  WORKFLOW_DESERIALIZE,
  CLASS_REGISTRY,
} from "../../protocol/symbols.js";

/** A class that serializes its instances itself. */
export interface SerializableClass<Instance = unknown, Data = unknown> {
  readonly name: string;
  /** Set by registration; the ID the serialized form stores. */
  readonly classId?: string;
  [WORKFLOW_SERIALIZE](instance: Instance): Data;
  [WORKFLOW_DESERIALIZE](data: Data): Instance;
}

type Registry = Map<string, unknown>;

/** The registry of the realm whose global object is `global`, if it has one. */
export function getClassRegistry(global: object = globalThis): Registry | undefined {
  const registry = (global as Record<symbol, unknown>)[CLASS_REGISTRY];
  // A sandbox's registry is a Map of the sandbox realm: check the brand, not instanceof.
  return typeof registry === "object" &&
    registry !== null &&
    Object.prototype.toString.call(registry) === "[object Map]"
    ? (registry as Registry)
    : undefined;
}

/**
 * Registers `cls` under `classId` in the realm of `global`, and stamps it with a
 * non-enumerable `classId`. What the compiler's emitted code does; exported for
 * hand-written registrations and tests.
 */
export function registerSerializableClass(
  classId: string,
  cls: Function,
  global: object = globalThis,
): void {
  // A class the compiler already stamped (its classId is fixed) keeps that ID and is also
  // found under this one: registering it by hand as well must not throw.
  const own = Object.getOwnPropertyDescriptor(cls, "classId");
  if (!own || own.configurable)
    Object.defineProperty(cls, "classId", { value: classId, configurable: true });
  let registry = getClassRegistry(global);
  if (registry === undefined) {
    registry = new Map();
    Object.defineProperty(global, CLASS_REGISTRY, { value: registry, configurable: true });
  }
  registry.set(classId, cls);
}

/**
 * Finds the class registered as `classId`, looking in the realms of `globals`
 * in order (the target realm first, then the host).
 */
export function findSerializableClass(
  classId: string,
  globals: readonly object[],
): SerializableClass | undefined {
  for (const global of globals) {
    const cls = getClassRegistry(global)?.get(classId);
    if (isSerializableClass(cls)) return cls;
  }
  return undefined;
}

/**
 * The class of an instance whose prototype is `proto`, if that class has a
 * workflow-serialize method (inherited static methods count).
 */
export function getSerializingClass(proto: object): SerializableClass | undefined {
  const constructor: unknown = (proto as { constructor?: unknown }).constructor;
  if (typeof constructor !== "function") return undefined;
  return typeof (constructor as Partial<SerializableClass>)[WORKFLOW_SERIALIZE] === "function"
    ? (constructor as unknown as SerializableClass)
    : undefined;
}

/**
 * The class's own `classId` (an inherited one names the parent class, and
 * would deserialize a subclass instance as its parent).
 */
export function getOwnClassId(cls: Function): string | undefined {
  if (!Object.hasOwn(cls, "classId")) return undefined;
  const classId: unknown = (cls as { classId?: unknown }).classId;
  return typeof classId === "string" ? classId : undefined;
}

function isSerializableClass(value: unknown): value is SerializableClass {
  return (
    typeof value === "function" &&
    typeof (value as Partial<SerializableClass>)[WORKFLOW_DESERIALIZE] === "function"
  );
}
