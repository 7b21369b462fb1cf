import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getHookByToken, resumeHook } from "../../runtime/api/index.js";
import { deserialize } from "../../runtime/serialization/index.js";
import { HookNotFoundError } from "../../runtime/errors/index.js";
import {
  createHookTestEnv,
  ENGINE_MODES,
  type HookTestEnv,
  ofType,
  replayFresh,
  workflow,
} from "./harness.js";

const collectMessages = workflow<[string, string], unknown[]>("hooks", "collectMessages");
const defaultToken = workflow<[string], { token: string; payload: unknown }>(
  "hooks",
  "defaultToken",
);
const bufferedPayloads = workflow<[string], number[]>("hooks", "bufferedPayloads");
const claimToken = workflow<[string], { payload?: string; error?: Record<string, unknown> }>(
  "hooks",
  "claimToken",
);
const sameTokenTwice = workflow<[string], { conflict: string; first: string }>(
  "hooks",
  "sameTokenTwice",
);
const disposeAndReuse = workflow<[string], string[]>("hooks", "disposeAndReuse");

let unique = 0;
const token = (name: string) => `${name}:${process.pid}:${++unique}:${Math.random()}`;

describe.each(ENGINE_MODES)("createHook ($mode)", ({ stickyCacheSize }) => {
  let env: HookTestEnv;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize });
  });
  afterAll(() => env.close());
  const opts = () => ({ runtime: env.runtime });
  const created = (runId: string) =>
    env.waitForEvent(runId, (e) => e.type === "hook_created" || e.type === "hook_conflict");

  it("collects payloads with for await, with a custom token and metadata", async () => {
    const t = token("messages");
    const run = await env.start(collectMessages, [t, "custom-data"]);
    await created(run.runId);

    const hook = await getHookByToken(t, opts());
    expect(hook).toMatchObject({
      runId: run.runId,
      token: t,
      metadata: { customData: "custom-data" },
    });

    for (const [message, done] of [["one"], ["two"], ["three", true]] as const) {
      const result = await resumeHook(t, { message, ...(done ? { done } : {}) }, opts());
      expect(result.runId).toBe(run.runId);
    }
    expect(await run.returnValue).toEqual([
      { message: "one" },
      { message: "two" },
      { message: "three", done: true },
    ]);
    // The run ended: its token is free, and the hook is gone.
    expect(await getHookByToken(t, opts())).toBeNull();
    await expect(resumeHook(t, {}, opts())).rejects.toSatisfy(HookNotFoundError.is);
  });

  it("makes a random default token, recorded in the log and the same on replay", async () => {
    const channel = `token-${unique++}`;
    const run = await env.start(defaultToken, [channel]);
    const { token: published } = await env.waitForNote<{ token: string }>(channel);
    // At least 128 bits: 192 random bits, base64url.
    expect(published).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await resumeHook(published, { value: 7 }, opts());
    expect(await run.returnValue).toEqual({ token: published, payload: { value: 7 } });

    const events = await env.events(run.runId);
    const [hookCreated] = ofType(events, "hook_created");
    expect(hookCreated?.type === "hook_created" && hookCreated.data.token).toBe(published);
    // A fresh process replays to the same result: the token comes back from the log.
    const replay = await replayFresh(env, run.runId);
    expect(replay.status).toBe("completed");
    if (replay.status === "completed")
      expect(deserialize(replay.output)).toEqual({ token: published, payload: { value: 7 } });
  });

  it("default tokens differ between runs and hooks", async () => {
    const runs = await Promise.all(
      [0, 1, 2].map(() => env.start(defaultToken, [`distinct-${unique}`])),
    );
    const tokens = await Promise.all(
      runs.map(async (run) => {
        const event = await created(run.runId);
        return event.type === "hook_created" ? event.data.token : "";
      }),
    );
    expect(new Set(tokens).size).toBe(3);
    await Promise.all(tokens.map((t) => resumeHook(t, { value: 1 }, opts())));
    await Promise.all(runs.map((run) => run.returnValue));
  });

  it("keeps payloads that arrive before the workflow awaits, in order", async () => {
    const t = token("buffered");
    const run = await env.start(bufferedPayloads, [t]);
    await created(run.runId);
    for (const n of [1, 2, 3]) await resumeHook(t, n, opts());
    expect(await run.returnValue).toEqual([1, 2, 3]);
    // All three arrived while the workflow slept.
    const types = (await env.events(run.runId)).map((e) => e.type);
    expect(types.lastIndexOf("hook_received")).toBeLessThan(types.indexOf("wait_completed"));
  });

  it("gives a second live hook with a taken token a HookConflictError, then frees the token when the holder ends", async () => {
    const t = token("conflict");
    const holder = await env.start(claimToken, [t]);
    await created(holder.runId);

    const loser = await env.start(claimToken, [t]);
    const result = await loser.returnValue;
    expect(result.error).toMatchObject({
      name: "HookConflictError",
      isConflict: true,
      instanceOf: true,
    });
    expect(result.error?.message).toContain(holder.runId);
    expect(ofType(await env.events(loser.runId), "hook_conflict")).toHaveLength(1);
    // The holder keeps its token.
    expect((await getHookByToken(t, opts()))?.runId).toBe(holder.runId);

    await resumeHook(t, "first", opts());
    expect(await holder.returnValue).toEqual({ payload: "first" });
    const next = await env.start(claimToken, [t]);
    await created(next.runId);
    expect((await resumeHook(t, "second", opts())).runId).toBe(next.runId);
    expect(await next.returnValue).toEqual({ payload: "second" });
  });

  it("rejects a second live hook with the same token in the same run", async () => {
    const t = token("twice");
    const run = await env.start(sameTokenTwice, [t]);
    await created(run.runId);
    await env.waitForEvent(run.runId, (e) => e.type === "hook_conflict");
    await resumeHook(t, "payload", opts());
    expect(await run.returnValue).toEqual({ conflict: "HookConflictError", first: "payload" });
  });

  it("releases a disposed hook's token: the run can take it again", async () => {
    const t = token("dispose");
    const run = await env.start(disposeAndReuse, [t]);
    const first = await created(run.runId);
    await resumeHook(t, "a", opts());
    await env.waitForEvent(run.runId, (e) => e.type === "hook_disposed");
    const second = await env.waitForEvent(
      run.runId,
      (e) => e.type === "hook_created" && e.correlationId !== first.correlationId,
    );
    expect((await getHookByToken(t, opts()))?.hookId).toBe(second.correlationId);
    await resumeHook(t, "b", opts());
    expect(await run.returnValue).toEqual(["a", "b"]);
  });

  it("rejects an unknown token with HookNotFoundError naming it, writing nothing", async () => {
    const error = await resumeHook("no-such-token", { x: 1 }, opts()).catch((e: unknown) => e);
    expect(HookNotFoundError.is(error)).toBe(true);
    expect((error as Error).message).toContain('"no-such-token"');
    expect(await getHookByToken("no-such-token", opts())).toBeNull();
    expect(await getHookByToken("", opts())).toBeNull();
  });
});
