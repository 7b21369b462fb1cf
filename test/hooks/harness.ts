/**
 * Hooks end-to-end harness: a runtime over a memory world, served by a real `node:http` server
 * on 127.0.0.1 (ephemeral port) that mounts `handleRequest` (the webhook, flow and step
 * routes) plus the test's own app routes. The runtime's app URL is the server's, so webhook
 * URLs are real, and steps report what they see by POSTing notes to `/api/notes/<channel>`.
 */
import { waitForEvent as waitForEventOf } from "../support/wait-for-event.js";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform as stripTypes } from "esbuild";
import { transform } from "../../compiler/index.js";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { start, type WorkflowFunction } from "../../runtime/api/index.js";
import type { Run } from "../../runtime/api/run.js";
import { createRuntime, type Runtime } from "../../runtime/engine/runtime.js";
import type { Outcome } from "../../runtime/engine/session.js";
import { handleRequest, toNodeHandler, type WebHandler } from "../../runtime/http/index.js";
import { toErrorResponse } from "../../runtime/http/responses.js";
import {
  createMemoryWorld,
  type StoredEvent,
  TERMINAL_RUN_EVENTS,
} from "../../runtime/worlds/index.js";
import { createFreshSession } from "../support/fresh-session.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const bundles = createBundleSource({ root: ROOT });

/** Every end-to-end test runs both ways; results must not differ. */
export const ENGINE_MODES = [
  { mode: "sticky cache on", stickyCacheSize: 1000 },
  { mode: "sticky cache off", stickyCacheSize: 0 },
] as const;

export type WorkflowHandle<Args extends unknown[] = any[], R = unknown> = WorkflowFunction<
  Args,
  R
> & { workflowId: string };

/** A handle on workflow `name` of `test/hooks/workflows/<file>.ts`. */
export function workflow<Args extends unknown[] = any[], R = unknown>(
  file: string,
  name: string,
): WorkflowHandle<Args, R> {
  return Object.assign(
    async (..._args: Args): Promise<R> => {
      throw new Error("test handle: use start()");
    },
    { workflowId: `workflow//./test/hooks/workflows/${file}//${name}` },
  );
}

