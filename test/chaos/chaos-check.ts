/**
 * What a chaos session must leave behind, checked on a world opened afresh after the last
 * worker exited: every run there and completed with the right result, no step completed twice,
 * the hook resumed once, every acknowledged stream chunk read back exactly once, nothing set
 * aside as unreadable. Returns the figures the session prints.
 */
import { expect } from "vitest";
import { deserialize } from "../../runtime/serialization/index.js";
import type { StoredEvent, World } from "../../runtime/worlds/index.js";
import { expectEachStepCompletedOnce } from "../support/step-events.js";
import { expectedResult, SLEEP_MS } from "./fixtures/plan.js";
import type { StartedRun } from "./chaos-session.js";

/** The stream `getWritable()` writes to without a namespace. */
const OUTPUT_STREAM = "user";

export interface ChaosFigures {
  runs: number;
  /** step_completed events, one per step. */
  steps: number;
  /** Attempts started beyond the first of each step: the work the kills cost. */
  retriedAttempts: number;
  /** The most attempts one step took. */
  mostAttempts: number;
  sleeps: number;
  hooksResumed: number;
  /** Chunks written by attempts that completed: each must be in its stream once. */
  chunksAcknowledged: number;
  /** Chunks of attempts that a kill cut short (not acknowledged, so allowed to stay). */
  chunksFromKilledAttempts: number;
  /** Steps completed twice, hook payloads stored twice, acknowledged chunks lost or doubled. */
  duplicates: number;
  lost: number;
}

/** Figures with nothing counted yet. */
export function emptyFigures(runs: number): ChaosFigures {
  return {
    runs,
    steps: 0,
    retriedAttempts: 0,
    mostAttempts: 0,
    sleeps: 0,
    hooksResumed: 0,
    chunksAcknowledged: 0,
    chunksFromKilledAttempts: 0,
    duplicates: 0,
    lost: 0,
  };
}

/**
 * Checks `world` (started) after a session of `runs`, counting into `figures` and collecting
 * each run's log into `logs` as it goes, so that what was counted can be printed even when a
 * check fails.
 */
export async function checkWorld(
  world: World,
  runs: StartedRun[],
  figures: ChaosFigures,
  logs: StoredEvent[][],
): Promise<void> {
  expect((await world.listQuarantined?.()) ?? [], "runs set aside as unreadable").toEqual([]);
  const listed = (await world.listRuns({ limit: 1000 })).runs.map((run) => run.runId);
  expect([...listed].sort(), "the runs in the world").toEqual(runs.map((r) => r.runId).sort());

  for (const run of runs) {
    const what = `run ${run.key} (${run.runId})`;
    const state = await world.getRun(run.runId);
    expect.soft(state?.status, `${what}: ${JSON.stringify(state?.error)}`).toBe("completed");
    const result =
      state?.output === undefined
        ? undefined
        : (deserialize(state.output) as ReturnType<typeof expectedResult> & {
            slept: number;
            chunks: string[];
          });
    expect.soft(result, what).toMatchObject(expectedResult(run));
    expect.soft(result?.slept, `${what}: the sleep`).toBeGreaterThanOrEqual(SLEEP_MS);

    const events = await world.readEvents(run.runId);
    logs.push(events);
    countEvents(events, figures);
    const received = events.filter((e) => e.type === "hook_received").length;
    if (received > 1) figures.duplicates += received - 1;
    expect.soft(received, `${what}: hook payloads stored`).toBe(1);

    const acknowledged = new Set(result?.chunks);
    const chunks = await readStream(world, run.runId);
    const seen = new Map<string, number>();
    for (const chunk of chunks) seen.set(chunk, (seen.get(chunk) ?? 0) + 1);
    const doubled = [...seen].filter(([, n]) => n > 1).map(([chunk]) => chunk);
    const lost = [...acknowledged].filter((chunk) => !seen.has(chunk));
    figures.duplicates += doubled.length;
    figures.lost += lost.length;
    figures.chunksAcknowledged += acknowledged.size;
    figures.chunksFromKilledAttempts += [...seen.keys()].filter((c) => !acknowledged.has(c)).length;
    expect.soft(doubled, `${what}: chunks stored twice`).toEqual([]);
    expect.soft(lost, `${what}: acknowledged chunks missing from the stream`).toEqual([]);
    expect.soft(outOfOrder(chunks), `${what}: chunks out of their attempt's order`).toEqual([]);
    expectEachStepCompletedOnce(events);
  }
}

/**
 * Chunks that do not continue their attempt's sequence: each attempt's chunks are in the
 * stream in the order it wrote them, from its first, with none missing in between (a killed
 * attempt leaves a prefix of them).
 */
function outOfOrder(chunks: string[]): string[] {
  const next = new Map<string, number>();
  const wrong: string[] = [];
  for (const chunk of chunks) {
    const match = /^(.+)\.(\d+)$/.exec(chunk);
    const attempt = match?.[1] ?? chunk;
    const seq = Number(match?.[2]);
    if (seq !== (next.get(attempt) ?? 0)) wrong.push(chunk);
    next.set(attempt, seq + 1);
  }
  return wrong;
}

function countEvents(events: StoredEvent[], figures: ChaosFigures): void {
  const completed = new Set<string>();
  for (const event of events) {
    if (event.type === "step_completed") {
      figures.steps++;
      if (completed.has(event.correlationId!)) figures.duplicates++;
      completed.add(event.correlationId!);
    }
    if (event.type === "step_started") {
      if (event.data.attempt > 1) figures.retriedAttempts++;
      figures.mostAttempts = Math.max(figures.mostAttempts, event.data.attempt);
    }
    if (event.type === "wait_completed") figures.sleeps++;
    if (event.type === "hook_received") figures.hooksResumed++;
  }
}

/** Every chunk stored in the run's output stream, deserialized. */
async function readStream(world: World, runId: string): Promise<string[]> {
  const { length } = await world.streams.info(runId, OUTPUT_STREAM);
  const chunks: string[] = [];
  if (length === 0) return chunks;
  for await (const text of world.streams.read(runId, OUTPUT_STREAM)) {
    chunks.push(deserialize(text) as string);
    if (chunks.length === length) break;
  }
  return chunks;
}
