/** fetch from "workflow" against a local HTTP server: memory and file worlds, sticky cache on and off. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start } from "../../runtime/api/index.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { deserialize } from "../../runtime/serialization/index.js";
import { bundles, describeSetup, SETUPS, workflow, useTestRuntime } from "./harness.js";
import { beforeRunEnd, createFreshSession } from "../support/fresh-session.js";

const getAndPost = workflow<[string], any>("fetching", "getAndPost");
const bytesAndStatus = workflow<[string], any>("fetching", "bytesAndStatus");
const unreachable = workflow<[string], string>("fetching", "unreachable");
const standardResponse = workflow<[string], any>("fetching", "standardResponse");
const returnsResponse = workflow<[string], Response>("fetching", "returnsResponse");

/** What a fresh sandbox returns when it replays the finished run's log: no cache, no I/O. */
async function replayFinishedRun(runtime: Runtime, runId: string): Promise<unknown> {
  const session = await createFreshSession(runtime.world, bundles, runId);
  const outcome = await session.feed(beforeRunEnd(await runtime.world.readEvents(runId)));
  if (outcome.status !== "completed") throw new Error(`replay: ${JSON.stringify(outcome)}`);
  return deserialize(outcome.output);
}

let server: Server;
let base: string;
/** Requests the server got, by path: each fetch runs once (replays read the recorded response). */
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      if (path === "/data") {
        res.writeHead(200, { "content-type": "application/json", "x-test": "yes" });
        res.end(JSON.stringify({ items: [1, 2, 3], nested: { ok: true } }));
      } else if (path === "/users" && req.method === "POST") {
        res.writeHead(201, { "content-type": "text/plain" });
        res.end(`created ${JSON.parse(body).name} (${req.headers["content-type"]})`);
      } else if (path === "/bytes") {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.end(Buffer.from([0, 1, 2, 254, 255]));
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not here");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(SETUPS)("fetch ($world world, sticky $stickyCacheSize)", (setup) => {
  let runtime: Runtime;
  useTestRuntime(setup, (created) => (runtime = created));

  it(`runs the seed's fetch examples: json() and a POST with options (${describeSetup(setup)})`, async () => {
    const before = { data: hits.get("/data") ?? 0, users: hits.get("/users") ?? 0 };
    const run = await start(getAndPost, [base], { runtime });
    expect(await run.returnValue).toEqual({
      data: { items: [1, 2, 3], nested: { ok: true } },
      status: 200,
      ok: true,
      contentType: "application/json",
      created: { status: 201, text: "created Alice (application/json)" },
    });
    expect(hits.get("/data")).toBe(before.data + 1);
    expect(hits.get("/users")).toBe(before.users + 1);
  });

  it("reads bytes with arrayBuffer() (and again from a clone), resolves on a 404, and hands a Response to a step", async () => {
    const run = await start(bytesAndStatus, [base], { runtime });
    expect(await run.returnValue).toEqual({
      bytes: [0, 1, 2, 254, 255],
      again: 5,
      missing: { status: 404, ok: false, text: "not here" },
      fromStep: { items: [1, 2, 3], nested: { ok: true } },
    });
  });

  it("gives the workflow a standard Response: instanceof, a body stream read once, the same on replay", async () => {
    const run = await start(standardResponse, [base], { runtime });
    const expected = {
      isResponse: true,
      ok: true,
      status: 200,
      url: "<base>/data",
      redirected: false,
      type: "basic",
      header: "yes",
      bodyUsed: true,
      text: JSON.stringify({ items: [1, 2, 3], nested: { ok: true } }),
      readAgain: "TypeError",
      jsonIsOwnObject: true,
      bufferIsOwn: true,
      fromStep: { items: [1, 2, 3], nested: { ok: true } },
    };
    expect(await run.returnValue).toEqual(expected);
    const before = { data: hits.get("/data"), bytes: hits.get("/bytes") };
    expect(await replayFinishedRun(runtime, run.runId)).toEqual(expected);
    expect({ data: hits.get("/data"), bytes: hits.get("/bytes") }).toEqual(before);
  });

  it("returns a fetched Response from a workflow as a Response", async () => {
    const run = await start(returnsResponse, [base], { runtime });
    const response = await run.returnValue;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/data`);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ items: [1, 2, 3], nested: { ok: true } });
  });

  it("retries a request that cannot connect, then rejects in the workflow", async () => {
    const run = await start(unreachable, ["http://127.0.0.1:1/"], { runtime });
    expect(await run.returnValue).toMatch(
      /^Step "__builtin_fetch" failed after 3 retries: fetch failed/,
    );
    const events = await runtime.world.readEvents(run.runId);
    expect(events.filter((e) => e.type === "step_started")).toHaveLength(4);
  });
});
