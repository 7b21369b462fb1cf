/** RegExp: `["RegExp", source, flags?]` (as devalue); `lastIndex` is not kept. */
import { readString, requireConstructor, type TypeDecoder, type TypeEncoder } from "./codec.js";

export const regExpEncoders: Record<string, TypeEncoder> = {
  RegExp: {
    encode(regexp: RegExp) {
      const source = JSON.stringify(regexp.source);
      return regexp.flags === ""
        ? `["RegExp",${source}]`
        : `["RegExp",${source},${JSON.stringify(regexp.flags)}]`;
    },
  },
};

export const regExpDecoders: Record<string, TypeDecoder> = {
  RegExp: {
    create(entry, reader) {
      const source = readString(entry[1], reader, "a RegExp's source");
      const flags = entry[2] === undefined ? "" : readString(entry[2], reader, "a RegExp's flags");
      return new (requireConstructor(reader, "RegExp"))(source, flags);
    },
  },
};
