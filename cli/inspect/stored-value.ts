/**
 * Stored values (run input and output, step arguments and results, hook payloads, stream
 * chunks) as the CLI shows them. They are read without reviving anything: a user's class is not
 * loaded (its instance shows as `ClassName { data }`), a stream shows as its reference, and a
 * value the reader does not know shows as its tag and payload. So `wf inspect` can show any run
 * without the app's code, and never runs it.
 */
import { inspect } from "node:util";
import { VIEW_TAGS } from "../../runtime/serialization/codecs/binary.js";
import { ERROR_KINDS } from "../../runtime/serialization/codecs/errors.js";

/** A value the CLI cannot rebuild as itself: shown as `Tag payload`, JSON as `{ "$Tag": payload }`. */
export class Tagged {
  constructor(
    readonly tag: string,
    readonly payload: unknown,
  ) {}
  [inspect.custom](depth: number, options: object): string {
    const body = inspect(this.payload, { ...options, depth: depth - 1 } as object);
    return `${this.tag} ${body}`;
  }
  toJSON(): unknown {
    return { [`$${this.tag}`]: this.payload };
  }
}

const CONSTANTS = new Map<number, unknown>([
  [-1, undefined],
  [-3, Number.NaN],
  [-4, Number.POSITIVE_INFINITY],
  [-5, Number.NEGATIVE_INFINITY],
  [-6, -0],
]);
const HOLE = -2;
const SPARSE = -7;
/** Tags the serializer stores errors and typed arrays under. */
const ERROR_TAGS = new Set<string>([...ERROR_KINDS, "DOMException"]);
const TYPED_ARRAYS = new Set<string>(VIEW_TAGS);

/** The value stored as `text`; `Tagged` for what is not plain data. Malformed text is a Tagged "Unreadable". */
export function readStoredValue(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    return new Tagged("Unreadable", text.slice(0, 200));
  }
  if (typeof entries === "number") return CONSTANTS.get(entries);
  if (!Array.isArray(entries) || entries.length === 0) return new Tagged("Unreadable", entries);
  const built = new Map<number, unknown>();
  const read = (index: unknown, depth: number): unknown => {
    if (typeof index !== "number") return new Tagged("Unreadable", index);
    if (index < 0) return CONSTANTS.get(index);
    if (built.has(index)) return built.get(index);
    if (depth > 200 || index >= entries.length) return new Tagged("Unreadable", index);
    built.set(index, new Tagged("Circular", index)); // a cycle shows as a marker
    const value = build((entries as unknown[])[index], (i) => read(i, depth + 1));
    built.set(index, value);
    return value;
  };
  return read(0, 0);
}

function build(entry: unknown, read: (index: unknown) => unknown): unknown {
  if (entry === null || typeof entry !== "object") return entry;
  if (!Array.isArray(entry)) {
    const object: Record<string, unknown> = {};
    for (const [key, ref] of Object.entries(entry)) object[key] = read(ref);
    return object;
  }
  const [head, ...rest] = entry as unknown[];
  if (typeof head !== "string") {
    if (head === SPARSE) {
      const array: unknown[] = new Array(Number(rest[0]) || 0);
      for (let i = 1; i + 1 < rest.length; i += 2) array[Number(rest[i])] = read(rest[i + 1]);
      return array;
    }
    return entry.map((ref) => (ref === HOLE ? undefined : read(ref)));
  }
  switch (head) {
    case "Date":
      return new Date(String(rest[0]));
    case "BigInt":
      return BigInt(String(rest[0]));
    case "RegExp":
      return new Tagged("RegExp", `/${String(rest[0])}/${String(rest[1] ?? "")}`);
    case "URL":
    case "URLSearchParams":
      return new Tagged(head, String(rest[0]));
    case "Object":
      return read(rest[0]);
    case "null": {
      const object: Record<string, unknown> = Object.create(null);
      for (let i = 0; i + 1 < rest.length; i += 2) object[String(rest[i])] = read(rest[i + 1]);
      return object;
    }
    case "Map": {
      const map = new Map<unknown, unknown>();
      for (let i = 0; i + 1 < rest.length; i += 2) map.set(read(rest[i]), read(rest[i + 1]));
      return map;
    }
    case "Set":
      return new Set(rest.map(read));
    case "ArrayBuffer":
      return new Tagged("ArrayBuffer", `${Buffer.from(String(rest[0]), "base64").length} bytes`);
    case "Instance": {
      const payload = read(rest[0]);
      const [classId, data] = Array.isArray(payload) ? payload : [undefined, payload];
      return new Tagged(shortClassName(classId), data);
    }
    default:
      if (ERROR_TAGS.has(head)) return toError(head, read(rest[0]));
      if (TYPED_ARRAYS.has(head)) return new Tagged(head, read(rest[0]));
      return new Tagged(head, rest.length === 1 ? read(rest[0]) : rest.map(read));
  }
}

/** An Error to show (`inspect` prints its stack), with the fields it was stored with. */
function toError(kind: string, payload: unknown): Error {
  const fields = (payload ?? {}) as Record<string, unknown>;
  const error = new Error(String(fields.message ?? ""));
  Object.defineProperty(error, "name", { value: String(fields.name ?? kind), enumerable: false });
  Object.defineProperty(error, "stack", {
    value:
      typeof fields.stack === "string"
        ? fields.stack
        : `${String(fields.name ?? kind)}: ${error.message}`,
    enumerable: false,
  });
  if ("cause" in fields)
    Object.defineProperty(error, "cause", { value: fields.cause, enumerable: false });
  if (fields.props && typeof fields.props === "object") Object.assign(error, fields.props);
  return error;
}

/** `class//./src/money//Money` shows as `Money`. */
function shortClassName(classId: unknown): string {
  if (typeof classId !== "string") return "Instance";
  return classId.split("//").pop() || classId;
}

/** The value as readable text, one line when it fits in `width`. */
export function formatValue(value: unknown, width = 100): string {
  return inspect(value, {
    depth: 8,
    breakLength: width,
    maxArrayLength: 50,
    maxStringLength: 2000,
  });
}

/** The value as JSON for `--json` (dates as ISO text, maps as entry lists, bigints as text). */
export function toJsonValue(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "bigint") return { $BigInt: v.toString() };
      if (v instanceof Map) return { $Map: [...v.entries()] };
      if (v instanceof Set) return { $Set: [...v] };
      if (v === undefined) return null;
      if (typeof v === "number" && !Number.isFinite(v)) return { $Number: String(v) };
      return v;
    }) ?? "null",
  );
}
