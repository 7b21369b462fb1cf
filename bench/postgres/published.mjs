// The published side of bench/postgres: workflow@4.8.9 on @workflow/world-postgres@4.3.7,
// headless, with `--workers` processes on one database: this driver and workers - 1 more (this
// script with --role worker). Each process is what a deployment of the published package is: a
// node:http server for the builder's flow.js and step.js (CommonJS), and the world, whose
// graphile-worker runner takes jobs from Postgres and POSTs each to that server on loopback.
// Prints one JSON object on stdout, progress on stderr.
//
//   node bench/postgres/published.mjs --url <postgres url> [--workers 1|3] [--quick] [--json]
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as measure from "../runtime/measure.mjs";
import { ANCHOR_DIR, BUILD_DIR, bootstrapDatabase, ensureAnchor } from "./anchor.mjs";
import * as drive from "./drive.mjs";

const SCRIPT = fileURLToPath(import.meta.url);
const flags = drive.parseFlags(process.argv.slice(2));
const log = measure.createLog(
  `published:${flags.role === "worker" ? `worker ${process.pid}` : `${flags.workers}w`}`,
);
// stdout carries the result only; anything the published runtime logs goes to stderr.
for (const level of ["log", "info", "debug"]) console[level] = console.error;

async function loadPublished() {
  const require = createRequire(path.join(ANCHOR_DIR, "package.json"));
  const load = (specifier) => import(pathToFileURL(require.resolve(specifier)).href);
  const [runtime, api, postgres] = await Promise.all([
    load("workflow/runtime"),
    load("workflow/api"),
    load("@workflow/world-postgres"),
  ]);
  const flow = require(path.join(BUILD_DIR, "flow.js"));
  const step = require(path.join(BUILD_DIR, "step.js"));
  return { runtime, api, createWorld: postgres.createWorld, flow, step };
}

/** Turns a node:http request into a Web Request for a generated handler and sends its Response. */
function serve(routes) {
  return createServer(async (req, res) => {
    const handler = routes[new URL(req.url ?? "/", "http://127.0.0.1").pathname];
    if (!handler || req.method !== "POST") return res.writeHead(404).end();
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    try {
      const response = await handler(
        new Request(`http://127.0.0.1${req.url}`, {
          method: "POST",
          headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      log(`handler failed: ${error?.stack ?? error}`);
      res.writeHead(500).end();
    }
  });
}

/** The server, then the world (its queue reads PORT when it is created), installed and started. */
async function createSide(pub, ids) {
  const server = serve({
    "/.well-known/workflow/v1/flow": pub.flow.POST,
    "/.well-known/workflow/v1/step": pub.step.POST,
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.PORT = String(server.address().port);
  const world = pub.createWorld({ connectionString: flags.url });
  pub.runtime.setWorld(world);
  await world.start();
  const end = drive.createEndWatcher(async (runId) => {
    const run = await world.runs.get(runId).catch((error) => {
      if (error?.name === "WorkflowRunNotFoundError" || error?.status === 404) return null;
      throw error;
    });
    return run && { status: run.status, createdAt: +run.createdAt, completedAt: +run.completedAt };
  });
  return {
    start: (name, args) => pub.api.start({ workflowId: ids[name] }, args, { world }),
    end: (run) => end(run.runId),
    async close() {
      await world.close();
      server.close();
      server.closeAllConnections?.();
    },
  };
}

async function main() {
  const { ids, versions } = ensureAnchor(log);
  if (flags.role === "driver") {
    log("creating the world's tables (world-postgres's bootstrap)");
    bootstrapDatabase(flags.url, log);
  }
  delete process.env.WORKFLOW_TARGET_WORLD;
  // The queue also makes a local world (for its handler); its data dir is kept out of the tree.
  // The driver makes it and removes it; the workers inherit it through the environment, because
  // graphile-worker ends a worker on SIGTERM before any cleanup of ours could run.
  if (flags.role === "driver") {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "wf-bench-pg-published-"));
    process.env.WORKFLOW_LOCAL_DATA_DIR = scratch;
  }
  const pub = await loadPublished();
  const side = await createSide(pub, ids);
  if (flags.role === "worker") {
    drive.serveUntilTerminated(() => side.close());
    return undefined;
  }
  const close = async () => {
    await side.close();
    rmSync(process.env.WORKFLOW_LOCAL_DATA_DIR, { recursive: true, force: true });
  };
  const workers = await drive.startWorkers(SCRIPT, flags, flags.workers - 1, log);
  try {
    const result = await drive.runWorkloads(side, flags, log);
    return { side: "published", workers: flags.workers, ...result, versions };
  } finally {
    await workers.stop();
    await close();
  }
}

main().then(
  (result) => result && measure.emit(result, flags),
  (error) => {
    log(`failed: ${error?.stack ?? error}`);
    measure.emit({ side: "published", error: String(error?.message ?? error) }, flags, 1);
  },
);
