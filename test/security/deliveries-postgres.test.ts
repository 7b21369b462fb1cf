/**
 * Signed deliveries on a shared world: two workers (two runtimes, two Postgres worlds on one
 * database) share the record of consumed message IDs, so one signed delivery sent to both is
 * acted on once (202, then 401), and a delivery one worker did not act on may still be taken
 * by the other.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { start } from "../../runtime/api/index.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { handleRequest, SIGNATURE_HEADER, signDelivery } from "../../runtime/http/index.js";
import type { World } from "../../runtime/worlds/index.js";
import { type PostgresWorkers, SECRET, startPostgresWorkers } from "./postgres-workers.js";

const countOnce = Object.assign(async (_label: string): Promise<string> => "", {
  workflowId: "workflow//./test/security/workflows/deliveries//countOnce",
});
const FLOW = "/.well-known/workflow/v1/flow";
const STEP = "/.well-known/workflow/v1/step";

const post = (route: string, body: string, signature: string) =>
  new Request(`http://localhost${route}`, {
    method: "POST",
    body,
    headers: { [SIGNATURE_HEADER]: signature },
  });

describe("signed deliveries on the Postgres world, two workers", () => {
  let workers: PostgresWorkers | undefined;
  let a: Runtime;
  let b: Runtime;
  let runId: string;
  let stepId: string;
  const enqueued: Array<[string, unknown]> = [];

  function record(name: string, world: World) {
    const enqueue = world.queue.enqueue.bind(world.queue);
    vi.spyOn(world.queue, "enqueue").mockImplementation((message, options) => {
      enqueued.push([name, message]);
      return enqueue(message, options);
    });
  }

  beforeAll(async () => {
    workers = await startPostgresWorkers("deliveries_shared");
    ({ a, b } = workers);
    const run = await start(countOnce, ["pg"], { runtime: a });
    expect(await run.returnValue).toBe("ran pg");
    runId = run.runId;
    stepId = [...(await a.world.getRun(runId))!.steps.keys()][0]!;
    record("a", a.world);
    record("b", b.world);
  }, 60_000);
  afterAll(() => workers?.close());

  for (const route of [FLOW, STEP]) {
    it(`${route}: a delivery accepted by one worker is 401 at the other; it is queued once`, async () => {
      enqueued.length = 0;
      const events = (await a.world.readEvents(runId)).length;
      const body = JSON.stringify(
        route === STEP ? { id: `once-${route}`, runId, stepId } : { id: `once-${route}`, runId },
      );
      const signature = signDelivery(SECRET, body);
      const first = await handleRequest(post(route, body, signature), { runtime: a });
      expect(first.status).toBe(202);
      const second = await handleRequest(post(route, body, signature), { runtime: b });
      expect(second.status).toBe(401);
      expect(await second.json()).toMatchObject({ error: "UNAUTHORIZED" });
      // And back at the first worker, too.
      expect((await handleRequest(post(route, body, signature), { runtime: a })).status).toBe(401);
      expect(enqueued).toHaveLength(1);
      expect(enqueued[0]![0]).toBe("a");
      expect(enqueued[0]![1]).toMatchObject(
        route === STEP ? { kind: "step", runId, stepId } : { kind: "workflow", runId },
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The run is complete: acting on the delivery wrote nothing (and it was acted on once).
      expect((await a.world.readEvents(runId)).length).toBe(events);
    });
  }

  it("a delivery one worker did not act on (404) is released for every worker", async () => {
    enqueued.length = 0;
    const body = JSON.stringify({ id: "not-acted", runId, stepId: "step_nope" });
    const signature = signDelivery(SECRET, body);
    expect((await handleRequest(post(STEP, body, signature), { runtime: a })).status).toBe(404);
    expect((await handleRequest(post(STEP, body, signature), { runtime: b })).status).toBe(404);
    expect(enqueued).toEqual([]);
  });

  it("claims are shared across workers; an expired claim may be taken again", async () => {
    const [wa, wb] = [a.world, b.world];
    const later = Date.now() + 60_000;
    expect(await wa.claimDelivery!("direct", later)).toBe(true);
    expect(await wb.claimDelivery!("direct", later)).toBe(false);
    await wb.releaseDelivery!("direct");
    expect(await wa.claimDelivery!("direct", later)).toBe(true);
    // A claim whose signature window has passed no longer holds its ID.
    expect(await wa.claimDelivery!("expired", Date.now() - 1000)).toBe(true);
    expect(await wb.claimDelivery!("expired", later)).toBe(true);
    expect(await wa.claimDelivery!("expired", later)).toBe(false);
  });
});
