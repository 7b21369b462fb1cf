/**
 * The chat routes that `WorkflowChatTransport` expects, as an app would write them, on a real
 * node:http server on 127.0.0.1: POST /api/chat starts the chat workflow and answers with its
 * stream and `x-workflow-run-id`; GET /api/chat/<runId>/stream?startIndex=N reads the run's
 * stream from chunk N. `cutAfter` makes the server drop a response's connection after that many
 * chunks, as a proxy timeout or a lost network would; `holdAfter` pauses a response until
 * `release()`, as a slow model would. `serve` adds routes (a page); their requests are not
 * recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  convertToModelMessages,
  createUIMessageStreamResponse,
  type ModelMessage,
  type UIMessage,
} from "ai";
import { getRun, start } from "../../runtime/api/index.js";
import type { Runtime } from "../../runtime/engine/runtime.js";

export interface ChatServer {
  url: string;
  /** Every request, as "METHOD path". */
  requests: string[];
  /** The Authorization header of each request (in the order of `requests`). */
  authorizations: (string | undefined)[];
  /** Lets the responses that `holdAfter` paused go on. */
  release(): void;
  close(): Promise<void>;
}

export interface ChatServerOptions {
  runtime: Runtime;
  /** Chunks to send before dropping the n-th response (0-based); undefined sends them all. */
  cutAfter?: (responseNumber: number) => number | undefined;
  /** Chunks to send before pausing the n-th response until `release()`. */
  holdAfter?: (responseNumber: number) => number | undefined;
  /** Extra routes (a page, its assets), tried first; return false to fall through. */
  serve?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

const chat = Object.assign(async (_messages: ModelMessage[]): Promise<string> => "", {
  workflowId: "workflow//./test/ai/workflows/chat//chat",
});

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
}

interface Pacing {
  /** SSE events to send before dropping the connection. */
  cut: number | undefined;
  /** SSE events to send before waiting for `released`. */
  hold: number | undefined;
  released: Promise<void>;
}

/** Sends `response`, paced as `pacing` says. */
async function send(res: ServerResponse, response: Response, { cut, hold, released }: Pacing) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  let events = 0;
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    const text = Buffer.from(bytes).toString("utf8");
    for (const event of text.split(/(?<=\n\n)/)) {
      if (cut !== undefined && events >= cut) {
        // A browser drops the chunks its page has not read yet when the stream errors, so the
        // cut waits a moment for the page to read what was sent.
        await new Promise((resolve) => setTimeout(resolve, 100));
        res.destroy();
        return;
      }
      if (events === hold) await released;
      // Flushed one by one, so that the events before a cut reach the client before it.
      await new Promise<void>((resolve, reject) =>
        res.write(event, (error) => (error ? reject(error) : resolve())),
      );
      if (event.endsWith("\n\n")) events++;
    }
  }
  res.end();
}

export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];
  let responses = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const pacing = (): Pacing => {
    const n = responses++;
    return { cut: options.cutAfter?.(n), hold: options.holdAfter?.(n), released };
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (options.serve && (await options.serve(req, res))) return;
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    authorizations.push(req.headers.authorization);
    if (req.method === "POST" && url.pathname === "/api/chat") {
      const { messages } = (await readJson(req)) as { messages: UIMessage[] };
      const run = await start(chat, [await convertToModelMessages(messages)], {
        runtime: options.runtime,
      });
      const response = createUIMessageStreamResponse({
        stream: run.readable,
        headers: { "x-workflow-run-id": run.runId },
      });
      return send(res, response, pacing());
    }
    const stream = /^\/api\/chat\/([^/]+)\/stream$/.exec(url.pathname);
    if (req.method === "GET" && stream) {
      const run = getRun(decodeURIComponent(stream[1]!), { runtime: options.runtime });
      if ((await run.status.catch(() => undefined)) === undefined) {
        res.writeHead(404, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ error: "no such run" }));
      }
      const startIndex = Number(url.searchParams.get("startIndex") ?? 0);
      const response = createUIMessageStreamResponse({ stream: run.getReadable({ startIndex }) });
      return send(res, response, pacing());
    }
    res.writeHead(404).end();
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    authorizations,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
