/** URL `["URL", href]` and URLSearchParams `["URLSearchParams", query]` (as devalue). */
import { readString, requireConstructor, type TypeDecoder, type TypeEncoder } from "./codec.js";

export const urlEncoders: Record<string, TypeEncoder> = {
  URL: { encode: (url: URL) => `["URL",${JSON.stringify(url.href)}]` },
  URLSearchParams: {
    encode: (params: URLSearchParams) => `["URLSearchParams",${JSON.stringify(params.toString())}]`,
  },
};

export const urlDecoders: Record<string, TypeDecoder> = {
  URL: {
    create: (entry, reader) =>
      new (requireConstructor(reader, "URL"))(readString(entry[1], reader, "a URL's href")),
  },
  URLSearchParams: {
    create: (entry, reader) =>
      new (requireConstructor(reader, "URLSearchParams"))(
        readString(entry[1], reader, "a URLSearchParams' query"),
      ),
  },
};