export interface HookTestEnv {
  runtime: Runtime;
  /** `http://127.0.0.1:<port>` */
  url: string;
  start<Args extends unknown[], R>(fn: WorkflowHandle<Args, R>, args: Args): Promise<Run<R>>;
  events(runId: string): Promise<StoredEvent[]>;
  waitForEvent(runId: string, match: (event: StoredEvent) => boolean): Promise<StoredEvent>;
  /** Resolves once the run has recorded `count` hooks (created or conflicting). */
  waitForHooks(runId: string, count: number): Promise<void>;
  /** The first note on `channel` that matches, waiting for it. */
  waitForNote<T = any>(channel: string, match?: (note: T) => boolean): Promise<T>;
  fetch(pathOrUrl: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface HookTestEnvOptions {
  stickyCacheSize: number;
  /** App routes by path (exact match); the rest goes to handleRequest. */
  routes?: Record<string, WebHandler>;
  webhookResponseTimeoutMs?: number;
  maxBodyBytes?: number;
}

const TIMEOUT_MS = 10_000;

export async function createHookTestEnv(options: HookTestEnvOptions): Promise<HookTestEnv> {
  const notes = new Map<string, unknown[]>();
  const noteWaiters = new Set<() => void>();
  let runtime!: Runtime;

  const app: WebHandler = async (request) => {
    const { pathname } = new URL(request.url);
    const note = /^\/api\/notes\/([\w-]+)$/.exec(pathname);
    if (note) {
      const list = notes.get(note[1]!) ?? [];
      list.push(await request.json());
      notes.set(note[1]!, list);
      for (const wake of noteWaiters) wake();
      return new Response(null, { status: 204 });
    }
    const route = options.routes?.[pathname];
    if (route) {
      try {
        return await route(request);
      } catch (error) {
        return toErrorResponse(error);
      }
    }
    return handleRequest(request, {
      runtime,
      ...(options.webhookResponseTimeoutMs !== undefined
        ? { webhookResponseTimeoutMs: options.webhookResponseTimeoutMs }
        : {}),
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
  };
  const server = http.createServer(toNodeHandler(app));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const world = createMemoryWorld({ retryBaseMs: 5 });
  runtime = createRuntime({
    world,
    bundles,
    stickyCacheSize: options.stickyCacheSize,
    retryDelayMs: 10,
    url,
  });
  await runtime.start();

  const waitForEvent: HookTestEnv["waitForEvent"] = (runId, match) =>
    waitForEventOf(runtime, runId, match, TIMEOUT_MS);

  const waitForNote: HookTestEnv["waitForNote"] = (channel, match = () => true) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = (notes.get(channel) ?? []).find((note) => match(note as never));
        if (found === undefined) return;
        noteWaiters.delete(check);
        clearTimeout(timer);
        resolve(found as never);
      };
      const timer = setTimeout(() => {
        noteWaiters.delete(check);
        reject(new Error(`Timed out waiting for note ${channel}`));
      }, TIMEOUT_MS);
      noteWaiters.add(check);
      check();
    });

  return {
    runtime,
    url,
    start: (fn, args) => start(fn, args, { runtime }),
    events: (runId) => world.readEvents(runId),
    waitForEvent,
    async waitForHooks(runId, count) {
      const isHook = (e: StoredEvent) => e.type === "hook_created" || e.type === "hook_conflict";
      for (const until = Date.now() + TIMEOUT_MS; Date.now() < until;) {
        if ((await world.readEvents(runId)).filter(isHook).length >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error(`Timed out waiting for ${count} hooks of run ${runId}`);
    },
    waitForNote,
    fetch: (pathOrUrl, init) => fetch(new URL(pathOrUrl, url), init),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

/** The run's events of one type. */
export const ofType = (events: StoredEvent[], type: StoredEvent["type"]) =>
  events.filter((event) => event.type === type);

/**
 * Replays a finished run's log (without its terminal event) in a brand-new session, as a
 * fresh process would: a deterministic workflow reaches the same outcome.
 */
export async function replayFresh(env: HookTestEnv, runId: string): Promise<Outcome> {
  const events = (await env.events(runId)).filter((e) => !TERMINAL_RUN_EVENTS.has(e.type));
  const session = await createFreshSession(env.runtime.world, bundles, runId, env.url);
  return session.feed(events);
}

/**
 * Imports `test/hooks/workflows/<file>.ts` in its client form, as an app importing it gets it:
 * workflows stamped with their IDs, `workflow` the package's default (non-sandbox) export.
 */
export async function importClientModule<T>(file: string): Promise<T> {
  const source = path.join(ROOT, "test", "hooks", "workflows", `${file}.ts`);
  const client = transform(await readFile(source, "utf8"), {
    filename: source,
    root: ROOT,
    mode: "client",
  });
  const js = await stripTypes(client.code, { loader: "ts", format: "esm" });
  const api = pathToFileURL(path.join(ROOT, "dist", "runtime", "workflow", "index.js")).href;
  // Steps stay callable in the client form; the app never calls them here, so their helper is a stub.
  const code = js.code
    .replace(/(from\s*)(["'])workflow\2/g, `$1"${api}"`)
    .replace(
      /import\s*\{\s*postNote\s*\}\s*from\s*(["'])\.\/notes\.js\1;?/,
      "const postNote = async () => {};",
    );
  // Under node_modules, so that the test runner leaves the module to Node.
  const dir = path.join(ROOT, "node_modules", ".cache", "workflow-test");
  await mkdir(dir, { recursive: true });
  const out = path.join(dir, `hooks-${file}-${process.pid}.mjs`);
  await writeFile(out, code);
  return (await import(pathToFileURL(out).href)) as T;
}
