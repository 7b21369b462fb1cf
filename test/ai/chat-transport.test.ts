/**
 * WorkflowChatTransport against real chat routes (node:http on 127.0.0.1) over a workflow run:
 * the chunks of a response that drops mid-stream are read once each, across reconnections;
 * `reconnectToStream` resumes the run that the chat's send started, or one stored across a
 * reload; refusals and repeated failures end with errors that say what happened.
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

  it("resumes each chat from the run its send started, and nothing once it finished", async () => {
    server = await startChatServer({ runtime });
    const runIds = new Map<string, string>();
    const transport = new WorkflowChatTransport({
      api: `${server.url}/api/chat`,
      onChatSendMessage: (response, options) => {
        runIds.set(options.chatId, response.headers.get("x-workflow-run-id")!);
      },
    });
    // Nothing was sent for this chat: nothing to resume, and no request for a stream that the
    // run-keyed route cannot have.
    expect(await transport.reconnectToStream({ chatId: "chat-a" })).toBeNull();
    expect(server.requests).toEqual([]);

    // Two chats on one transport (one page); the page stops reading both before a chunk, as
    // when useChat's view unmounts, and a second view resumes each.
    const a = await send(transport, "chat-a", "scenario:chat hi");
    const b = await send(transport, "chat-b", "scenario:story Tell me a story.");
    await a.cancel();
    await b.cancel();
    const resumedB = await transport.reconnectToStream({ chatId: "chat-b" });
    expect(textOf((await readAll(resumedB!)) as { type: string; delta?: string }[])).toBe(STORY);
    const resumedA = await transport.reconnectToStream({ chatId: "chat-a" });
    const chunks = (await readAll(resumedA!)) as { type: string; delta?: string }[];
    expect(textOf(chunks)).toBe("Hello from the agent.");
    expect(chunks[0]!.type).toBe("start");
    expect(server.requests).toEqual([
      "POST /api/chat",
      "POST /api/chat",
      `GET /api/chat/${runIds.get("chat-b")}/stream?startIndex=0`,
      `GET /api/chat/${runIds.get("chat-a")}/stream?startIndex=0`,
    ]);

    // Both finish chunks were read: the answers are complete, there is nothing to resume.
    expect(await transport.reconnectToStream({ chatId: "chat-a" })).toBeNull();
    expect(await transport.reconnectToStream({ chatId: "chat-b" })).toBeNull();
    expect(server.requests).toHaveLength(4);
    await server.close();
  });

  it("resumes a run stored across a reload, through prepareReconnectToStreamRequest", async () => {
    server = await startChatServer({ runtime });
    const api = `${server.url}/api/chat`;
    let storedRunId = "";
    const before = new WorkflowChatTransport({
      api,
      onChatSendMessage: (response) => {
        storedRunId = response.headers.get("x-workflow-run-id")!; // localStorage, in a page
      },
    });
    // The page closes before reading anything.
    await (await send(before, "chat-2", "scenario:chat hi")).cancel();

    // The reloaded page has a new transport, which knows no run: the hook names the stored one.
    const apisSeen: string[] = [];
    const after = new WorkflowChatTransport({
      api,
      prepareReconnectToStreamRequest: async (config) => {
        apisSeen.push(config.api);
        return {
          ...config,
          api: storedRunId ? `${api}/${encodeURIComponent(storedRunId)}/stream` : config.api,
          headers: { authorization: "Bearer t0ken" },
        };
      },
    });
    const resumed = await after.reconnectToStream({ chatId: "chat-2" });
    const chunks = (await readAll(resumed!)) as { type: string; delta?: string }[];
    expect(textOf(chunks)).toBe("Hello from the agent.");
    expect(chunks[0]!.type).toBe("start");
    expect(apisSeen).toEqual([api]);
    expect(server.requests.at(-1)).toBe(`GET /api/chat/${storedRunId}/stream?startIndex=0`);
    expect(server.authorizations.at(-1)).toBe("Bearer t0ken");

    // No stored run: the hook leaves `api` as it is, and nothing is requested.
    storedRunId = "";
    const requests = server.requests.length;
    expect(await after.reconnectToStream({ chatId: "chat-3" })).toBeNull();
    expect(apisSeen).toEqual([api, api]);
    expect(server.requests).toHaveLength(requests);
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
    // A stored run ID that the route does not know: it answers 404, which no retry can change.
    const transport = new WorkflowChatTransport({
      api: `${server.url}/api/chat`,
      prepareReconnectToStreamRequest: (config) => ({ api: `${config.api}/wrun_nope/stream` }),
    });
    const refused = await transport.reconnectToStream({ chatId: "c" }).catch((e: Error) => e);
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
