/**
 * Shared by the bundler tests (integrations/<bundler>/*.test.ts): a temp copy of a fixture app
 * whose node_modules links to this package and to the bundlers, its build with the real
 * bundler in a child process, its server on 127.0.0.1 with an ephemeral port, and the HTTP
 * walk through an order: start, approve (hook), deliver (webhook), read the result.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ViteDevServer } from "vite";
import { ensureBuilt, PACKAGE_ROOT } from "../crash/worker.js";

export { ensureBuilt, PACKAGE_ROOT };

const LINKED = ["vite", "rollup", "webpack", "esbuild"];
const PACKAGES = {
  orderFees: path.join(PACKAGE_ROOT, "fixtures", "apps", "packages", "order-fees"),
};

/** A copy of `fixtures/apps/<name>` in a temp folder, as an installed app would have it. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `wf-${name}-`));
  await cp(path.join(PACKAGE_ROOT, "fixtures", "apps", name), dir, { recursive: true });
  await mkdir(path.join(dir, "node_modules"));
  await symlink(PACKAGE_ROOT, path.join(dir, "node_modules", "workflow"), "dir");
  for (const name of LINKED)
    await symlink(
      path.join(PACKAGE_ROOT, "node_modules", name),
      path.join(dir, "node_modules", name),
      "dir",
    );
  // Copied, not linked: a package's real path is in node_modules, which is what gives its
  // steps `name@version` IDs.
  await cp(PACKAGES.orderFees, path.join(dir, "node_modules", "order-fees"), { recursive: true });
  return dir;
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export interface ProcessResult {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs `node <args>` in `cwd` until it exits (killed after `timeoutMs`). */
export function runNode(cwd: string, args: string[], timeoutMs = 60_000): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")} did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Math.round(performance.now() - started) });
    });
  });
}

/** How each fixture is built: the command its package.json names, run with node. */
export const BUILD_COMMANDS: Record<string, string[]> = {
  vite: ["node_modules/vite/bin/vite.js", "build"],
  rollup: ["node_modules/rollup/dist/bin/rollup", "-c"],
  esbuild: ["build.mjs"],
  // The fixture's build.mjs: webpack's Node API (webpack-cli is not a dependency).
  webpack: ["build.mjs"],
};

/** The server file each fixture's build writes. */
export const SERVER_FILES: Record<string, string> = {
  vite: "dist/server.js",
  rollup: "dist/server.js",
  esbuild: "dist/server.js",
  webpack: "dist/server.cjs",
};

export function buildFixture(dir: string, bundler: string): Promise<ProcessResult> {
  return runNode(dir, BUILD_COMMANDS[bundler]!);
}

export interface RunningServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the built server with an ephemeral port and its own data folder. */
export function startServer(dir: string, file: string, dataDir: string): Promise<RunningServer> {
  const child = spawn(process.execPath, ["--enable-source-maps", file], {
    cwd: dir,
    env: { ...process.env, PORT: "0", WORKFLOW_TARGET_WORLD: "file", WORKFLOW_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not listen:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({
          url,
          output: () => output,
          stop: async () => {
            child.kill("SIGTERM");
            await exited;
          },
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${file} exited (${code}):\n${output}`)));
  });
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Calls `attempt` every 50 ms until it returns a value, failing after `timeoutMs`. */
export async function poll<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      if ((error as { fatal?: boolean }).fatal) throw error;
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface OrderWalk {
  runId: string;
  /** Status of the webhook POST to a live token, and to an unknown one. */
  webhookStatus: number;
  unknownWebhookStatus: number;
  output: unknown;
}

/**
 * Starts an order through the app's route, resumes its hook through the app's route once the
 * hook exists, calls its webhook, and waits for the run to complete.
 */
export async function walkOrder(base: string, orderId: string, amount: number): Promise<OrderWalk> {
  const started = await post(`${base}/api/orders`, { orderId, amount });
  if (started.status !== 202)
    throw new Error(`POST /api/orders: ${started.status} ${await started.text()}`);
  const { runId } = (await started.json()) as { runId: string };
  // The hook exists once the run first suspends: until then the app answers 404.
  await poll("the approval hook", async () => {
    const approved = await post(`${base}/api/approve`, { orderId, approvedBy: "ada" });
    return approved.status === 200 ? true : undefined;
  });
  const webhook = await post(
    `${base}/.well-known/workflow/v1/webhook/delivery-webhook-for-order-${orderId}`,
    {
      carrier: "ups",
    },
  );
  const unknown = await post(`${base}/.well-known/workflow/v1/webhook/no-such-token`, {});
  const run = await poll("the run to complete", async () => {
    const response = await fetch(`${base}/api/runs/${runId}`);
    const body = (await response.json()) as { status: string; output?: unknown };
    if (body.status === "failed") throw Object.assign(new Error("run failed"), { fatal: true });
    return body.status === "completed" ? body : undefined;
  });
  return {
    runId,
    webhookStatus: webhook.status,
    unknownWebhookStatus: unknown.status,
    output: run.output,
  };
}

/** What the fixture's workflow returns for an order (`factor`: what priceOrder multiplies by). */
export function expectedOrder(orderId: string, amount: number, factor = 2) {
  const total = amount * factor + 1;
  return {
    orderId,
    total,
    charge: `charged ${total} for ${orderId} on attempt 2`,
    approvedBy: "ada",
    carrier: "ups",
  };
}

/** How long `writeAndWait` waits for the watcher before telling the dev server itself. */
const MISSED_EVENT_MS = 3_000;

/** Writes `file` and resolves once the `vite dev` server knows of the change. */
export async function writeAndWait(vite: ViteDevServer, file: string, text: string) {
  let onEvent: ((event: string, changed: string) => void) | undefined;
  const seen = new Promise<void>((resolve) => {
    onEvent = (_event, changed) => {
      if (path.resolve(changed) === file) resolve();
    };
    vite.watcher.on("all", onEvent);
  });
  await writeFile(file, text);
  // A watcher can miss or delay an event (about one write in three when a file is written again
  // soon after); after a while, tell the server of the change as its watcher would have.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      vite.watcher.emit("change", file);
      resolve();
    }, MISSED_EVENT_MS);
  });
  await Promise.race([seen, late]);
  clearTimeout(timer);
  vite.watcher.off("all", onEvent!);
}
