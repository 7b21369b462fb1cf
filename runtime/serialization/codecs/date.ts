/** Date: `["Date", iso]`, an invalid date as `["Date", ""]` (as devalue). */
import { readString, requireConstructor, type TypeDecoder, type TypeEncoder } from "./codec.js";

// The host's methods read the internal slot, so they work on any realm's Date.
const getTime = Date.prototype.getTime;
const toISOString = Date.prototype.toISOString;

export const dateEncoders: Record<string, TypeEncoder> = {
  Date: {
    encode: (date: Date) =>
      Number.isNaN(getTime.call(date))
        ? '["Date",""]'
        : `["Date",${JSON.stringify(toISOString.call(date))}]`,
  },
};

export const dateDecoders: Record<string, TypeDecoder> = {
  Date: {
    create(entry, reader) {
      const iso = readString(entry[1], reader, "a Date's ISO string");
      const DateConstructor = requireConstructor(reader, "Date");
      return new DateConstructor(iso === "" ? Number.NaN : iso);
    },
  },
};
