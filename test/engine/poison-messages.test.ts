/**
 * Poison messages (issue 10, item 3): a queue message whose handler keeps throwing, an
 * infrastructure failure (here: the world refuses every `step_started`, as a full disk or a
 * broken database would), is delivered `maxDeliveries` times, then given up: the run fails with
 * DELIVERY_FAILED, naming the message, the attempts and the last error, and it is logged without
 * `debug`. A step's own throws follow its retry rules and never count. On memory, file and a
 * real Postgres server, where the fault is also made real: a trigger that fails the inserts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { start } from "../../runtime/api/index.js";
import { createRuntime, type Runtime } from "../../runtime/engine/runtime.js";
import {
  createFileWorld,
  createMemoryWorld,
  createPostgresWorld,
  type QueueMessage,
  type World,
} from "../../runtime/worlds/index.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";
import { bundles, workflow } from "./harness.js";

const retryAfter = workflow<["number"], number>("steps", "retryAfter");
const retriesExhausted = workflow<[], { message: string; fatal: boolean }>(
  "steps",
  "retriesExhausted",
);

let postgres: PostgresServer;
let schemas = 0;
const dirs: string[] = [];
const open: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.allSettled(open.splice(0).map((item) => item.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

interface QueueOptions {
  maxDeliveries: number;
  retryBaseMs: number;
}

const backends: { name: string; create(options: QueueOptions): Promise<World> }[] = [
  { name: "memory", create: async (options) => createMemoryWorld(options) },
  {
    name: "file",
    create: async (options) => {
      const dir = await mkdtemp(path.join(tmpdir(), "wf-poison-"));
      dirs.push(dir);
      return createFileWorld({ dir, ...options });
    },
  },
  {
    name: "postgres",
    create: async (options) =>
      createPostgresWorld({
        connectionString: postgres.url,
        schema: `poison_${++schemas}`,
        ...options,
      }),
  },
];

/** The world, except that it refuses every batch with a `step_started`: no step can start. */
function refusingStepStarts(world: World): World {
  return new Proxy(world, {
    get(target, key) {
      if (key === "append")
        return (runId: string, events: Parameters<World["append"]>[1]) =>
          events.some((event) => event.type === "step_started")
            ? Promise.reject(new Error("disk is full"))
            : target.append(runId, events);
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function runtimeOn(world: World): Runtime {
  const runtime = createRuntime({ world, bundles, retryDelayMs: 10, url: "http://localhost:4321" });
  open.push(runtime);
  return runtime;
}

/** What was written to console.error, one entry per call. */
function captureErrors(): string[] {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  return lines;
}

describe.each(backends)("$name world", ({ create }) => {
  it("gives a message up after maxDeliveries and tells the consumer once", async () => {
    const world = await create({ maxDeliveries: 3, retryBaseMs: 5 });
    open.push(world);
    await world.start();
    const deliveries: number[] = [];
    const givenUp: [QueueMessage, string, number][] = [];
    const retried: number[] = [];
    let done!: () => void;
    const gaveUp = new Promise<void>((resolve) => (done = resolve));
    world.queue.consume(
      async () => {
        deliveries.push(Date.now());
        throw new Error(`broken ${deliveries.length}`);
      },
      {
        onRetry: (_message, _error, attempts) => void retried.push(attempts),
        onGiveUp(message, error, attempts) {
          givenUp.push([message, (error as Error).message, attempts]);
          done();
        },
      },
    );
    await world.queue.enqueue({ kind: "step", runId: "r", stepId: "s" });
    await gaveUp;
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing comes after it
    expect(deliveries).toHaveLength(3);
    expect(retried).toEqual([1, 2]);
    expect(givenUp).toEqual([[{ kind: "step", runId: "r", stepId: "s" }, "broken 3", 3]]);
  });

  it("fails the run with DELIVERY_FAILED when a message's handler keeps throwing, and logs it", async () => {
    const lines = captureErrors();
    const world = refusingStepStarts(await create({ maxDeliveries: 3, retryBaseMs: 5 }));
    const runtime = runtimeOn(world);
    await runtime.start();
    const run = await start(retryAfter, ["number"], { runtime });

    const error = await run.returnValue.then(
      () => undefined,
      (e: unknown) => e as Error & { error?: { code?: string } },
    );
    expect(error?.error?.code).toBe("DELIVERY_FAILED");
    const events = await world.readEvents(run.runId);
    const failed = events.at(-1)!;
    expect(failed.type).toBe("run_failed");
    const stored = (failed as { data: { error: { code: string; message: string } } }).data.error;
    expect(stored.code).toBe("DELIVERY_FAILED");
    expect(stored.message).toMatch(/^The step message \(step step_\w+\) failed/);
    expect(stored.message).toContain("all 3 deliveries");
    expect(stored.message).toContain("last error: disk is full");
    expect(events.filter((e) => e.type === "step_started")).toEqual([]);
    expect((await world.getRun(run.runId))?.status).toBe("failed");

    const giveUp = lines.filter((line) => line.includes("DELIVERY_FAILED"));
    expect(giveUp).toHaveLength(1);
    expect(giveUp[0]).toContain(`run ${run.runId} failed (DELIVERY_FAILED)`);
    expect(giveUp[0]).not.toContain("\n");
    // The redeliveries before it were logged too, rate-limited to one line.
    const retries = lines.filter((line) => line.includes("will retry"));
    expect(retries).toHaveLength(1);
    expect(retries[0]).toContain(`run ${run.runId}: delivery 1 of its step message`);
    expect(retries[0]).toContain("disk is full");
  });

  it("does not count a step's own throws: they follow the step's retries", async () => {
    const lines = captureErrors();
    // One delivery each: a step throw counted as a failed delivery would fail the run at once.
    const runtime = runtimeOn(await create({ maxDeliveries: 1, retryBaseMs: 5 }));
    await runtime.start();
    const run = await start(retriesExhausted, [], { runtime });
    expect(await run.returnValue).toEqual({
      message: expect.stringMatching(/failed after 3 retries: charge failed on attempt 4/),
      fatal: true,
    });
    expect(lines).toEqual([]);
  });
});

describe("Postgres world, a real database fault", () => {
  it("fails the run with DELIVERY_FAILED when the database refuses every step start", async () => {
    const lines = captureErrors();
    const schema = `poison_${++schemas}`;
    const world = createPostgresWorld({
      connectionString: postgres.url,
      schema,
      maxDeliveries: 2,
      retryBaseMs: 5,
    });
    const runtime = runtimeOn(world);
    await runtime.start();
    // A trigger that fails the insert of any step_started, as a broken table would.
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    open.push({ close: () => client.end() });
    await client.query(`CREATE FUNCTION ${schema}.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'tablespace is read-only'; END $$`);
    await client.query(`CREATE TRIGGER refuse_step_starts BEFORE INSERT ON ${schema}.events
      FOR EACH ROW WHEN (NEW.event->>'type' = 'step_started') EXECUTE FUNCTION ${schema}.refuse()`);

    const run = await start(retryAfter, ["number"], { runtime });
    await expect(run.returnValue).rejects.toMatchObject({ error: { code: "DELIVERY_FAILED" } });
    const failed = (await world.readEvents(run.runId)).at(-1)!;
    expect(failed).toMatchObject({
      type: "run_failed",
      data: { error: { code: "DELIVERY_FAILED" } },
    });
    expect((failed as { data: { error: { message: string } } }).data.error.message).toContain(
      "all 2 deliveries (the queue's maxDeliveries); last error: tablespace is read-only",
    );
    expect(
      lines.filter((line) => line.includes(`run ${run.runId} failed (DELIVERY_FAILED)`)),
    ).toHaveLength(1);
  });
});
