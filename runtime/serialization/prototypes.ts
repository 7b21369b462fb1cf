/**
 * Type detection that works for values from any realm (a vm sandbox has its
 * own Object, Array, Map, ... whose prototypes differ from ours), so nothing
 * here uses `instanceof`.
 */

const toStringTag = Object.prototype.toString;

/** The brand of a value: "Date", "Map", "Uint8Array", "Error", ... */
export function getTag(value: object): string {
  return toStringTag.call(value).slice(8, -1);
}

/**
 * Object.prototype and Array.prototype of other realms, once recognised.
 * Only ever holds realm intrinsics, so it stays small.
 */
const foreignPrototypes = new WeakSet<object>();

/** Whether `proto` is the Object.prototype of some realm. */
export function isObjectPrototype(proto: object): boolean {
  if (proto === Object.prototype || foreignPrototypes.has(proto)) return true;
  if (
    Object.getPrototypeOf(proto) === null &&
    getConstructorName(proto) === "Object" &&
    Object.hasOwn(proto, "isPrototypeOf")
  ) {
    foreignPrototypes.add(proto);
    return true;
  }
  return false;
}

/** Whether `proto` is the Array.prototype of some realm (subclasses are not). */
export function isArrayPrototype(proto: object | null): boolean {
  if (proto === Array.prototype) return true;
  if (proto === null) return false;
  if (foreignPrototypes.has(proto)) return true;
  // Array.prototype is itself an array, which no subclass prototype is.
  if (Array.isArray(proto) && getConstructorName(proto) === "Array") {
    foreignPrototypes.add(proto);
    return true;
  }
  return false;
}

/**
 * Whether `proto` is the realm's own prototype for the built-in `tag` (so a
 * Map is accepted, an instance of `class Registry extends Map` is not).
 */
export function isIntrinsicPrototype(proto: object, tag: string): boolean {
  return getConstructorName(proto) === tag;
}

/** The name of `proto`'s own constructor, if it has one. */
export function getConstructorName(proto: object): string | undefined {
  if (!Object.hasOwn(proto, "constructor")) return undefined;
  const constructor: unknown = (proto as { constructor?: unknown }).constructor;
  return typeof constructor === "function" ? constructor.name : undefined;
}
