/**
 * Test helpers: a copy of fixtures/apps/next in a temp folder, Next's CLI run in it, and the
 * order workflow driven over HTTP on 127.0.0.1.
 *
 * The copy's node_modules holds hard links to this repository's node_modules, and `workflow`
 * is this package (package.json and dist/, also hard links). Not symlinks: Turbopack compiles
 * nothing outside the project's root (the folder of the nearest lockfile), and it follows
 * symlinks to where they point.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(PACKAGE_ROOT, "fixtures/apps/next");
const NEXT_BIN = "node_modules/next/dist/bin/next";

/** Builds dist/ when it lacks this integration (CI builds it on install). */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(path.join(PACKAGE_ROOT, "dist/integrations/next/index.js"))) return;
  await promisify(execFile)("npm", ["run", "build"], { cwd: PACKAGE_ROOT });
}

/**
 * A fresh copy of the fixture app; `remove()` deletes it. `linked`: node_modules/workflow is a
 * symlink to this repository, as `npm link` (or a `file:` dependency, or a workspace) makes it.
 */
export async function copyApp(
  options: { linked?: boolean } = {},
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "wf-next-"));
  await cp(FIXTURE, dir, {
    recursive: true,
    filter: (source) => !/[\\/](?:node_modules|\.next|\.well-known)(?:[\\/]|$)/.test(source),
  });
  const run = promisify(execFile);
  await run("cp", ["-al", path.join(PACKAGE_ROOT, "node_modules"), path.join(dir, "node_modules")]);
  const own = path.join(dir, "node_modules/workflow");
  if (options.linked) {
    await symlink(PACKAGE_ROOT, own, "dir");
    return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  await mkdir(own);
  await run("cp", [
    "-al",
    path.join(PACKAGE_ROOT, "package.json"),
    path.join(PACKAGE_ROOT, "dist"),
    own,
  ]);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

function nextEnv(dir: string): NodeJS.ProcessEnv {
  // Vitest sets NODE_ENV=test, which Next warns about and builds differently with.
  const { NODE_ENV: _test, WORKFLOW_NEXT_GENERATED: _generated, ...env } = process.env;
  return {
    ...env,
    NEXT_TELEMETRY_DISABLED: "1",
    WORKFLOW_TARGET_WORLD: "file",
    WORKFLOW_DATA_DIR: path.join(dir, ".workflow-data"),
  };
}

export interface CommandResult {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs `next <args>` in `dir` to its end. */
export function runNext(dir: string, args: string[], timeoutMs = 240_000): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, ...args], {
      cwd: dir,
      env: nextEnv(dir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`next ${args.join(" ")} took over ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

export interface NextServer {
  url: string;
  /** Everything the server printed so far. */
  readonly output: string;
  /** Ready after this many ms. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `next start` or `next dev` on 127.0.0.1 and an ephemeral port, in a process group of
 * its own (`next dev` forks its server), and resolves once it prints its URL.
 */
export function startNext(dir: string, args: string[]): Promise<NextServer> {
  const started = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT_BIN, ...args, "--hostname", "127.0.0.1", "--port", "0"],
    { cwd: dir, env: nextEnv(dir), stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    kill("SIGTERM");
    const timer = setTimeout(() => kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    kill("SIGKILL"); // what the group still holds (a forked server)
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`next ${args.join(" ")} did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        child.stdout!.on("data", (more: Buffer) => (output += more.toString()));
        resolve({
          url: match[1]!,
          get output() {
            return output;
          },
          startMs: Date.now() - started,
          stop,
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`next ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}

/** Thrown by a `poll` check: fails the poll at once (other errors are retried, like a refused connection). */
export class PollFailure extends Error {}

/** Calls `check` until it returns a value other than undefined, for at most `timeoutMs`. */
export async function poll<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof PollFailure) throw error;
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export interface OrderOutcome {
  runId: string;
  status: string;
  result: Record<string, unknown>;
}

/**
 * Starts an order through POST /api/orders, approves it through POST /api/approve (a hook,
 * 404 until the run waits for it: after its retry and its sleep), delivers it through the
 * webhook route (404 until the run created the webhook), and waits for GET /api/runs/:id to
 * say it completed. `between` runs after the start (to restart the server, say).
 */
export async function driveOrder(
  base: () => string,
  orderId: string,
  between?: () => Promise<void>,
): Promise<OrderOutcome> {
  const started = await post(`${base()}/api/orders`, {
    orderId,
    items: [
      { sku: "MUG", quantity: 2, priceCents: 1450 },
      { sku: "CAP", quantity: 1, priceCents: 1900 },
    ],
  });
  if (started.status !== 202)
    throw new Error(`POST /api/orders: ${started.status} ${await started.text()}`);
  const { runId } = (await started.json()) as { runId: string };
  await between?.();
  await poll("the approval hook", async () => {
    const res = await post(`${base()}/api/approve`, { orderId, approved: true, by: "ada" });
    if (res.status === 200) return res.json();
    if (res.status !== 404)
      throw new PollFailure(`POST /api/approve: ${res.status} ${await res.text()}`);
  });
  await poll("the delivery webhook", async () => {
    const res = await post(
      `${base()}/.well-known/workflow/v1/webhook/delivery-webhook-for-order:${orderId}`,
      {
        carrier: "ups",
      },
    );
    if (res.status === 202) return true;
    if (res.status !== 404) throw new PollFailure(`webhook: ${res.status} ${await res.text()}`);
  });
  return poll("the run to complete", async () => {
    const res = await fetch(`${base()}/api/runs/${runId}`);
    const body = (await res.json()) as { status: string; result: Record<string, unknown> };
    if (body.status === "failed") throw new PollFailure(`run ${runId} failed`);
    if (body.status === "completed") return { runId, ...body };
  });
}

/** The two bundlers `next build` and `next dev` run with, and the flag that picks each. */
export const NEXT_BUNDLERS = [
  { bundler: "Turbopack", flags: [] as string[] },
  { bundler: "webpack", flags: ["--webpack"] },
];
