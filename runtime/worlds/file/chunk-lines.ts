import type { ChunkBatch } from "../local/chunk-storage.js";
import type { StreamError } from "../shared/stream-store.js";

/**
 * A stream file holds one JSON line per write: `{"i":<index of its first chunk>,"c":[chunks]}`,
 * plus `"end":true` (and `"error":{...}`) on the write that closed the stream. A batch is one
 * line written by one `write` call, so a crash leaves at most a piece of a line without its
 * newline at the end of the file: that piece is dropped, and the batch is lost as a whole.
 */
interface Line {
  i: number;
  c: string[];
  end?: true;
  error?: StreamError;
}

export function encodeChunkLine(batch: ChunkBatch): string {
  const line: Line = { i: batch.firstIndex, c: batch.chunks as string[] };
  if (batch.close) line.end = true;
  if (batch.error) line.error = batch.error;
  return JSON.stringify(line) + "\n";
}

export interface DecodedChunkLines {
  /** Chunks of every complete line, in order. */
  chunks: string[];
  /** Byte offset (from `base`) and first chunk index of each complete line. */
  offsets: number[];
  firsts: number[];
  /** Bytes up to the end of the last complete line; what follows is a torn write. */
  end: number;
  closed: boolean;
  error?: StreamError;
}

/**
 * Parses stream lines, checking that indexes run on from `firstIndex` and that nothing follows
 * a closing line. Anything that does not parse is corruption, reported with the file and offset.
 */
export function decodeChunkLines(
  buffer: Buffer,
  where: { file: string; firstIndex: number; base: number },
): DecodedChunkLines {
  const result: DecodedChunkLines = { chunks: [], offsets: [], firsts: [], end: 0, closed: false };
  let index = where.firstIndex;
  let pos = 0;
  for (let newline = buffer.indexOf(10, pos); newline !== -1; newline = buffer.indexOf(10, pos)) {
    let line: Line;
    try {
      line = JSON.parse(buffer.toString("utf8", pos, newline)) as Line;
    } catch (error) {
      throw corrupt(where, pos, `a line is not JSON (${(error as Error).message})`);
    }
    if (
      typeof line !== "object" ||
      line === null ||
      line.i !== index ||
      !Array.isArray(line.c) ||
      line.c.some((chunk) => typeof chunk !== "string")
    ) {
      throw corrupt(where, pos, `expected the write of chunk ${index}`);
    }
    if (result.closed) throw corrupt(where, pos, "chunks follow the end of the stream");
    result.offsets.push(where.base + pos);
    result.firsts.push(index);
    for (const chunk of line.c) result.chunks.push(chunk);
    index += line.c.length;
    if (line.end === true) {
      result.closed = true;
      if (line.error) result.error = line.error;
    }
    pos = newline + 1;
    result.end = pos;
  }
  return result;
}

function corrupt(where: { file: string; base: number }, pos: number, what: string): Error {
  return new Error(
    `Stream file ${where.file} is corrupt at byte ${where.base + pos}: ${what}. ` +
      "Move the file away to drop this stream, or restore it from a backup.",
  );
}
