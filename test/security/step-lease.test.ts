/**
 * No second concurrent attempt (issue 9, item 2): a delivery of a step that arrives while an
 * attempt of it holds a live lease (`step_started.leaseUntil`, renewed while the step runs)
 * starts no other attempt, whichever way it came (the step route, a queue redelivery, another
 * worker), and uses up no retry; a step whose worker died is retried once its lease runs out.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start } from "../../runtime/api/index.js";
import { createRuntime, type Runtime, type RuntimeOptions } from "../../runtime/engine/runtime.js";
import { handleRequest, SIGNATURE_HEADER, signDelivery } from "../../runtime/http/index.js";
import {
  createFileWorld,
  createPostgresWorld,
  type StoredEvent,
  type World,
} from "../../runtime/worlds/index.js";
import { bundles, type WorkflowHandle } from "../engine/harness.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";
import { waitForEvent } from "../support/wait-for-event.js";

const oneSideEffect: WorkflowHandle<[string], string> = Object.assign(
  async (_key: string): Promise<string> => {
    throw new Error("test handle: use start()");
  },
  { workflowId: "workflow//./test/security/workflows/step-lease//oneSideEffect" },
);

/** What the step body reports: the attempts that entered it, held until `release()`. */
interface Held {
  attempts: number[];
  /** Resolves when the body has been entered `count` times. */
  entered(count?: number): Promise<void>;
  release(): void;
}

const held = new Map<string, Held>();
(globalThis as Record<symbol, unknown>)[Symbol.for("test.step-lease")] = {
  enter(key: string, attempt: number) {
    const probe = held.get(key)!;
    probe.attempts.push(attempt);
    return gates.get(key)!.promise;
  },
};
const gates = new Map<string, { promise: Promise<void>; resolve: () => void }>();

function hold(key: string): Held {
  let resolve!: () => void;
  const gate = { promise: new Promise<void>((r) => (resolve = r)), resolve: () => resolve() };
  gates.set(key, gate);
  const probe: Held = {
    attempts: [],
    async entered(count = 1) {
      for (const until = Date.now() + 10_000; probe.attempts.length < count;) {
        if (Date.now() > until) throw new Error(`step ${key} was not entered ${count} times`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    release: () => gate.resolve(),
  };
  held.set(key, probe);
  return probe;
}

/** The Postgres world serves the flow and step routes only with a configured secret. */
const SECRET = "step-lease-test-secret-of-at-least-32-bytes";
let deliveries = 0;
/** A step delivery signed with the world's secret, as a push transport sends it. */
async function stepRoute(world: World, runId: string, stepId: string): Promise<Request> {
  const body = JSON.stringify({ id: `lease-${++deliveries}`, runId, stepId });
  return new Request("http://localhost/.well-known/workflow/v1/step", {
    method: "POST",
    body,
    headers: { [SIGNATURE_HEADER]: signDelivery((await world.getSecret!())!, body) },
  });
}

const stepIdOf = (events: StoredEvent[]) =>
  events.find((event) => event.type === "step_created")!.correlationId!;
const startedAttempts = (events: StoredEvent[]) =>
  events.flatMap((event) => (event.type === "step_started" ? [event.data.attempt] : []));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function createWorker(world: World, options: Partial<RuntimeOptions> = {}): Runtime {
  return createRuntime({
    world,
    bundles,
    retryDelayMs: 10,
    url: "http://localhost:4321",
    ...options,
  });
}

describe("file world", () => {
  let dir: string;
  let world: World;
  let runtime: Runtime;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "wf-step-lease-"));
    world = createFileWorld({ dir });
    runtime = createWorker(world, { stepLeaseMs: 600 });
    await runtime.start();
  });
  afterAll(async () => {
    for (const probe of held.values()) probe.release();
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a forced second delivery while the step runs neither runs it again nor uses a retry", async () => {
    const probe = hold("file");
    const run = await start(oneSideEffect, ["file"], { runtime });
    await probe.entered();
    const stepId = stepIdOf(await world.readEvents(run.runId));

    // Through the step route, and as a queue redelivery.
    expect(
      (await handleRequest(await stepRoute(world, run.runId, stepId), { runtime })).status,
    ).toBe(202);
    await world.queue.enqueue({ kind: "step", runId: run.runId, stepId });
    // The world itself refuses another attempt while the lease is live.
    await expect(
      world.append(run.runId, [
        {
          type: "step_started",
          correlationId: stepId,
          data: { attempt: 2, leaseUntil: Date.now() + 1000, owner: "another-worker" },
        },
      ]),
    ).rejects.toMatchObject({ code: "TOO_EARLY" });
    // Past the first lease: only its renewals keep the attempt's claim.
    await pause(1000);
    probe.release();

    expect(await run.returnValue).toBe("done file on attempt 1");
    expect(probe.attempts).toEqual([1]);
    const events = await world.readEvents(run.runId);
    expect(startedAttempts(events)).toEqual([1]);
    expect(events.some((event) => event.type === "step_lease_renewed")).toBe(true);
  });
});

