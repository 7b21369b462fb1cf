/**
 * End-to-end harness: a runtime over a memory world whose bundles are built from the workflow
 * files in test/workflows/ (esbuild + our compiler), and workflow handles made from IDs.
 * Every end-to-end test runs in both {@link ENGINE_MODES}: with the sticky cache (a run resumes
 * its live sandbox) and without it (every invocation replays the whole log).
 */
import { waitForEvent as waitForEventOf } from "../support/wait-for-event.js";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform as stripTypes } from "esbuild";
import { transform } from "../../compiler/index.js";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { start, type WorkflowFunction } from "../../runtime/api/index.js";
import type { Run } from "../../runtime/api/run.js";
import type { BundleSource } from "../../runtime/engine/context.js";
import { createRuntime, type Runtime } from "../../runtime/engine/runtime.js";
import type { Outcome } from "../../runtime/engine/session.js";
import { deserialize } from "../../runtime/serialization/index.js";
import { createMemoryWorld, TERMINAL_RUN_EVENTS } from "../../runtime/worlds/index.js";
import type { EventOf, EventType, StoredEvent } from "../../runtime/worlds/index.js";
import { beforeRunEnd, createFreshSession } from "../support/fresh-session.js";

/** The repository root: IDs of test workflows are relative to it. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** One bundle source for every runtime of a test file: bundles are built once. */
export const bundles = createBundleSource({ root: ROOT });

/** The two ways the engine can resume a run; results must not depend on which one is used. */
export const ENGINE_MODES = [
  { mode: "sticky cache on", stickyCacheSize: 1000 },
  { mode: "sticky cache off", stickyCacheSize: 0 },
] as const;

export type EngineMode = (typeof ENGINE_MODES)[number];

/** A function `start()` accepts: it only needs the workflow's ID. */
export type WorkflowHandle<Args extends unknown[], R> = WorkflowFunction<Args, R> & {
  workflowId: string;
};

/** A handle on the workflow `name` of `test/workflows/<file>.ts`. */
export function workflow<Args extends unknown[] = unknown[], R = unknown>(
  file: string,
  name: string,
): WorkflowHandle<Args, R> {
  const handle = async (..._args: Args): Promise<R> => {
    throw new Error("test handle: use start()");
  };
  return Object.assign(handle, { workflowId: `workflow//./test/workflows/${file}//${name}` });
}

/** The ID the compiler gives step `name` of `test/workflows/<file>.ts`. */
export const stepId = (file: string, name: string) => `step//./test/workflows/${file}//${name}`;

export interface TestEngine {
  runtime: Runtime;
  /** Starts a run of `fn` on this engine. */
  start<Args extends unknown[], R>(fn: WorkflowHandle<Args, R>, args?: Args): Promise<Run<R>>;
  /** The run's whole event log. */
  events(runId: string): Promise<StoredEvent[]>;
  /** Resolves with the first event of the run that matches, waiting for it if needed. */
  waitForEvent(
    runId: string,
    match: (event: StoredEvent) => boolean,
    timeoutMs?: number,
  ): Promise<StoredEvent>;
  /** Resolves once the run's log holds a terminal event. */
  waitForEnd(runId: string, timeoutMs?: number): Promise<StoredEvent>;
  close(): Promise<void>;
}

export interface TestEngineOptions {
  stickyCacheSize: number;
  retryDelayMs?: number;
  bundles?: BundleSource;
}

/** A started runtime over a fresh memory world. */
export async function createTestEngine(options: TestEngineOptions): Promise<TestEngine> {
  const world = createMemoryWorld({ retryBaseMs: 5 });
  const runtime = createRuntime({
    world,
    bundles: options.bundles ?? bundles,
    stickyCacheSize: options.stickyCacheSize,
    retryDelayMs: options.retryDelayMs ?? 10,
    url: "http://localhost:4321",
  });
  await runtime.start();

  const waitForEvent: TestEngine["waitForEvent"] = (runId, match, timeoutMs) =>
    waitForEventOf(runtime, runId, match, timeoutMs);

  return {
    runtime,
    // start(fn, undefined) is start(fn, []): the typed overloads want the array.
    start: (fn, args) =>
      start(fn, args ?? ([] as unknown[] as NonNullable<typeof args>), { runtime }),
    events: (runId) => world.readEvents(runId),
    waitForEvent,
    waitForEnd: (runId, timeoutMs) =>
      waitForEvent(runId, (event) => TERMINAL_RUN_EVENTS.has(event.type), timeoutMs),
    close: () => runtime.close(),
  };
}

/** Events of one type, optionally of one correlation ID. */
export function ofType<K extends EventType>(
  events: StoredEvent[],
  type: K,
  correlationId?: string,
): EventOf<K>[] {
  return events.filter(
    (event): event is EventOf<K> =>
      event.type === type && (correlationId === undefined || event.correlationId === correlationId),
  );
}

/**
 * Replays a finished run's log in a brand-new session (what a fresh process does), without its
 * terminal event, and returns where the replay ends: a deterministic workflow reaches the same
 * outcome as the run it replays.
 */
export async function replayFinishedRun(engine: TestEngine, runId: string): Promise<Outcome> {
  const session = await createFreshSession(engine.runtime.world, bundles, runId);
  return session.feed(beforeRunEnd(await engine.events(runId)));
}

/** A completed outcome's value, as the caller would see it. */
export function outputOf(outcome: Outcome): unknown {
  if (outcome.status !== "completed")
    throw new Error(`expected a completed replay, got ${JSON.stringify(outcome)}`);
  return deserialize(outcome.output);
}

/**
 * Imports `test/workflows/<file>.ts` in its client form (what an app that imports it gets from
 * the integration): workflows stamped with their ID and throwing when called directly, steps
 * plain functions, serializable classes registered.
 */
export async function importClientModule<T>(file: string): Promise<T> {
  const source = path.join(ROOT, "test", "workflows", `${file}.ts`);
  const client = transform(await readFile(source, "utf8"), {
    filename: source,
    root: ROOT,
    mode: "client",
  });
  const js = await stripTypes(client.code, { loader: "ts", format: "esm" });
  // `workflow` as an app gets it (the package's default export condition), by absolute URL:
  // the module sits under node_modules, so that the test runner leaves it to Node.
  const api = pathToFileURL(path.join(ROOT, "dist", "runtime", "workflow", "index.js")).href;
  const code = js.code.replace(/(from\s*)(["'])workflow\2/g, `$1"${api}"`);
  const dir = path.join(ROOT, "node_modules", ".cache", "workflow-test");
  await mkdir(dir, { recursive: true });
  const out = path.join(dir, `${file}-${process.pid}.mjs`);
  await writeFile(out, code);
  return (await import(pathToFileURL(out).href)) as T;
}
