import { crc32 } from "node:zlib";

/**
 * What one journal record says, before its body. `e`: a batch of events of run `r`, starting at
 * event `i`, `n` events (the body is the run log's text of the batch); `a` when it creates the
 * run, `f` (the run's summary as JSON) when it finishes it, `y` the idempotency key it
 * claims (key-files.ts). `c`: a write to output stream `s`
 * (base64url of its name) of run `r`, at chunk `i`, `n` chunks, `e` when it closes the stream
 * (the body is the stream file's line).
 */
export type RecordHeader =
  | { k: "e"; r: string; i: number; n: number; a?: 1; f?: string; y?: string }
  | { k: "c"; r: string; s: string; i: number; n: number; e?: 1 };

/** Bytes before a record's payload: its length and its CRC-32, both u32 little-endian. */
const PREFIX = 8;

/**
 * One record as it is written: length, checksum, then the header's JSON, a newline and the
 * body. The checksum covers header and body, so a record a crash cut short, or one damaged on
 * disk, is recognised and never replayed.
 */
export function encodeRecord(header: RecordHeader, body: string): Buffer {
  const text = JSON.stringify(header) + "\n" + body;
  const length = Buffer.byteLength(text);
  const frame = Buffer.allocUnsafe(PREFIX + length);
  frame.write(text, PREFIX);
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(crc32(frame.subarray(PREFIX)), 4);
  return frame;
}

export interface DecodedRecord {
  header: RecordHeader;
  body: Buffer;
}

/**
 * The intact records at the start of a segment, and where they end. What follows `end` (when
 * it is short of the buffer) is a record a crash cut short, or damage: nothing after it is read.
 */
export function decodeRecords(buffer: Buffer): { records: DecodedRecord[]; end: number } {
  const records: DecodedRecord[] = [];
  let pos = 0;
  while (pos + PREFIX <= buffer.length) {
    const length = buffer.readUInt32LE(pos);
    if (length === 0) break; // every record has at least its header: zeros are no record
    const payload = buffer.subarray(pos + PREFIX, pos + PREFIX + length);
    if (payload.length < length || crc32(payload) !== buffer.readUInt32LE(pos + 4)) break;
    const newline = payload.indexOf(10);
    let header: RecordHeader;
    try {
      header = JSON.parse(payload.toString("utf8", 0, newline)) as RecordHeader;
    } catch {
      break;
    }
    records.push({ header, body: payload.subarray(newline + 1) });
    pos += PREFIX + length;
  }
  return { records, end: pos };
}
