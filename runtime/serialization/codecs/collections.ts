/** Map `["Map", key, value, ...]` and Set `["Set", value, ...]` (as devalue). */
import { requireConstructor, type TypeDecoder, type TypeEncoder } from "./codec.js";

// Host methods work on any realm's Map and Set, and ignore patched prototypes.
const mapForEach = Map.prototype.forEach;
const mapSet = Map.prototype.set;
const setForEach = Set.prototype.forEach;
const setAdd = Set.prototype.add;

export const collectionEncoders: Record<string, TypeEncoder> = {
  Map: {
    encode(map: Map<unknown, unknown>, writer) {
      let entry = '["Map"';
      let position = 0;
      mapForEach.call(map, (value, key) => {
        entry += `,${writer.write(key, { kind: "map-key", position })}`;
        entry += `,${writer.write(value, { kind: "map-value", key, position })}`;
        position++;
      });
      return `${entry}]`;
    },
  },
  Set: {
    encode(set: Set<unknown>, writer) {
      let entry = '["Set"';
      let position = 0;
      setForEach.call(set, (value) => {
        entry += `,${writer.write(value, { kind: "set-value", position })}`;
        position++;
      });
      return `${entry}]`;
    },
  },
};

export const collectionDecoders: Record<string, TypeDecoder> = {
  Map: {
    create: (entry, reader) => {
      if (entry.length % 2 === 0) throw reader.malformed("a Map entry with a key but no value");
      return new (requireConstructor(reader, "Map"))();
    },
    fill(map: Map<unknown, unknown>, entry, reader) {
      for (let i = 1; i < entry.length; i += 2) {
        mapSet.call(map, reader.read(entry[i]), reader.read(entry[i + 1]));
      }
    },
  },
  Set: {
    create: (_entry, reader) => new (requireConstructor(reader, "Set"))(),
    fill(set: Set<unknown>, entry, reader) {
      for (let i = 1; i < entry.length; i++) setAdd.call(set, reader.read(entry[i]));
    },
  },
};
