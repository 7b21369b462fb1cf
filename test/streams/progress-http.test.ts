/**
 * The seed's progress-stream example end to end: a node:http server on 127.0.0.1 starts the
 * workflow and streams `run.readable` to the HTTP client as NDJSON; a client that reconnects
 * resumes with `getRun(runId).getReadable({ startIndex })`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun, setDefaultRuntime, start } from "../../runtime/api/index.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { SETUPS, useTestRuntime, workflow } from "./harness.js";

const progressWorkflow = workflow<[string[]], void>("progress", "progressWorkflow");
const lateWriter = workflow<[number], void>("streams", "lateWriter");

/** A run's stream as a web Response of JSON lines (the README's snippet). */
function toNdjsonResponse(readable: ReadableStream, runId: string): Response {
  const lines = readable.pipeThrough(
    new TransformStream({ transform: (chunk, out) => out.enqueue(JSON.stringify(chunk) + "\n") }),
  );
  return new Response(lines.pipeThrough(new TextEncoderStream()), {
    headers: { "content-type": "application/x-ndjson", "x-workflow-run-id": runId },
  });
}

/** Sends a web Response through node:http, flushing each chunk as it comes. */
async function sendNdjson(res: ServerResponse, readable: ReadableStream, runId: string) {
  const response = toNdjsonResponse(readable, runId);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  const reader = response.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) res.write(r.value);
  res.end();
}

async function readJson(req: IncomingMessage): Promise<any> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return JSON.parse(body);
}

/** The app: what a user's server does with the seed's API (no runtime passed anywhere). */
function createApp(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url!, "http://127.0.0.1");
    const resumeMatch = /^\/api\/progress\/([\w-]+)\/stream$/.exec(url.pathname);
    void (async () => {
      if (req.method === "POST" && url.pathname === "/api/progress") {
        const { items } = await readJson(req);
        const run = await start(progressWorkflow, [items]);
        await sendNdjson(res, run.readable, run.runId);
      } else if (req.method === "POST" && url.pathname === "/api/late") {
        const run = await start(lateWriter, [3]);
        await sendNdjson(res, run.readable, run.runId);
      } else if (req.method === "GET" && resumeMatch) {
        const run = getRun(resumeMatch[1]!);
        const startIndex = Number(url.searchParams.get("startIndex") ?? 0);
        await sendNdjson(res, run.getReadable({ startIndex }), run.runId);
      } else if (req.method === "GET" && url.pathname.startsWith("/api/status/")) {
        const status = await getRun(url.pathname.slice("/api/status/".length)).status;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status }));
      } else {
        res.writeHead(404).end();
      }
    })().catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error?.message));
    });
  });
}

/** Reads NDJSON lines as they arrive; `onLine` sees each one first. */
async function readLines(response: Response, onLine?: (line: unknown) => Promise<void>) {
  const lines: unknown[] = [];
  const decoder = new TextDecoder();
  let buffered = "";
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    for (let nl = buffered.indexOf("\n"); nl !== -1; nl = buffered.indexOf("\n")) {
      const line = JSON.parse(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      await onLine?.(line);
      lines.push(line);
    }
  }
  expect(buffered).toBe("");
  return lines;
}

const ITEMS = ["alpha", "beta", "gamma", "delta", "epsilon"];
const EXPECTED = ITEMS.map((item, i) => ({ progress: ((i + 1) / ITEMS.length) * 100, item }));

describe.each(SETUPS)(
  "progress stream over HTTP ($world world, sticky $stickyCacheSize)",
  (setup) => {
    let runtime: Runtime;
    let server: Server;
    let base: string;
    useTestRuntime(setup, (created) => (runtime = created));

    beforeAll(async () => {
      setDefaultRuntime(runtime);
      server = createApp();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      setDefaultRuntime(undefined);
    });

    it("streams every progress update to the HTTP client, then ends", async () => {
      const response = await fetch(`${base}/api/progress`, {
        method: "POST",
        body: JSON.stringify({ items: ITEMS }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/x-ndjson");
      const runId = response.headers.get("x-workflow-run-id")!;
      expect(await readLines(response)).toEqual(EXPECTED);
      // The stream ends when the closing step ran; the run itself completes right after.
      expect(await getRun(runId).returnValue).toBeUndefined();

      // A client that lost the connection after two updates resumes from the third.
      const resumed = await fetch(`${base}/api/progress/${runId}/stream?startIndex=2`);
      expect(await readLines(resumed)).toEqual(EXPECTED.slice(2));
    });

    it("sends chunks live: the client is connected while the run is still sleeping", async () => {
      const response = await fetch(`${base}/api/late`, { method: "POST" });
      const runId = response.headers.get("x-workflow-run-id")!;
      const statuses: string[] = [];
      const status = async () =>
        ((await (await fetch(`${base}/api/status/${runId}`)).json()) as { status: string }).status;
      statuses.push(await status());
      const lines = await readLines(response, async () => void statuses.push(await status()));
      expect(lines).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
      // The response began before the run had written anything: it was still to start (a queue
      // hop through Postgres takes longer than this request) or sleeping, far from done.
      expect(["pending", "running"]).toContain(statuses[0]);
    });
  },
);
