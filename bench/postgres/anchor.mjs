// The published side's install: workflow@4.8.9 and @workflow/world-postgres@4.3.7 in
// bench/postgres/anchor/ (gitignored by bench/**/anchor), with bench/runtime/workloads.ts copied
// into it and built by the published standalone builder, as bench/runtime/anchor.mjs does for
// world-local. Each step is skipped when its output is already there.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { anchorTools, writeIfChanged } from "../anchor-tools.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const ANCHOR_DIR = path.join(HERE, "anchor");
const tools = anchorTools(ANCHOR_DIR);
export const BUILD_DIR = tools.buildDir;
export const { installedVersion, exec } = tools;
const { readWorkflowIds } = tools;

/** Exact versions the install must resolve; the first two are what it installs. */
export const PINNED = {
  workflow: "4.8.9",
  "@workflow/world-postgres": "4.3.7",
  "@workflow/core": "4.8.9",
  "@workflow/world": "4.5.0",
  "graphile-worker": "0.16.6",
};

const SOURCE = path.join(HERE, "../runtime/workloads.ts");
const COPY = path.join(ANCHOR_DIR, "workflows", "workloads.ts");
const WORKFLOWS = ["trivial", "five"];

// "commonjs" and "version": see bench/runtime/anchor.mjs (the builder's bundles are CommonJS,
// and it names modules after the nearest package.json with a name and a version).
const PACKAGE_JSON = {
  name: "workflow-bench-postgres-anchor",
  version: "0.0.0",
  private: true,
  type: "commonjs",
  description: "The published workflow package and its Postgres world, for bench/postgres only.",
  dependencies: {
    workflow: PINNED.workflow,
    "@workflow/world-postgres": PINNED["@workflow/world-postgres"],
  },
};

/** Installs and builds the anchor if needed; returns the workflow IDs and installed versions. */
export function ensureAnchor(log) {
  const packageChanged = writeIfChanged(
    path.join(ANCHOR_DIR, "package.json"),
    JSON.stringify(PACKAGE_JSON, null, 2),
  );
  const wanted = Object.keys(PACKAGE_JSON.dependencies);
  if (packageChanged || wanted.some((name) => installedVersion(name) !== PINNED[name])) {
    log(`installing ${wanted.map((n) => `${n}@${PINNED[n]}`).join(" ")} into ${ANCHOR_DIR}`);
    const flags = ["--prefix", ANCHOR_DIR, "--save-exact", "--no-audit", "--no-fund"];
    exec("npm", ["install", ...flags, "--loglevel=error"], log);
  }
  const versions = Object.fromEntries(Object.keys(PINNED).map((n) => [n, installedVersion(n)]));
  const wrong = Object.entries(PINNED).filter(([name, version]) => versions[name] !== version);
  if (wrong.length > 0) {
    const list = wrong.map(([n, v]) => `${n} ${versions[n] ?? "missing"} (want ${v})`);
    throw new Error(`the anchor has unexpected versions: ${list.join(", ")}`);
  }
  const sourceChanged = writeIfChanged(COPY, readFileSync(SOURCE, "utf8"));
  const outputs = ["flow.js", "step.js", "manifest.json"].map((f) => path.join(BUILD_DIR, f));
  const stale = outputs.some((f) => !existsSync(f) || statSync(f).mtimeMs < statSync(COPY).mtimeMs);
  if (packageChanged || sourceChanged || stale) {
    log("building the anchor's workflows with `workflow build` (standalone target)");
    exec("npx", ["--no-install", "workflow", "build"], log);
  }
  return { ids: readWorkflowIds(WORKFLOWS), versions };
}

/**
 * Creates world-postgres's tables and graphile-worker's schema in the database at `url`: its
 * `bootstrap` bin (drizzle migrations, then graphile's), which exits the process it runs in.
 */
export function bootstrapDatabase(url, log) {
  const bin = path.join(ANCHOR_DIR, "node_modules/@workflow/world-postgres/bin/setup.js");
  exec(process.execPath, [bin], log, { WORKFLOW_POSTGRES_URL: url });
}
