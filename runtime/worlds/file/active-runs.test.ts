/**
 * The file of unfinished runs: what start-up loads is the runs created and not finished, in the
 * file a writer left (even with a line cut short), in the `active/` markers of an older
 * directory, and its size follows the unfinished runs, not every run ever made.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ActiveRuns } from "./active-runs.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wf-active-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("active runs file", () => {
  it("lists the runs created and not finished, to the writer, a reader beside it, and the next writer", () => {
    const writer = new ActiveRuns(dir);
    writer.open(false);
    writer.add("a");
    writer.add("b");
    writer.add("c");
    writer.delete("b");
    const reader = new ActiveRuns(dir);
    reader.open(true);
    expect(reader.list().sort()).toEqual(["a", "c"]);
    writer.delete("a");
    expect(reader.list()).toEqual(["c"]); // the reader reads the file again
    expect(writer.list()).toEqual(["c"]);
    writer.close();
    const next = new ActiveRuns(dir);
    next.open(false);
    expect(next.list()).toEqual(["c"]);
    next.close();
  });

  it("skips a line cut short at the end (a crash in the middle of a write)", () => {
    writeFileSync(join(dir, "active.log"), "+a\n+b\n-a\n+c");
    const runs = new ActiveRuns(dir);
    runs.open(false);
    expect(runs.list()).toEqual(["b"]);
    runs.add("d"); // on a line of its own, not joined to the cut one
    runs.close();
    const next = new ActiveRuns(dir);
    next.open(true);
    expect(next.list().sort()).toEqual(["b", "d"]);
  });

  it("takes the runs of an older directory's active/ markers, and removes them", () => {
    mkdirSync(join(dir, "active"));
    writeFileSync(join(dir, "active", "old1"), "");
    writeFileSync(join(dir, "active", "old2"), "");
    const reader = new ActiveRuns(dir);
    reader.open(true);
    expect(reader.list().sort()).toEqual(["old1", "old2"]);
    const writer = new ActiveRuns(dir);
    writer.open(false);
    expect(writer.list().sort()).toEqual(["old1", "old2"]);
    expect(existsSync(join(dir, "active"))).toBe(false);
    writer.close();
    const next = new ActiveRuns(dir);
    next.open(false);
    expect(next.list().sort()).toEqual(["old1", "old2"]);
    next.close();
  });

  it("rewrites the file once finished runs fill it, keeping the unfinished ones", () => {
    const runs = new ActiveRuns(dir);
    runs.open(false);
    runs.add("kept");
    for (let i = 0; i < 30_000; i++) {
      runs.add(`run${i}`);
      runs.delete(`run${i}`);
    }
    // 60,000 lines written; the file holds far fewer, "kept" among them.
    expect(statSync(join(dir, "active.log")).size).toBeLessThan(10_001 * 12);
    runs.close();
    const next = new ActiveRuns(dir);
    next.open(true);
    expect(next.list()).toEqual(["kept"]);
    expect(readFileSync(join(dir, "active.log"), "utf8").startsWith("+kept\n")).toBe(true);
  });
});
