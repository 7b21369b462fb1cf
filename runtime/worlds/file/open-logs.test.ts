/**
 * Run logs kept open: with more files written than descriptors allowed, each file still gets
 * exactly its own writes in order, reads return what was written, and a file created in the
 * pool (`prepare`) is the one later appends and reads use.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OpenLogs } from "./open-logs.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wf-open-logs-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("open run logs", () => {
  it("keeps at most `limit` open and writes every file's lines in order", () => {
    const logs = new OpenLogs(2);
    const files = ["a", "b", "c", "d"].map((name) => join(dir, name));
    for (let i = 0; i < 10; i++) for (const file of files) logs.append(file, Buffer.from(`${i}\n`));
    const expected = Array.from({ length: 10 }, (_, i) => `${i}\n`).join("");
    for (const file of files) {
      expect(readFileSync(file, "utf8")).toBe(expected);
      expect(logs.read(file, 2, 6).toString()).toBe("1\n2\n");
    }
    expect(files.filter((file) => logs.has(file))).toHaveLength(2);
    logs.closeAll();
  });

  it("creates a file in the pool, then appends to it; a short file reads short", async () => {
    const logs = new OpenLogs();
    const file = join(dir, "new.jsonl");
    await Promise.all([logs.prepare(file), logs.prepare(file)]);
    expect(logs.has(file)).toBe(true);
    logs.append(file, Buffer.from("one\n"));
    expect(logs.read(file, 0, 10).toString()).toBe("one\n");
    logs.close(file);
    expect(logs.has(file)).toBe(false);
    logs.append(file, Buffer.from("two\n")); // opened again
    expect(readFileSync(file, "utf8")).toBe("one\ntwo\n");
    logs.closeAll();
    await expect(logs.prepare(join(dir, "missing", "x"))).rejects.toThrow(/ENOENT/);
  });
});
