/**
 * WorkflowChatTransport against real chat routes (node:http on 127.0.0.1) over a workflow run:
 * the chunks of a response that drops mid-stream are read once each, across reconnections;
 * `reconnectToStream` resumes a stored run; refusals and repeated failures end with errors
 * that say what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { WorkflowChatTransport } from "../../runtime/ai/index.js";
import { createTestRuntime, readAll } from "../streams/harness.js";
import { startChatServer, type ChatServer } from "./chat-server.js";

const userMessage = (text: string) => ({
  id: "u1",
  role: "user" as const,
  parts: [{ type: "text" as const, text }],
});

/** What `useChat` does when the user sends `text` (no text: no messages). */
const send = (transport: WorkflowChatTransport, chatId: string, text?: string) =>
  transport.sendMessages({
    trigger: "submit-message",
    chatId,
    messageId: undefined,
    messages: text === undefined ? [] : [userMessage(text)],
    abortSignal: undefined,
  });

const textOf = (chunks: { type: string; delta?: unknown }[]) =>
  chunks
    .filter((c) => c.type === "text-delta")
    .map((c) => c.delta)
    .join("");

const STORY =
  "Once upon a time a workflow slept for a week, woke up on another machine, " +
  "and finished its story without losing a single word of it.";

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createTestRuntime({ world: "memory", stickyCacheSize: 1000 });
});
afterAll(() => runtime.close());

describe("WorkflowChatTransport", () => {
  let server: ChatServer;
  afterAll(() => server?.close());

  it("reads every chunk once when the response drops twice mid-stream", async () => {
    // The POST's stream drops after 5 chunks, the first reconnection's after 7 more.
    server = await startChatServer({ runtime, cutAfter: (n) => [5, 7][n] });
    const runIds: string[] = [];
    const ends: { chatId: string; chunkIndex: number }[] = [];
    const transport = new WorkflowChatTransport({
      api: `${server.url}/api/chat`,
      onChatSendMessage: (response) => {
        runIds.push(response.headers.get("x-workflow-run-id")!);
      },
      onChatEnd: (event) => {
        ends.push(event);
      },
    });
    const stream = await send(transport, "chat-1", "scenario:story Tell me a story.");
    const chunks = (await readAll(stream)) as { type: string; delta?: string }[];

    expect(textOf(chunks)).toBe(STORY);
    expect(chunks[0]!.type).toBe("start");
    expect(chunks.at(-1)!.type).toBe("finish");
    expect(chunks.filter((c) => c.type === "start")).toHaveLength(1);
    expect(runIds).toHaveLength(1);
    // Each reconnection starts where the client stopped reading: the cut (5, then 7 more), or
    // earlier if the chunk in flight was lost with the connection.
    expect(server.requests.map((r) => r.replace(runIds[0]!, "<run>"))).toEqual([
      "POST /api/chat",
      expect.stringMatching(/^GET \/api\/chat\/<run>\/stream\?startIndex=\d+$/),
      expect.stringMatching(/^GET \/api\/chat\/<run>\/stream\?startIndex=\d+$/),
    ]);
    const [first, second] = server.requests
      .slice(1)
      .map((r) => Number(/startIndex=(\d+)/.exec(r)![1]));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(5);
    expect(second).toBeGreaterThan(first!);
    expect(second).toBeLessThanOrEqual(first! + 7);
    expect(ends).toEqual([{ chatId: "chat-1", chunkIndex: chunks.length }]);
    await server.close();
  });

  it("resumes a stored run with reconnectToStream, through prepareReconnectToStreamRequest", async () => {
    server = await startChatServer({ runtime });
    let runId = "";
    const headersSeen: string[] = [];
    const transport = new WorkflowChatTransport({
      api: `${server.url}/api/chat`,
      onChatSendMessage: (response) => {
        runId = response.headers.get("x-workflow-run-id")!;
      },
      prepareReconnectToStreamRequest: async (config) => {
        headersSeen.push(config.api);
        return {
          ...config,
          api: `${server.url}/api/chat/${encodeURIComponent(runId)}/stream`,
          headers: { authorization: "Bearer t0ken" },
        };
      },
    });
    const first = await send(transport, "chat-2", "scenario:chat hi");
    // The page closes before reading anything; later it resumes from the stored run ID.
    await first.cancel();
    const resumed = await transport.reconnectToStream({ chatId: "chat-2" });
    const chunks = (await readAll(resumed!)) as { type: string; delta?: string }[];
    expect(textOf(chunks)).toBe("Hello from the agent.");
    expect(chunks[0]!.type).toBe("start");
    expect(headersSeen).toEqual([`${server.url}/api/chat/chat-2/stream`]);
    expect(server.requests.at(-1)).toBe(`GET /api/chat/${runId}/stream?startIndex=0`);
    await server.close();
  });

  it("says so when the chat route does not send the run ID header", async () => {
    server = await startChatServer({
      runtime,
      serve: (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" }).end("data: {}\n\n");
        return true;
      },
    });
    const transport = new WorkflowChatTransport({ api: `${server.url}/api/chat` });
    await expect(send(transport, "c")).rejects.toThrow(/without an "x-workflow-run-id" header/);
    await server.close();
  });

  it("fails at once on a refused reconnection, and after maxConsecutiveErrors on dropped ones", async () => {
    server = await startChatServer({ runtime });
    const transport = new WorkflowChatTransport({ api: `${server.url}/api/chat` });
    // An unknown run: the route answers 404, which no retry can change.
    const refused = await transport
      .reconnectToStream({ chatId: "wrun_nope" })
      .catch((e: Error) => e);
    expect(String(refused)).toMatch(
      /Reconnecting to the chat stream failed: 404 Not Found: .*no such run/,
    );
    await server.close();

    // Every reconnection is dropped before its first chunk.
    server = await startChatServer({ runtime, cutAfter: (n) => (n === 0 ? 2 : 0) });
    const dropping = new WorkflowChatTransport({
      api: `${server.url}/api/chat`,
      maxConsecutiveErrors: 3,
    });
    const stream = await send(dropping, "c3", "scenario:story again");
    await expect(readAll(stream)).rejects.toThrow(/Failed to reconnect after 3 consecutive errors/);
    // The drop of the POST's stream was the first failure; two reconnections failed after it.
    expect(server.requests.filter((r) => r.startsWith("GET"))).toHaveLength(2);
    await server.close();
  });
});
