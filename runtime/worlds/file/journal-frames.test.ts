/**
 * Journal records: what a crash or damage leaves at the end of a segment is recognised by its
 * length and checksum, and nothing after it is replayed.
 */
import { describe, expect, it } from "vitest";
import { decodeRecords, encodeRecord, type RecordHeader } from "./journal-frames.js";

const events: RecordHeader = { k: "e", r: "r1", i: 0, n: 1, a: 1 };
const chunks: RecordHeader = { k: "c", r: "r1", s: "b3V0", i: 3, n: 2, e: 1 };

describe("journal records", () => {
  it("reads back what it wrote, bodies byte for byte (newlines and non-ASCII included)", () => {
    const body = '{"runId":"r1","index":0,"data":{"x":"é\\n😀"}}\n';
    const buffer = Buffer.concat([encodeRecord(events, body), encodeRecord(chunks, "")]);
    const { records, end } = decodeRecords(buffer);
    expect(end).toBe(buffer.length);
    expect(records.map((r) => r.header)).toEqual([events, chunks]);
    expect(records[0]!.body.toString()).toBe(body);
    expect(records[1]!.body.length).toBe(0);
  });

  it("stops at a record cut short, at any byte", () => {
    const first = encodeRecord(events, "one\n");
    const second = encodeRecord(chunks, "two\n");
    for (let cut = 0; cut < second.length; cut++) {
      const { records, end } = decodeRecords(Buffer.concat([first, second.subarray(0, cut)]));
      expect(records).toHaveLength(1);
      expect(end).toBe(first.length);
    }
  });

  it("stops at a damaged record and reads nothing after it", () => {
    const first = encodeRecord(events, "one\n");
    const second = encodeRecord(chunks, "two\n");
    const third = encodeRecord(events, "three\n");
    second.writeUInt8(second.readUInt8(second.length - 2) ^ 0x20, second.length - 2); // one flipped bit
    const { records, end } = decodeRecords(Buffer.concat([first, second, third]));
    expect(records.map((r) => r.body.toString())).toEqual(["one\n"]);
    expect(end).toBe(first.length);
  });

  it("reads nothing from zeros (a file extended but never written)", () => {
    expect(decodeRecords(Buffer.alloc(64)).records).toEqual([]);
  });
});
