import { CLASS_PROTOCOL_KEYS } from "../../protocol/symbols.js";
import { getTag } from "./prototypes.js";

/** What an unsupported value is, and what to do instead. */
export interface ValueDescription {
  /** e.g. `function`, `Symbol`, `WeakMap`, `class Foo instance`. */
  readonly type: string;
  /** One or two sentences saying what to pass instead. */
  readonly hint: string;
}

/** How messages name a class's serialization methods: `Symbol.for("workflow-serialize")`. */
export const SERIALIZE_METHOD = `Symbol.for(${JSON.stringify(CLASS_PROTOCOL_KEYS.serialize)})`;
export const DESERIALIZE_METHOD = `Symbol.for(${JSON.stringify(CLASS_PROTOCOL_KEYS.deserialize)})`;

export const CLASS_HINT = `give the class static ${SERIALIZE_METHOD} / ${DESERIALIZE_METHOD} methods`;

/** Describes a value the writer cannot serialize. Only runs on failure. */
export function describeUnsupported(value: unknown): ValueDescription {
  if (typeof value === "symbol") {
    return { type: "Symbol", hint: "Symbols cannot be serialized: use a string instead." };
  }
  if (typeof value === "function") {
    if (Function.prototype.toString.call(value).startsWith("class")) {
      return {
        type: `class ${value.name || "(anonymous)"}`,
        hint: `A class can be passed only once it is registered for serialization: ${CLASS_HINT}, and define it in a file the workflow compiler transforms.`,
      };
    }
    return {
      type: "function",
      hint: 'Functions cannot be serialized: pass plain data instead, or a step function (one marked "use step").',
    };
  }
  if (typeof value !== "object" || value === null) {
    return { type: typeof value, hint: "Pass plain data instead." };
  }
  return describeObject(value);
}

function describeObject(value: object): ValueDescription {
  const tag = getTag(value);
  const proto: unknown = Object.getPrototypeOf(value);
  const className = getClassName(proto);
  if (className === tag && tag !== "Object") {
    return { type: tag, hint: hintForBuiltin(tag) };
  }
  if (className === undefined || className === "Object") {
    return {
      type: "object with a custom prototype",
      hint: "Pass a plain object (an object literal) instead.",
    };
  }
  return {
    type: `class ${className} instance`,
    hint: `Pass plain data, or ${CLASS_HINT}.`,
  };
}

function hintForBuiltin(tag: string): string {
  if (tag === "Promise") return "Await it, and pass the result instead.";
  if (tag === "ReadableStream" || tag === "WritableStream") {
    return "Streams are not supported here: read the stream and pass its contents instead.";
  }
  return `A ${tag} cannot be serialized: pass plain data instead.`;
}

function getClassName(proto: unknown): string | undefined {
  if (typeof proto !== "object" || proto === null) return undefined;
  const constructor: unknown = (proto as { constructor?: unknown }).constructor;
  if (typeof constructor !== "function") return undefined;
  return constructor.name || "(anonymous)";
}
