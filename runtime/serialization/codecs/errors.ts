/**
 * Errors: `[kind, fields]`, where kind is the nearest built-in constructor
 * (Error, TypeError, ..., AggregateError, DOMException) and fields is
 * `{name, message, stack?, cause?, errors?, props?}`; props holds the own
 * enumerable properties. Deserializing builds the built-in kind with the
 * original name, so a custom subclass comes back as its built-in parent
 * (register the class for serialization to keep it).
 *
 * An error's extras (cause, errors, props) are best effort: one that cannot be
 * serialized is left out, so that an error carrying, say, an HTTP client's
 * socket never makes the value around it unserializable.
 */
import { getConstructorName } from "../prototypes.js";
import type { PathKey } from "../value-path.js";
import {
  readString,
  requireConstructor,
  type Reader,
  type TypeDecoder,
  type TypeEncoder,
  type Writer,
} from "./codec.js";

/** The built-in error classes stored under their own tag. */
export const ERROR_KINDS = new Set([
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "EvalError",
  "URIError",
  "AggregateError",
]);

/** Properties the fields record carries itself, never among props. */
const OWN_FIELDS = new Set(["message", "stack", "cause", "errors"]);

/** The nearest built-in error constructor on the prototype chain. */
function getErrorKind(error: object): string {
  let proto: object | null = Object.getPrototypeOf(error);
  for (let depth = 0; proto !== null && depth < 64; depth++) {
    const name = getConstructorName(proto);
    if (name !== undefined && ERROR_KINDS.has(name)) return name;
    proto = Object.getPrototypeOf(proto);
  }
  return "Error";
}

function field(key: string, ref: number): string {
  return `${JSON.stringify(key)}:${ref}`;
}

function encodeError(error: Error, writer: Writer, kind: string): string {
  const { name, message, stack } = error;
  const fields = [
    field("name", writer.write(typeof name === "string" ? name : String(name))),
    field("message", writer.write(typeof message === "string" ? message : String(message))),
  ];
  if (typeof stack === "string") fields.push(field("stack", writer.write(stack)));
  for (const key of ["cause", "errors"] as const) {
    if (!Object.hasOwn(error, key)) continue;
    const ref = writer.tryWrite((error as unknown as Record<string, unknown>)[key], key);
    if (ref !== undefined) fields.push(field(key, ref));
  }
  const props: string[] = [];
  for (const key of Object.keys(error)) {
    if (OWN_FIELDS.has(key)) continue;
    const ref = writer.tryWrite((error as unknown as Record<string, unknown>)[key], key as PathKey);
    if (ref !== undefined) props.push(field(key, ref));
  }
  if (props.length > 0) fields.push(field("props", writer.add(`{${props.join(",")}}`)));
  return `[${JSON.stringify(kind)},${writer.add(`{${fields.join(",")}}`)}]`;
}

export const errorEncoders: Record<string, TypeEncoder> = {
  Error: {
    subclasses: true,
    encode: (error: Error, writer) => encodeError(error, writer, getErrorKind(error)),
  },
  DOMException: {
    subclasses: true,
    encode: (error: Error, writer) => encodeError(error, writer, "DOMException"),
  },
};

type Fields = Record<string, unknown>;

function getFields(entry: readonly unknown[], reader: Reader): Fields {
  const fields = reader.entry(entry[1]);
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) {
    throw reader.malformed(`a ${String(entry[0])} without its fields`);
  }
  return fields as Fields;
}

function hasOwnProp(fields: Fields, key: string, reader: Reader): boolean {
  if (!Object.hasOwn(fields, "props")) return false;
  const props = reader.entry(fields.props);
  return typeof props === "object" && props !== null && Object.hasOwn(props, key);
}

/** Defines a property the way the engine does for message, stack, cause: not enumerable. */
function defineHidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

const errorDecoder: TypeDecoder = {
  create(entry, reader) {
    const kind = entry[0] as string;
    const fields = getFields(entry, reader);
    const message = readString(reader.read(fields.message), reader, "an error message");
    const name = readString(reader.read(fields.name), reader, "an error name");
    const ErrorConstructor = requireConstructor(reader, kind);
    const error: Error =
      kind === "AggregateError"
        ? new ErrorConstructor([], message)
        : kind === "DOMException"
          ? new ErrorConstructor(message, name)
          : new ErrorConstructor(message);
    // An own enumerable name (`this.name = ...`) comes back with the props, in its place.
    if (error.name !== name && !hasOwnProp(fields, "name", reader))
      defineHidden(error, "name", name);
    return error;
  },
  fill(error: Error, entry, reader) {
    const fields = getFields(entry, reader);
    for (const key of ["stack", "cause", "errors"]) {
      if (Object.hasOwn(fields, key)) defineHidden(error, key, reader.read(fields[key]));
    }
    if (!Object.hasOwn(fields, "props")) return;
    const props = reader.entry(fields.props);
    if (typeof props !== "object" || props === null || Array.isArray(props)) {
      throw reader.malformed("error props that are not an object");
    }
    for (const [key, ref] of Object.entries(props)) {
      Object.defineProperty(error, key, {
        value: reader.read(ref),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  },
};

export const errorDecoders: Record<string, TypeDecoder> = Object.fromEntries(
  [...ERROR_KINDS, "DOMException"].map((kind) => [kind, errorDecoder]),
);
