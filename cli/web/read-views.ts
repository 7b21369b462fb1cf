/**
 * What the dashboard's API reads, as JSON: a page of runs, one run with its log, timeline and
 * streams, the run after its first k events (time travel), a stream's chunks. Values are decoded
 * as `wf inspect --json` decodes them (`stored-value.ts`), without the app's code.
 */
import {
  describeSlot,
  foldEvents,
  type RunState,
  type StoredEvent,
  type World,
} from "../../runtime/worlds/index.js";
import type { RunFilter } from "../../runtime/worlds/shared/world.js";
import { formatValue, readStoredValue, toJsonValue } from "../inspect/stored-value.js";
import { eventDataToJson, runToJson } from "../inspect/views.js";
import type {
  EventJson,
  RunAt,
  RunDetail,
  RunJson,
  RunsPage,
  StreamChunks,
  StreamJson,
} from "./api-types.js";
import type { ReadLog } from "./run-logs.js";
import { timelineOf } from "./timeline.js";

const decode = (text: string | undefined) => toJsonValue(readStoredValue(text));
/** A stored value as people read it: `Map(1) { 'a' => 1n }`, a Date as a date (not JSON). */
const show = (text: string | undefined) => formatValue(readStoredValue(text), 72);

export async function readRunsPage(world: World, filter: RunFilter): Promise<RunsPage> {
  return world.listRuns(filter);
}

export function eventToJson(event: StoredEvent): EventJson {
  return {
    index: event.index,
    type: event.type,
    ...(event.correlationId !== undefined ? { correlationId: event.correlationId } : {}),
    createdAt: event.createdAt,
    data: eventDataToJson(event),
  };
}

function toRunJson(run: RunState): RunJson {
  const json = runToJson(run) as RunJson;
  json.inputText = show(run.input);
  const slot = describeSlot(run);
  if (slot !== undefined) json.slotText = slot;
  if (run.output !== undefined) json.outputText = show(run.output);
  for (const step of json.steps) {
    const stored = run.steps.get(step.stepId)?.result;
    if (stored !== undefined) step.resultText = show(stored);
  }
  return json;
}

async function readStreams(world: World, runId: string): Promise<StreamJson[]> {
  const names = await world.streams.list(runId);
  return Promise.all(
    names.map(async (name) => ({ name, ...(await world.streams.info(runId, name)) })),
  );
}

/** The run with its log, timeline and streams; null when there is no such run. */
export async function readRunDetail(
  world: World,
  runId: string,
  actions: boolean,
): Promise<RunDetail | null> {
  const run = await world.getRun(runId);
  if (!run) return null;
  const events = await world.readEvents(runId);
  return {
    run: toRunJson(run),
    eventCount: events.length,
    lanes: timelineOf(events),
    streams: await readStreams(world, runId),
    actions,
  };
}

/** The run as its first `at` events left it (`at` clamped to the log). */
export async function readRunAt(
  readLog: ReadLog,
  runId: string,
  at: number,
): Promise<RunAt | null> {
  const events = await readLog(runId);
  if (events.length === 0) return null;
  const k = Math.max(0, Math.min(events.length, Math.floor(at)));
  const prefix = events.slice(0, k);
  const tokens = new Map<string, string>();
  const received: RunAt["received"] = [];
  for (const event of prefix) {
    if (event.type === "hook_created" && event.correlationId)
      tokens.set(event.correlationId, event.data.token);
    if (event.type === "hook_received")
      received.push({
        token: tokens.get(event.correlationId ?? "") ?? "",
        payload: decode(event.data.payload),
        payloadText: show(event.data.payload),
      });
  }
  const state = foldEvents(prefix);
  return {
    at: k,
    eventCount: events.length,
    run: state ? toRunJson(state) : null,
    event: k > 0 ? eventToJson(events[k - 1]!) : null,
    received,
  };
}

/** Chunks of one stream from `from` to what is stored now (at most `max`), decoded. */
export async function readStreamChunks(
  world: World,
  runId: string,
  name: string,
  from: number,
  max = 500,
): Promise<StreamChunks> {
  const info = await world.streams.info(runId, name);
  const chunks: unknown[] = [];
  const until = Math.min(info.length, from + max);
  if (from < until) {
    // `read` waits for chunks not written yet: stop at what `info` counted.
    for await (const text of world.streams.read(runId, name, { startIndex: from })) {
      chunks.push(decode(text));
      if (from + chunks.length >= until) break;
    }
  }
  return { name, from, chunks, ...info };
}
