/**
 * Mounting a Web-standard handler on `node:http` (and on connect-style middleware stacks such as
 * Vite's dev server or Express): `http.createServer(toNodeHandler(handleRequest))`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TLSSocket } from "node:tls";
import { handleRequest } from "./handle-request.js";
import { type ErrorReporter, internalError, jsonError } from "./responses.js";

export type WebHandler = (request: Request) => Response | Promise<Response>;

/** A `node:http` request listener that is also a connect-style middleware. */
export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

export interface NodeHandlerOptions {
  /**
   * Which requests the handler takes, by path. Others go to `next()` when there is one (a
   * middleware stack), else get a 404. Pass `isWorkflowPath` to mount `handleRequest` in
   * front of an app. @default every request
   */
  match?: (pathname: string) => boolean;
  /**
   * The path the app is mounted under; passed to the default handler (`handleRequest`). A
   * handler you pass takes its own options. @default ""
   */
  basePath?: string;
  /**
   * Gets the detail of every 500 this handler answers (the body only has its `requestId`);
   * also passed to the default handler. @default console.error, with the request ID
   */
  onError?: ErrorReporter;
}

/** The Web Request for a Node request. The body streams (and is not read here). */
export function toWebRequest(req: IncomingMessage): Request {
  const encrypted = (req.socket as TLSSocket | undefined)?.encrypted === true;
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const url = new URL(path, `${encrypted ? "https" : "http"}://${req.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (!name.startsWith(":")) headers.append(name, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a Web Response to a Node response, streaming its body. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.body || res.req?.method === "HEAD") {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res);
}

/** The path of a Node request, without its query; `/` when it cannot be read. */
function pathOf(req: IncomingMessage): string {
  const raw = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  try {
    return new URL(raw, "http://localhost").pathname;
  } catch {
    return "/";
  }
}

/** Adapts a Web handler (by default `handleRequest`) to `node:http` and middleware stacks. */
export function toNodeHandler(handler?: WebHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const { basePath, onError } = options;
  const handle: WebHandler =
    handler ??
    ((request) =>
      handleRequest(request, {
        ...(basePath !== undefined ? { basePath } : {}),
        ...(onError ? { onError } : {}),
      }));
  return async (req, res, next) => {
    // Matched on the path alone, before the body becomes a Web stream: a request passed on to
    // `next()` keeps its body for the middlewares after this one.
    if (options.match && !options.match(pathOf(req))) {
      if (next) next();
      else await sendWebResponse(res, new Response(null, { status: 404 }));
      return;
    }
    let request: Request;
    try {
      request = toWebRequest(req);
    } catch {
      await sendWebResponse(
        res,
        jsonError(400, "BAD_REQUEST", "The request's URL or headers are invalid."),
      );
      return;
    }
    try {
      await sendWebResponse(res, await handle(request));
    } catch (error) {
      if (next) next(error);
      else if (!res.headersSent) await sendWebResponse(res, internalError(error, onError));
      else res.destroy(error as Error);
    }
  };
}
