/**
 * The webhook rate limit on a shared world: two workers (two runtimes, two Postgres worlds on
 * one database) count one token together, so a flood split between them, or sent to both at
 * once, gets no more than the limit through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resumeWebhook, start } from "../../runtime/api/index.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { RequestError } from "../../runtime/http/index.js";
import { type PostgresWorkers, startPostgresWorkers } from "./postgres-workers.js";

const floodTarget = Object.assign(
  async (_token: string, _rate?: { limit: number; windowMs?: number }): Promise<unknown> => "",
  { workflowId: "workflow//./test/security/workflows/webhook-limits//floodTarget" },
);

describe("webhook rate limit on the Postgres world, two workers", () => {
  let workers: PostgresWorkers | undefined;
  let a: Runtime;
  let b: Runtime;

  beforeAll(async () => {
    workers = await startPostgresWorkers("webhook_rate_shared");
    ({ a, b } = workers);
  }, 60_000);
  afterAll(() => workers?.close());

  /** Sends `n` requests to `token` through `runtime`, all at once; their statuses. */
  async function flood(runtime: Runtime, token: string, n: number): Promise<number[]> {
    const rateLimit = { limit: 5, windowMs: 60_000 };
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        resumeWebhook(
          token,
          new Request("http://localhost/hook", { method: "POST", body: `{"n":${i}}` }),
          { runtime, rateLimit },
        ).then(
          (response) => response.status,
          (error: unknown) =>
            RequestError.is(error) && error.code === "TOO_MANY_REQUESTS" ? 429 : 0,
        ),
      ),
    );
  }

  it("counts a token across both workers: 5 a minute in all, then 429 at either", async () => {
    const token = `shared-flood-token-${process.pid}-one`;
    const run = await start(floodTarget, [token], { runtime: a });
    await expect.poll(async () => (await a.world.getHookByToken(token))?.runId).toBe(run.runId);
    const eventsBefore = (await a.world.readEvents(run.runId)).length;

    const first = [...(await flood(a, token, 3)), ...(await flood(b, token, 2))];
    expect(first).toEqual([202, 202, 202, 202, 202]);
    expect(await flood(b, token, 1)).toEqual([429]);
    expect(await flood(a, token, 1)).toEqual([429]);
    // The five accepted requests were stored; the refused ones wrote nothing.
    await expect
      .poll(
        async () =>
          (await a.world.readEvents(run.runId)).filter((e) => e.type === "hook_received").length,
      )
      .toBe(5);
    expect((await a.world.readEvents(run.runId)).length).toBeGreaterThan(eventsBefore);
  });

  it("lets exactly the limit through when both workers are flooded at the same moment", async () => {
    const token = `shared-flood-token-${process.pid}-two`;
    await start(floodTarget, [token], { runtime: b });
    await expect.poll(async () => (await b.world.getHookByToken(token)) !== null).toBe(true);
    const statuses = (await Promise.all([flood(a, token, 12), flood(b, token, 12)])).flat();
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(19);
  });

  it("answers with the seconds until the next request may pass", async () => {
    const rate = { limit: 2, windowMs: 4_000 };
    const key = `bucket-${process.pid}`;
    expect(await a.world.takeRequest!(key, rate)).toBe(0);
    expect(await b.world.takeRequest!(key, rate)).toBe(0);
    const wait = await a.world.takeRequest!(key, rate);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2); // one token comes back every 2 s
  });
});