describe("Postgres world, two workers", () => {
  let postgres: PostgresServer;
  let databases = 0;
  const runtimes: Runtime[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    for (const probe of held.values()) probe.release();
    await Promise.allSettled(runtimes.map((runtime) => runtime.close()));
    await postgres?.stop();
  });

  /** Two workers on a new database; A takes one message at a time, so B gets the others. */
  async function twoWorkers(wrapA: (world: World) => World = (world) => world) {
    const connectionString = await postgres.createDatabase(`step_lease_${++databases}`);
    const a = createWorker(
      wrapA(
        createPostgresWorld({ connectionString, concurrency: 1, leaseMs: 1500, secret: SECRET }),
      ),
      { stepLeaseMs: 600 },
    );
    const b = createWorker(
      createPostgresWorld({ connectionString, leaseMs: 1500, secret: SECRET }),
      {
        stepLeaseMs: 600,
      },
    );
    runtimes.push(a, b);
    await a.start();
    return { a, b };
  }

  it("a forced delivery to another worker while the step runs starts no second attempt", async () => {
    const { a, b } = await twoWorkers();
    const probe = hold("pg");
    const run = await start(oneSideEffect, ["pg"], { runtime: a });
    await probe.entered();
    // B starts only now, so the attempt is surely A's and B is busy with nothing.
    await b.start();
    const stepId = stepIdOf(await b.world.readEvents(run.runId));

    expect(
      (await handleRequest(await stepRoute(b.world, run.runId, stepId), { runtime: b })).status,
    ).toBe(202);
    await b.world.queue.enqueue({ kind: "step", runId: run.runId, stepId });
    await expect(
      b.world.append(run.runId, [
        {
          type: "step_started",
          correlationId: stepId,
          data: { attempt: 2, leaseUntil: Date.now() + 1000, owner: "b" },
        },
      ]),
    ).rejects.toMatchObject({ code: "TOO_EARLY" });
    await pause(1500);
    probe.release();

    // Either worker may finish the run: A takes the workflow message once its step returns.
    const completed = (event: StoredEvent) => event.type === "run_completed";
    await Promise.any([
      waitForEvent(a, run.runId, completed),
      waitForEvent(b, run.runId, completed),
    ]);
    expect(probe.attempts).toEqual([1]);
    const events = await b.world.readEvents(run.runId);
    expect(startedAttempts(events)).toEqual([1]);
    expect(events.filter((event) => event.type === "step_lease_renewed").length).toBeGreaterThan(1);
  });

  it("a step whose worker died is retried by another once its lease runs out", async () => {
    let dead = false;
    // Worker A dies while its step runs: nothing it appends arrives any more, so its lease
    // is no longer renewed (its queue message is taken over as test/postgres/workers.test.ts shows).
    const { a, b } = await twoWorkers(
      (world) =>
        new Proxy(world, {
          get(target, key) {
            if (key === "append")
              return (runId: string, events: Parameters<World["append"]>[1]) =>
                dead ? Promise.reject(new Error("worker A is dead")) : target.append(runId, events);
            const value = Reflect.get(target, key, target);
            return typeof value === "function" ? value.bind(target) : value;
          },
        }),
    );
    const probe = hold("dead");
    const run = await start(oneSideEffect, ["dead"], { runtime: a });
    await probe.entered();
    dead = true;
    // B starts only now, so the attempt is surely A's; starting, it queues the run's pending work.
    await b.start();
    const stepId = stepIdOf(await b.world.readEvents(run.runId));
    const before = await b.world.getRun(run.runId);
    const leaseUntil = before!.steps.get(stepId)!.leaseUntil!;
    expect(leaseUntil).toBeGreaterThan(Date.now());

    await probe.entered(2);
    probe.release();
    await waitForEvent(b, run.runId, (event) => event.type === "step_completed");

    expect(probe.attempts).toEqual([1, 2]);
    const events = await b.world.readEvents(run.runId);
    expect(startedAttempts(events)).toEqual([1, 2]);
    const second = events.filter((event) => event.type === "step_started")[1]!;
    expect(second.createdAt).toBeGreaterThanOrEqual(leaseUntil);
    expect(second.type === "step_started" && second.data.owner).not.toBe(
      before!.steps.get(stepId)!.leaseOwner,
    );
    await a.close();
    await waitForEvent(b, run.runId, (event) => event.type === "run_completed");
  });
});
