/**
 * `start(wf, args, { idempotencyKey })` on every world, in one process: a key makes one run
 * (also when starts race), a reuse is reported on the handle with whether the arguments match,
 * `prune` frees the key, and a malformed key is an error at the call naming the option.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { createTestRuntime } from "../../integrations/testing/index.js";
import { start, type WorkflowFunction } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import {
  createFileWorld,
  createMemoryWorld,
  createPostgresWorld,
} from "../../runtime/worlds/index.js";
import type { World } from "../../runtime/worlds/shared/world.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const bundles = createBundleSource({
  root: FIXTURES,
  cacheDir: path.join(tmpdir(), "wf-idem-start-cache"),
});
const greet = Object.assign(async (_name: string): Promise<string> => "", {
  workflowId: "workflow//./greet//greet",
}) as WorkflowFunction<[string], string>;

let postgres: PostgresServer;
let schemas = 0;
const dirs: string[] = [];
const runtimes: Runtime[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());
afterEach(async () => {
  await Promise.allSettled(runtimes.splice(0).map((runtime) => runtime.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const backends: Array<{ name: string; world: () => Promise<World> }> = [
  { name: "memory", world: async () => createMemoryWorld() },
  {
    name: "file",
    world: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "wf-idem-"));
      dirs.push(dir);
      return createFileWorld({ dir });
    },
  },
  {
    name: "postgres",
    world: async () =>
      createPostgresWorld({ connectionString: postgres.url, schema: `idem_${++schemas}` }),
  },
];

describe.each(backends)("start() with an idempotency key, $name world", ({ world }) => {
  async function runtime(): Promise<Runtime> {
    const rt = createRuntime({ world: await world(), bundles });
    runtimes.push(rt);
    await rt.start();
    return rt;
  }

  it("makes one run per key and returns it again, whatever its state", async () => {
    const rt = await runtime();
    const first = await start(greet, ["ada"], { runtime: rt, idempotencyKey: "order:1001" });
    expect(first.idempotency).toEqual({
      key: "order:1001",
      existing: false,
      argsMatch: true,
      workflowMatch: true,
    });
    const again = await start(greet, ["ada"], { runtime: rt, idempotencyKey: "order:1001" });
    expect(again.runId).toBe(first.runId);
    expect(again.idempotency).toMatchObject({ existing: true, argsMatch: true });
    expect(await first.returnValue).toBe("hello ada");
    // Completed: still the same run, and nothing new starts.
    const after = await start(greet, ["ada"], { runtime: rt, idempotencyKey: "order:1001" });
    expect(after.runId).toBe(first.runId);
    expect(await after.status).toBe("completed");
    const other = await start(greet, ["ada"], { runtime: rt, idempotencyKey: "order:1002" });
    expect(other.runId).not.toBe(first.runId);
    await other.returnValue;
    expect((await rt.world.listRuns()).runs).toHaveLength(2);
  }, 30_000);

  it("reports a reuse with other arguments, and starts nothing", async () => {
    const rt = await runtime();
    const first = await start(greet, ["ada"], { runtime: rt, idempotencyKey: "k" });
    const other = await start(greet, ["bob"], { runtime: rt, idempotencyKey: "k" });
    expect(other.runId).toBe(first.runId);
    expect(other.idempotency).toEqual({
      key: "k",
      existing: true,
      argsMatch: false,
      workflowMatch: true,
    });
    expect(await other.returnValue).toBe("hello ada");
    expect((await rt.world.listRuns()).runs).toHaveLength(1);
  }, 30_000);

  it("makes exactly one run when starts with one key race", async () => {
    const rt = await runtime();
    const runs = await Promise.all(
      Array.from({ length: 20 }, () =>
        start(greet, ["ada"], { runtime: rt, idempotencyKey: "race" }),
      ),
    );
    expect(new Set(runs.map((run) => run.runId)).size).toBe(1);
    expect(runs.filter((run) => !run.idempotency!.existing)).toHaveLength(1);
    expect(await runs[0]!.returnValue).toBe("hello ada");
    expect((await rt.world.listRuns()).runs).toHaveLength(1);
  }, 30_000);

  it("frees the key once prune deletes the run", async () => {
    const rt = await runtime();
    const first = await start(greet, ["ada"], { runtime: rt, idempotencyKey: "once" });
    await first.returnValue;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await rt.world.prune({ finishedBefore: Date.now() })).toEqual({ deleted: 1 });
    const second = await start(greet, ["bob"], { runtime: rt, idempotencyKey: "once" });
    expect(second.runId).not.toBe(first.runId);
    expect(second.idempotency?.existing).toBe(false);
    expect(await second.returnValue).toBe("hello bob");
  }, 30_000);
});

describe("start() with an idempotency key, workflow/testing", () => {
  it("makes one run per key on the test runtime's world", async () => {
    const runtime = await createTestRuntime({ root: FIXTURES });
    try {
      const [a, b] = await Promise.all([
        runtime.start(greet, ["ada"], { idempotencyKey: "t" }),
        runtime.start(greet, ["bob"], { idempotencyKey: "t" }),
      ]);
      expect(b.runId).toBe(a.runId);
      expect([a.idempotency?.existing, b.idempotency?.existing].sort()).toEqual([false, true]);
      expect((await runtime.world.listRuns()).runs).toHaveLength(1);
    } finally {
      await runtime.close();
    }
  }, 30_000);
});

describe("start() refuses a malformed idempotency key at the call", () => {
  it.each([
    [42, "got number 42"],
    ["", 'got ""'],
    [null, "got null"],
    [{ key: "a" }, "got an object"],
    ["k".repeat(257), "got a string of 257 characters"],
  ])("%j", async (key, got) => {
    // No runtime is needed to refuse it: the option is checked first.
    const error = await start(greet, ["ada"], { idempotencyKey: key as string }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      `start(): options.idempotencyKey must be a non-empty string of at most 256 characters (e.g. "order:1001"), ${got}`,
    );
  });
});
