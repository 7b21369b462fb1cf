/**
 * Request `["Request", {method, url, headers, body}]` and Response
 * `["Response", {status, statusText, headers, body}]`. A body is a
 * ReadableStream, so it goes through the context's stream codec; without one,
 * only a Request or Response without a body can be serialized.
 */
import {
  requireConstructor,
  type Reader,
  type TypeDecoder,
  type TypeEncoder,
  type Writer,
} from "./codec.js";

function record(writer: Writer, fields: Record<string, unknown>): number {
  const parts = Object.entries(fields).map(
    ([key, value]) => `${JSON.stringify(key)}:${writer.write(value, key)}`,
  );
  return writer.add(`{${parts.join(",")}}`);
}

function readRecord(entry: readonly unknown[], reader: Reader): Record<string, unknown> {
  const fields = reader.entry(entry[1]);
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) {
    throw reader.malformed(`a ${String(entry[0])} without its fields`);
  }
  const values: Record<string, unknown> = {};
  for (const [key, ref] of Object.entries(fields)) values[key] = reader.read(ref);
  return values;
}

export const requestResponseEncoders: Record<string, TypeEncoder> = {
  Request: {
    encode: (request: Request, writer) =>
      `["Request",${record(writer, {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
      })}]`,
  },
  Response: {
    encode: (response: Response, writer) =>
      `["Response",${record(writer, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: response.body,
      })}]`,
  },
};

export const requestResponseDecoders: Record<string, TypeDecoder> = {
  Request: {
    create(entry, reader) {
      const { url, method, headers, body } = readRecord(entry, reader);
      // A stream body needs duplex "half" (the only value fetch allows).
      const init = body == null ? { method, headers } : { method, headers, body, duplex: "half" };
      return new (requireConstructor(reader, "Request"))(url, init);
    },
  },
  Response: {
    create(entry, reader) {
      const { status, statusText, headers, body } = readRecord(entry, reader);
      return new (requireConstructor(reader, "Response"))(body ?? null, {
        status,
        statusText,
        headers,
      });
    },
  },
};
