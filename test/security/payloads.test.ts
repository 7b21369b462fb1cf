/**
 * Deserialization limits (issue 9, item 6): a small payload that describes a huge value
 * (shared references doubling at every level, or nesting thousands deep) is refused quickly
 * with SERIALIZATION_LIMIT, on the paths a hostile caller reaches, and nothing is written for
 * it; real data near the limits still round-trips, shared references and cycles included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resumeHook } from "../../runtime/api/index.js";
import {
  DEFAULT_SERIALIZATION_LIMITS,
  deserialize,
  isSerializationError,
  type SerializationError,
  serialize,
} from "../../runtime/serialization/index.js";
import { createHookTestEnv, type HookTestEnv, workflow } from "../hooks/harness.js";

/** 61 entries, ~1 KB: entry k is `[k+1, k+1]`, so the root reaches 2^60 leaves. */
function doublingPayload(levels = 60): string {
  const entries: unknown[] = [];
  for (let k = 0; k < levels; k++) entries.push([k + 1, k + 1]);
  entries.push("leaf");
  return JSON.stringify(entries);
}

/** The same graph as a JavaScript value, as workflow or app code could build it. */
function doublingValue(levels = 60): unknown {
  let value: unknown = "leaf";
  for (let k = 0; k < levels; k++) value = [value, value];
  return value;
}

/** `depth` arrays nested in each other around a leaf, written by hand. */
function nestedPayload(depth: number): string {
  const entries: unknown[] = [];
  for (let k = 0; k < depth; k++) entries.push([k + 1]);
  entries.push("leaf");
  return JSON.stringify(entries);
}

function nestedValue(depth: number): unknown {
  let value: unknown = "leaf";
  for (let k = 0; k < depth; k++) value = [value];
  return value;
}

function failure(run: () => unknown): SerializationError {
  try {
    run();
  } catch (error) {
    if (isSerializationError(error)) return error;
    throw error;
  }
  throw new Error("did not throw");
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

describe("deserialize limits", () => {
  it("has one place for its defaults", () => {
    expect(DEFAULT_SERIALIZATION_LIMITS).toEqual({ maxDepth: 1000, maxNodes: 1_000_000 });
  });

  it("refuses the 2^60-leaf payload quickly, naming the limit", () => {
    const text = doublingPayload();
    expect(text.length).toBeLessThan(1100);
    const { result: error, ms } = timed(() =>
      failure(() => deserialize(text, { operation: "hook payload" })),
    );
    expect(ms).toBeLessThan(1000);
    expect(error.code).toBe("SERIALIZATION_LIMIT");
    expect(error.limit).toEqual({ name: "maxNodes", value: 1_000_000 });
    expect(error.message).toMatch(/^Cannot deserialize hook payload: .*1000000.*\(maxNodes\)/);
  });

  it("refuses a payload nested too deep, before the stack runs out", () => {
    const { result: error, ms } = timed(() => failure(() => deserialize(nestedPayload(100_000))));
    expect(ms).toBeLessThan(1000);
    expect(error.code).toBe("SERIALIZATION_LIMIT");
    expect(error.limit).toEqual({ name: "maxDepth", value: 1000 });
    expect(error.message).toMatch(/1000 levels \(maxDepth\)/);
  });

  it("measures depth through shared references, not the depth of its own walk", () => {
    // Entry k holds entry k+1; the root lists them deepest first, so each is built when its
    // child already exists (the reader never recurses more than two levels) yet the root
    // reaches a path 5000 long.
    const n = 5000;
    const entries: unknown[] = [[]];
    for (let k = 1; k < n; k++) entries.push([k + 1]);
    entries.push("leaf");
    entries[0] = Array.from({ length: n }, (_, i) => n - i);
    const error = failure(() => deserialize(JSON.stringify(entries)));
    expect(error.code).toBe("SERIALIZATION_LIMIT");
    expect(error.limit?.name).toBe("maxDepth");
  });

  it("reads real data near the limits", () => {
    // 999 arrays and the leaf: 1000 deep.
    expect(deserialize(serialize(nestedValue(999)))).toEqual(nestedValue(999));
    expect(failure(() => deserialize(nestedPayload(1000))).limit?.name).toBe("maxDepth");
    // The array and its items: 999,999 nodes, then one too many.
    const items = new Array<number>(999_998).fill(7);
    expect((deserialize(serialize(items)) as number[]).length).toBe(999_998);
    const tooMany = `[[${new Array(1_000_000).fill(1).join(",")}],0]`;
    expect(failure(() => deserialize(tooMany)).limit?.name).toBe("maxNodes");
  });

  it("reads shared references and cycles of real data, keeping their identity", () => {
    // 1,000 orders share one 100-key catalog: about 103,000 logical nodes, 1,102 distinct.
    const catalog = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`sku${i}`, i]));
    const orders = Array.from({ length: 1000 }, (_, id) => ({ id, catalog }));
    const copy = deserialize(serialize(orders)) as typeof orders;
    expect(copy).toHaveLength(1000);
    expect(copy[999]!.catalog).toBe(copy[0]!.catalog);
    expect(copy[0]!.catalog.sku99).toBe(99);

    const parent: { name: string; children: unknown[] } = { name: "root", children: [] };
    for (let i = 0; i < 100; i++) parent.children.push({ name: `c${i}`, parent });
    const tree = deserialize(serialize(parent)) as typeof parent;
    expect((tree.children[42] as { parent: unknown }).parent).toBe(tree);
  });

  it("takes other limits from the context", () => {
    const deep = serialize(nestedValue(1100), { limits: { maxDepth: 1200 } });
    expect(() => deserialize(deep)).toThrow(/maxDepth/);
    expect(deserialize(deep, { limits: { maxDepth: 1200 } })).toEqual(nestedValue(1100));
    const error = failure(() => deserialize(serialize([1, 2, 3]), { limits: { maxNodes: 3 } }));
    expect(error.limit).toEqual({ name: "maxNodes", value: 3 });
  });
});

