/**
 * ReadableStream / WritableStream: `[kind, reference]`, where reference is
 * whatever the context's stream codec made of the stream. Any value with the
 * stream brand is accepted, so a workflow's stream handles (another class
 * carrying the same Symbol.toStringTag) serialize the same way.
 */
import type { StreamKind } from "../context.js";
import { createMissingCallbackError } from "../error-messages.js";
import type { TypeDecoder, TypeEncoder } from "./codec.js";

const streamEncoder: TypeEncoder = {
  subclasses: true,
  encode(stream: object, writer, tag) {
    const streams = writer.context.streams;
    if (streams === undefined) throw writer.unsupported(stream);
    let reference: unknown;
    try {
      reference = streams.reduce(stream, tag as StreamKind);
    } catch (error) {
      throw writer.callbackFailed("the context's streams.reduce", error);
    }
    return `["${tag}",${writer.write(reference, { kind: "note", text: `${tag} reference` })}]`;
  },
};

const streamDecoder: TypeDecoder = {
  create(entry, reader) {
    const kind = entry[0] as StreamKind;
    const streams = reader.context.streams;
    if (streams === undefined) throw createMissingCallbackError(reader.operation, kind, "streams");
    const reference = reader.read(entry[1]);
    try {
      return streams.revive(reference, kind);
    } catch (error) {
      throw reader.callbackFailed("the context's streams.revive", error);
    }
  },
};

export const streamEncoders: Record<string, TypeEncoder> = {
  ReadableStream: streamEncoder,
  WritableStream: streamEncoder,
};

export const streamDecoders: Record<string, TypeDecoder> = {
  ReadableStream: streamDecoder,
  WritableStream: streamDecoder,
};
