/**
 * Runtimes for the stream and fetch tests: memory or file world, sticky cache on or off, bundles
 * built from test/streams/workflows/ (esbuild + our compiler), workflows named by ID.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { afterAll, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { createRuntime, type Runtime } from "../../runtime/engine/runtime.js";
import {
  createFileWorld,
  createMemoryWorld,
  createPostgresWorld,
} from "../../runtime/worlds/index.js";
import { startPostgres } from "../support/postgres.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** One bundle source per test file: bundles are built once. */
export const bundles = createBundleSource({ root: ROOT });

/** Every end-to-end test runs in each world, with the sticky cache on and off. */
export const SETUPS = [
  { world: "memory", stickyCacheSize: 1000 },
  { world: "memory", stickyCacheSize: 0 },
  { world: "file", stickyCacheSize: 1000 },
  { world: "file", stickyCacheSize: 0 },
  { world: "postgres", stickyCacheSize: 1000 },
  { world: "postgres", stickyCacheSize: 0 },
] as const;

export type Setup = (typeof SETUPS)[number];

export const describeSetup = (setup: Setup) =>
  `${setup.world} world, sticky cache ${setup.stickyCacheSize ? "on" : "off"}`;

/** A function `start()` accepts: it only needs the workflow's ID. */
export function workflow<Args extends unknown[] = unknown[], R = unknown>(
  file: string,
  name: string,
) {
  const handle = async (..._args: Args): Promise<R> => {
    throw new Error("test handle: use start()");
  };
  return Object.assign(handle, {
    workflowId: `workflow//./test/streams/workflows/${file}//${name}`,
  });
}

/** A temporary data directory, removed by `cleanup`. */
export async function createTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "workflow-streams-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A started runtime for `setup`; a file world uses `place` as its folder, Postgres as its URL. */
export async function createTestRuntime(
  setup: Pick<Setup, "world" | "stickyCacheSize">,
  place?: string,
): Promise<Runtime> {
  const world =
    setup.world === "file"
      ? createFileWorld({ dir: place!, retryBaseMs: 5 })
      : setup.world === "postgres"
        ? createPostgresWorld({ connectionString: place!, retryBaseMs: 5 })
        : createMemoryWorld({ retryBaseMs: 5 });
  const runtime = createRuntime({
    world,
    bundles,
    stickyCacheSize: setup.stickyCacheSize,
    retryDelayMs: 10,
    url: "http://localhost:4321",
  });
  await runtime.start();
  return runtime;
}

/**
 * A runtime for `setup` for the tests of the enclosing `describe`: made before them (handed to
 * `use`), closed after them, with its data directory (or its Postgres server) removed.
 */
export function useTestRuntime(setup: Setup, use: (runtime: Runtime) => void): void {
  let cleanup = async () => {};
  beforeAll(async () => {
    const temp = setup.world === "file" ? await createTempDir() : undefined;
    const postgres = setup.world === "postgres" ? await startPostgres() : undefined;
    const runtime = await createTestRuntime(setup, temp?.dir ?? postgres?.url);
    use(runtime);
    cleanup = async () => {
      await runtime.close();
      await temp?.cleanup();
      await postgres?.stop();
    };
  }, 60_000);
  afterAll(() => cleanup());
}

/** Every chunk of a stream, until it ends. */
export async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const chunks: T[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return chunks;
}
