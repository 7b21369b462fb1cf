/**
 * `startDashboard`: the dashboard's HTTP server. It serves the built page and a JSON API over a
 * world it only reads (runs, one run, the run at event k, stream chunks, a live feed of runs),
 * plus three writes done by the `DashboardActions` it is given (503 ACTIONS_UNAVAILABLE without).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunState, World } from "../../runtime/worlds/index.js";
import type { RunFilter } from "../../runtime/worlds/shared/world.js";
import { createAccess, isOwnHost, isSameOriginJson, TOKEN_PAGE } from "./access.js";
import type { DashboardActions } from "./actions.js";
import type { ApiError } from "./api-types.js";
import { createAssets } from "./assets.js";
import { createLiveRuns } from "./live-runs.js";
import { readRunAt, readRunDetail, readRunsPage, readStreamChunks } from "./read-views.js";
import { createRunLogs } from "./run-logs.js";

export interface DashboardOptions {
  /** The world to show (opened read-only by `wf web`). */
  world: World;
  /** Who does cancel, resume and start; without it those buttons say they are not available. */
  actions?: DashboardActions | undefined;
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /**
   * Ask for an access token (printed by `wf web`) before anything is served.
   * @default true on any host but 127.0.0.1 and ::1
   */
  requireToken?: boolean;
  /** Where the built page is. @default <package>/dist/web */
  assetsDir?: string;
}

export interface Dashboard {
  /** `http://host:port/` */
  url: string;
  /** The access token to give the user, when one is required. */
  token: string | undefined;
  close(): Promise<void>;
}

const STATUSES = new Set<RunState["status"]>([
  "pending",
  "running",
  "completed",
  "failed",
  "cancelled",
]);

/** An error the API reports with a status and a code. */
class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const host = options.host ?? "127.0.0.1";
  const access = createAccess({
    requireToken: options.requireToken ?? !(host === "127.0.0.1" || host === "::1"),
  });
  const assets = createAssets(options.assetsDir);
  const { world, actions } = options;
  const live = createLiveRuns(world);
  const readLog = createRunLogs(world);
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://dashboard");
    const route = url.pathname;
    if (!isOwnHost(req, host, port))
      return sendError(
        res,
        new ApiFailure(421, "WRONG_HOST", `this server answers to ${host}:${port} only`),
      );
    if (route === "/auth" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const cookie = access.exchange(form.get("token") ?? "");
      if (!cookie) return send(res, 401, "text/html; charset=utf-8", TOKEN_PAGE);
      res.writeHead(303, { location: "/", "set-cookie": cookie });
      return res.end();
    }
    if (!access.isAllowed(req)) {
      if (route.startsWith("/api/"))
        return sendError(
          res,
          new ApiFailure(
            401,
            "UNAUTHORIZED",
            "open the dashboard's page and give the access token that wf web printed",
          ),
        );
      return send(res, 401, "text/html; charset=utf-8", TOKEN_PAGE);
    }
    if (route.startsWith("/api/")) return sendJson(res, 200, await api(req, url));
    const asset = await assets(route === "/" ? "index.html" : route.slice(1));
    if (!asset) return sendError(res, new ApiFailure(404, "NOT_FOUND", `no page at ${route}`));
    return send(res, 200, asset.type, asset.body);
  };

  const api = async (req: IncomingMessage, url: URL): Promise<unknown> => {
    const parts = url.pathname.split("/").slice(2).map(decodeURIComponent);
    const [what, id, sub, name] = parts;
    if (req.method === "GET") {
      if (what === "runs" && id === undefined) return readRunsPage(world, filterOf(url));
      if (what === "runs" && id !== undefined && sub === undefined)
        return found(await readRunDetail(world, id, actions !== undefined), id);
      if (what === "runs" && id !== undefined && sub === "at")
        return found(await readRunAt(readLog, id, Number(url.searchParams.get("k") ?? 0)), id);
      if (what === "runs" && id !== undefined && sub === "streams" && name !== undefined)
        return readStreamChunks(
          world,
          id,
          name,
          Math.max(0, Number(url.searchParams.get("from") ?? 0) || 0),
        );
    }
    if (req.method === "POST") {
      if (!isSameOriginJson(req))
        throw new ApiFailure(
          403,
          "NOT_SAME_ORIGIN",
          "writes must be JSON sent by the dashboard's own page",
        );
      if (!actions)
        throw new ApiFailure(
          503,
          "ACTIONS_UNAVAILABLE",
          "this dashboard cannot change runs: it was started without actions (wf web only reads the world)",
        );
      const body = await readBody(req);
      const payload = body ? parseJson(body) : {};
      try {
        if (what === "runs" && id && sub === "cancel")
          return (await actions.cancel(id), { ok: true });
        if (what === "runs" && id && sub === "start-like") return await actions.startLike(id);
        if (what === "hooks" && id && sub === "resume")
          return {
            ok: true,
            ...(await actions.resumeHook(id, (payload as { payload?: unknown }).payload)),
          };
      } catch (error) {
        throw new ApiFailure(
          409,
          (error as { code?: string }).code ?? "ACTION_FAILED",
          (error as Error).message,
        );
      }
    }
    throw new ApiFailure(404, "NOT_FOUND", `no API route ${req.method} ${url.pathname}`);
  };

  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (
      url.startsWith("/api/live/runs") &&
      req.method === "GET" &&
      isOwnHost(req, host, port) &&
      access.isAllowed(req)
    )
      try {
        return live.subscribe(filterOf(new URL(url, "http://dashboard"), 50), res);
      } catch (error) {
        return sendError(res, error);
      }
    handle(req, res).catch((error: unknown) => sendError(res, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    token: access.token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function filterOf(url: URL, limit?: number): RunFilter {
  const q = url.searchParams;
  const status = q.get("status") as RunState["status"] | null;
  if (status && !STATUSES.has(status))
    throw new ApiFailure(400, "BAD_FILTER", `status must be one of ${[...STATUSES].join(", ")}`);
  const pageSize = limit ?? Number(q.get("limit") ?? 50);
  return {
    ...(status ? { status } : {}),
    ...(q.get("workflow") ? { workflowName: q.get("workflow")! } : {}),
    ...(q.get("cursor") ? { cursor: q.get("cursor")! } : {}),
    limit: Number.isInteger(pageSize) && pageSize > 0 ? Math.min(pageSize, 1000) : 50,
  };
}

function found<T>(value: T | null, runId: string): T {
  if (value === null) throw new ApiFailure(404, "RUN_NOT_FOUND", `no run ${runId} in this world`);
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiFailure(
      400,
      "BAD_JSON",
      `the request body is not JSON: ${(error as Error).message}`,
    );
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 1_000_000)
      throw new ApiFailure(413, "TOO_LARGE", "request bodies are limited to 1 MB");
  }
  return body;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy":
      "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(value));
}

function sendError(res: ServerResponse, error: unknown) {
  if (res.headersSent) return void res.end();
  if (error instanceof ApiFailure)
    return sendJson(res, error.status, {
      code: error.code,
      message: error.message,
    } satisfies ApiError);
  // A cursor the world does not know is a TypeError (world.ts): the caller's mistake.
  if (error instanceof TypeError)
    return sendJson(res, 400, { code: "BAD_REQUEST", message: error.message } satisfies ApiError);
  sendJson(res, 500, { code: "INTERNAL", message: String(error) } satisfies ApiError);
}