describe("serialize limits (the same measure, so what is written can be read)", () => {
  it("refuses a 2^60-leaf value built in code quickly, naming where", () => {
    const { result: error, ms } = timed(() =>
      failure(() => serialize({ data: doublingValue() }, { operation: "result", root: "value" })),
    );
    expect(ms).toBeLessThan(1000);
    expect(error.code).toBe("SERIALIZATION_LIMIT");
    expect(error.limit?.name).toBe("maxNodes");
    expect(error.message).toMatch(/^Cannot serialize result: .* at value\.data/);
  });

  it("refuses a value nested too deep", () => {
    expect(failure(() => serialize(nestedValue(5000))).limit?.name).toBe("maxDepth");
  });
});

describe("hook payloads from a hostile caller", () => {
  const collectMessages = workflow<[string, string], unknown[]>("hooks", "collectMessages");
  let env: HookTestEnv;
  const resume = async (request: Request) => {
    const { token, payload } = (await request.json()) as { token: string; payload: unknown };
    await resumeHook(token, payload, { runtime: env.runtime });
    return new Response(null, { status: 204 });
  };
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize: 1000, routes: { "/api/resume": resume } });
  });
  afterAll(() => env.close());

  const hookEvents = async (runId: string) =>
    (await env.events(runId)).filter((event) => event.type === "hook_received").length;

  it("refuses a body nested too deep, sent over HTTP to an app route that calls resumeHook, writing nothing", async () => {
    const token = `deep-${process.pid}`;
    const run = await env.start(collectMessages, [token, "x"]);
    await env.waitForHooks(run.runId, 1);
    let body = "1";
    for (let i = 0; i < 5000; i++) body = `[${body}]`;
    const started = performance.now();
    const response = await env.fetch("/api/resume", {
      method: "POST",
      body: `{"token":${JSON.stringify(token)},"payload":${body}}`,
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "SERIALIZATION_LIMIT" });
    expect(await hookEvents(run.runId)).toBe(0);
    // A payload of real data still goes through.
    await resumeHook(token, { message: "hi", done: true }, { runtime: env.runtime });
    expect(await run.returnValue).toEqual([{ message: "hi", done: true }]);
  });

  it("refuses a 2^60-leaf payload given to resumeHook, writing nothing", async () => {
    const token = `doubling-${process.pid}`;
    const run = await env.start(collectMessages, [token, "x"]);
    await env.waitForHooks(run.runId, 1);
    const started = performance.now();
    const error = await resumeHook(token, doublingValue(), { runtime: env.runtime }).catch(
      (thrown: unknown) => thrown,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(isSerializationError(error) && error.code).toBe("SERIALIZATION_LIMIT");
    expect(await hookEvents(run.runId)).toBe(0);
    await resumeHook(token, { message: "bye", done: true }, { runtime: env.runtime });
    expect(await run.returnValue).toEqual([{ message: "bye", done: true }]);
  });

  it("fails the run, without walking it, when the log holds a 2^60-leaf payload", async () => {
    // What another writer of the log (or a tampered store) could append directly.
    const token = `forged-${process.pid}`;
    const run = await env.start(collectMessages, [token, "x"]);
    await env.waitForHooks(run.runId, 1);
    const hook = await env.runtime.world.getHookByToken(token);
    const started = performance.now();
    await env.runtime.append(run.runId, [
      { type: "hook_received", correlationId: hook!.hookId, data: { payload: doublingPayload() } },
    ]);
    await env.runtime.world.queue.enqueue(
      { kind: "workflow", runId: run.runId },
      { key: `wf:${run.runId}` },
    );
    const error = await run.returnValue.catch((thrown: unknown) => thrown);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(String((error as Error).message)).toMatch(/SERIALIZATION_LIMIT|maxNodes/);
  });
});
