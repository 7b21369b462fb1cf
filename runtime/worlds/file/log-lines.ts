import { stringifyEvent } from "../shared/check-event.js";
import type { StoredEvent } from "../shared/events.js";

/**
 * A run log is JSON lines, one event per line. Every line of a batch but its last ends with
 * this marker ("more events of this batch follow"), so a write that a crash cut short at a line
 * boundary is still recognised as incomplete. An event's JSON ends with its `data` object
 * (`}}`), so the marker (`true}`) cannot be mistaken for event content.
 */
const MORE = ',"more":true}';

/** A batch as the text of one write: complete lines, the marker on all but the last. */
export function encodeBatch(events: readonly StoredEvent[]): string {
  let text = "";
  for (let i = 0; i < events.length; i++) {
    const json = stringifyEvent(events[i] as StoredEvent);
    text += i < events.length - 1 ? json.slice(0, -1) + MORE + "\n" : json + "\n";
  }
  return text;
}

export interface DecodedLines {
  events: StoredEvent[];
  /** Byte offset (in the file) of each event's line. */
  offsets: number[];
  /** Bytes of `buffer` up to the end of its last complete batch; what follows is a torn write. */
  end: number;
}

/**
 * Parses log lines, checking that indexes run on from `firstIndex` and that every event is
 * `runId`'s. A trailing piece without a newline, and trailing lines of a batch whose last line
 * is missing, are a write that a crash cut short: they are left out (see `end`). Anything else
 * that does not parse is corruption, reported with the file and byte offset.
 */
export function decodeLines(
  buffer: Buffer,
  where: { runId: string; file: string; firstIndex: number; base: number },
): DecodedLines {
  const events: StoredEvent[] = [];
  const offsets: number[] = [];
  let complete = 0;
  let end = 0;
  let pos = 0;
  for (let newline = buffer.indexOf(10, pos); newline !== -1; newline = buffer.indexOf(10, pos)) {
    let text = buffer.toString("utf8", pos, newline);
    const more = text.endsWith(MORE);
    if (more) text = text.slice(0, -MORE.length) + "}";
    const index = where.firstIndex + events.length;
    let event: StoredEvent;
    try {
      event = JSON.parse(text) as StoredEvent;
    } catch (error) {
      throw corrupt(where, pos, `line of event ${index} is not JSON (${(error as Error).message})`);
    }
    if (
      typeof event !== "object" ||
      event === null ||
      event.index !== index ||
      event.runId !== where.runId
    ) {
      throw corrupt(where, pos, `expected event ${index} of run ${where.runId}`);
    }
    events.push(event);
    offsets.push(where.base + pos);
    pos = newline + 1;
    if (!more) {
      complete = events.length;
      end = pos;
    }
  }
  events.length = complete;
  offsets.length = complete;
  return { events, offsets, end };
}

function corrupt(where: { file: string; base: number }, pos: number, what: string): Error {
  return new Error(
    `Run log ${where.file} is corrupt at byte ${where.base + pos}: ${what}. ` +
      "Move the file away to start without this run, or restore it from a backup.",
  );
}
