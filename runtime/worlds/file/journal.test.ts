/**
 * The journal: segments grow by zeros written ahead of the records, so what a writer that was
 * never closed (killed) leaves is records, then zeros; a new journal replays every record, in
 * order, past the points where the segment grew.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Journal } from "./journal.js";
import { LATER_DURABILITY_MS } from "../shared/world.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wf-journal-"));
  mkdirSync(join(dir, "journal"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("journal", () => {
  it("replays every acknowledged record of a writer never closed, across the segment's growth", async () => {
    const writer = new Journal({ dir, fsync: true });
    await writer.open(() => {});
    const body = "x".repeat(500) + "\n";
    const count = 5_000; // about 2.5 MB: the segment grows past its first megabyte twice
    const commits: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      commits.push(writer.commit({ k: "e", r: "r1", i, n: 1 }, body, () => {}));
      if (i % 100 === 99) await Promise.all(commits.splice(0)); // groups of many sizes
    }
    await Promise.all(commits);
    // Not closed: what a SIGKILL leaves. The segment is larger than its records (zeros).
    const [segment] = readdirSync(join(dir, "journal"));
    expect(statSync(join(dir, "journal", segment!)).size).toBeGreaterThan(count * body.length);

    const seen: number[] = [];
    const messages: string[] = [];
    const next = new Journal({ dir, fsync: true, debug: (message) => messages.push(message) });
    await next.open((header, replayed) => {
      expect(replayed.toString()).toBe(body);
      seen.push(header.i);
    });
    expect(seen).toEqual(Array.from({ length: count }, (_, i) => i));
    // Zeros after the last record are not reported as damage.
    expect(messages.filter((m) => m.includes("cut short"))).toEqual([]);
    await next.close();
  });
});

describe('journal commits with durability "later"', () => {
  const body = "y".repeat(100) + "\n";

  it("are applied at once and flushed by the next commit that must be durable", async () => {
    const writer = new Journal({ dir, fsync: true });
    await writer.open(() => {});
    const applied: number[] = [];
    for (let i = 0; i < 5; i++)
      await writer.commit(
        { k: "e", r: "r1", i, n: 1 },
        body,
        () => applied.push(i),
        undefined,
        "later",
      );
    expect(applied).toEqual([0, 1, 2, 3, 4]);
    expect(writer.flushes).toBe(0);
    await writer.commit({ k: "e", r: "r1", i: 5, n: 1 }, body, () => applied.push(5));
    expect(writer.flushes).toBe(1); // one flush for all six
    expect(applied).toEqual([0, 1, 2, 3, 4, 5]);
    await writer.close();
  });

  it("are flushed on their own within LATER_DURABILITY_MS when no other commit comes", async () => {
    const writer = new Journal({ dir, fsync: true });
    await writer.open(() => {});
    await writer.commit({ k: "e", r: "r1", i: 0, n: 1 }, body, () => {}, undefined, "later");
    expect(writer.flushes).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, LATER_DURABILITY_MS * 4 + 50));
    expect(writer.flushes).toBe(1);
    await writer.close();
  });

  it("are replayed in order with the others after a writer is abandoned (killed)", async () => {
    const writer = new Journal({ dir, fsync: true });
    await writer.open(() => {});
    const commits: Promise<void>[] = [];
    for (let i = 0; i < 300; i++)
      commits.push(
        writer.commit(
          { k: "e", r: "r1", i, n: 1 },
          body,
          () => {},
          undefined,
          i % 3 ? "later" : "now",
        ),
      );
    await Promise.all(commits);
    const seen: number[] = [];
    const next = new Journal({ dir, fsync: true });
    await next.open((header) => seen.push(header.i));
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i));
    await next.close();
  });
});
