/**
 * LaterCommits' bookkeeping (no server: `flush` here records when it is called, and resolves
 * when the test says). The server side, that such a flush makes the WAL durable, is in
 * postgres/later-durability.test.ts.
 */
import { describe, expect, it } from "vitest";
import { LaterCommits } from "./later-commits.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
  const calls: (() => void)[] = [];
  const flush = () => new Promise<void>((resolve) => calls.push(resolve));
  return { calls, flush };
}

describe("LaterCommits", () => {
  it("flushes a later commit once its delay passes, and not when a synchronous commit covered it", async () => {
    const { calls, flush } = recorder();
    const commits = new LaterCommits(flush, 20);
    const mark = commits.mark();
    commits.committed(); // acknowledged after the synchronous commit began: not covered by it
    commits.covered(mark);
    expect(commits.settled).toBe(false);
    commits.covered(commits.mark()); // a synchronous commit that began after it
    expect(commits.settled).toBe(true);
    await sleep(50);
    expect(calls).toHaveLength(0);
    commits.committed();
    await sleep(50);
    expect(calls).toHaveLength(1);
    calls[0]!();
    await sleep(0);
    expect(commits.settled).toBe(true);
    commits.stop();
  });

  it("flushes only what was acknowledged before a flush began; later ones wait for their own delay", async () => {
    const { calls, flush } = recorder();
    const commits = new LaterCommits(flush, 200);
    commits.committed();
    await sleep(300);
    expect(calls).toHaveLength(1); // in flight
    commits.committed(); // during the flush
    calls[0]!();
    await sleep(20);
    expect(calls).toHaveLength(1); // not at once
    expect(commits.settled).toBe(false);
    await sleep(400);
    expect(calls).toHaveLength(2);
    calls[1]!();
    await sleep(0);
    expect(commits.settled).toBe(true);
    commits.stop();
  });
});
