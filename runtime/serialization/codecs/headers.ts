/**
 * Headers: `["Headers", payload]` with payload `[name, value, name, value, ...]`.
 * Iteration yields each set-cookie header on its own, so `append` rebuilds them.
 */
import { readString, requireConstructor, type TypeDecoder, type TypeEncoder } from "./codec.js";

export const headersEncoders: Record<string, TypeEncoder> = {
  Headers: {
    encode(headers: Headers, writer) {
      const refs: number[] = [];
      for (const [name, value] of headers) refs.push(writer.write(name), writer.write(value));
      return `["Headers",${writer.add(`[${refs.join(",")}]`)}]`;
    },
  },
};

export const headersDecoders: Record<string, TypeDecoder> = {
  Headers: {
    create(entry, reader) {
      const pairs = reader.entry(entry[1]);
      if (!Array.isArray(pairs) || pairs.length % 2 !== 0) {
        throw reader.malformed("Headers without name/value pairs");
      }
      const headers: Headers = new (requireConstructor(reader, "Headers"))();
      for (let i = 0; i < pairs.length; i += 2) {
        headers.append(
          readString(reader.read(pairs[i]), reader, "a header name"),
          readString(reader.read(pairs[i + 1]), reader, "a header value"),
        );
      }
      return headers;
    },
  },
};
