/**
 * ArrayBuffer `["ArrayBuffer", base64]`, typed arrays and DataView
 * `[tag, buffer, byteOffset?, length?]` (as devalue). A view over its whole
 * buffer references the buffer, so views sharing one buffer still share it.
 * A view over part of a buffer gets a copy of just its bytes: a Node Buffer is
 * often a slice of a shared pool, whose other bytes belong to unrelated data.
 */
import { Buffer } from "node:buffer";
import { getTag } from "../prototypes.js";
import {
  readString,
  requireConstructor,
  type Reader,
  type TypeDecoder,
  type TypeEncoder,
  type Writer,
} from "./codec.js";

/** The typed array and DataView tags. */
export const VIEW_TAGS = [
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Float16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "DataView",
] as const;

function toBase64(buffer: ArrayBufferLike, byteOffset: number, byteLength: number): string {
  return Buffer.from(buffer, byteOffset, byteLength).toString("base64");
}

const viewEncoder: TypeEncoder = {
  subclasses: true,
  encode(view: ArrayBufferView, writer: Writer, tag: string) {
    const { buffer, byteOffset, byteLength } = view;
    if (getTag(buffer) !== "ArrayBuffer") throw writer.unsupported(buffer, "buffer");
    const bufferIndex =
      byteOffset === 0 && byteLength === buffer.byteLength
        ? writer.write(buffer, "buffer")
        : writer.add(`["ArrayBuffer","${toBase64(buffer, byteOffset, byteLength)}"]`);
    return `["${tag}",${bufferIndex}]`;
  },
};

export const binaryEncoders: Record<string, TypeEncoder> = {
  ArrayBuffer: {
    encode: (buffer: ArrayBuffer) => `["ArrayBuffer","${toBase64(buffer, 0, buffer.byteLength)}"]`,
  },
  ...Object.fromEntries(VIEW_TAGS.map((tag) => [tag, viewEncoder])),
};

function createView(entry: readonly unknown[], reader: Reader): unknown {
  const tag = entry[0] as string;
  const raw = reader.entry(entry[1]);
  // Checked before reading, so malformed input cannot loop or allocate a huge buffer.
  if (!Array.isArray(raw) || raw[0] !== "ArrayBuffer") {
    throw reader.malformed(`a ${tag} whose buffer is not an ArrayBuffer`);
  }
  const buffer = reader.read(entry[1]);
  const View = requireConstructor(reader, tag);
  const [, , byteOffset, length] = entry;
  if (byteOffset === undefined) return new View(buffer);
  if (typeof byteOffset !== "number" || typeof length !== "number") {
    throw reader.malformed(`a ${tag} with a non-numeric offset or length`);
  }
  return new View(buffer, byteOffset, length);
}

export const binaryDecoders: Record<string, TypeDecoder> = {
  ArrayBuffer: {
    create(entry, reader) {
      const bytes = Buffer.from(readString(entry[1], reader, "an ArrayBuffer's base64"), "base64");
      const buffer = new (requireConstructor(reader, "ArrayBuffer"))(bytes.byteLength);
      new (requireConstructor(reader, "Uint8Array"))(buffer).set(bytes);
      return buffer;
    },
  },
  ...Object.fromEntries(VIEW_TAGS.map((tag) => [tag, { create: createView }])),
};
