// Setup for bench/transform: build our compiler if needed, install and load the published plugin.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, "../..");
export const ANCHOR_DIR = path.join(BENCH_DIR, "anchor"); // gitignored: bench/**/anchor

export const PUBLISHED = {
  plugin: "@workflow/swc-plugin",
  pluginVersion: "4.1.3",
  core: "@swc/core",
  coreVersion: "1.15.3",
};

const DIST_ENTRY = path.join(REPO_ROOT, "dist/compiler/index.js");

function newestMtime(dir, ext) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, ext));
    else if (entry.name.endsWith(ext) && !entry.name.endsWith(".test.ts"))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function tail(text, n = 15) {
  return text
    .trim()
    .split("\n")
    .slice(-n)
    .map((l) => "    " + l)
    .join("\n");
}

/**
 * Makes sure dist/compiler/index.js exists and is not older than compiler/**\/*.ts, running
 * `npm run build` when it is missing or stale. Returns { ok, note }.
 */
export function ensureBuilt(log) {
  const srcNewest = newestMtime(path.join(REPO_ROOT, "compiler"), ".ts");
  const missing = !existsSync(DIST_ENTRY);
  const stale = !missing && statSync(DIST_ENTRY).mtimeMs < srcNewest;
  if (!missing && !stale) return { ok: true, note: "dist up to date" };
  if (!existsSync(path.join(REPO_ROOT, "compiler/index.ts"))) {
    return missing
      ? {
          ok: false,
          note: "compiler/index.ts does not exist yet and there is no dist/compiler/index.js",
        }
      : {
          ok: true,
          note: "dist/compiler is older than compiler/*.ts but compiler/index.ts is missing; using the old build",
        };
  }
  log(
    `${missing ? "dist/compiler/index.js is missing" : "dist/compiler is older than compiler/*.ts"}: running npm run build ...`,
  );
  const t0 = performance.now();
  const r = spawnSync("npm", ["run", "build"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 300_000,
  });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.status === 0 && existsSync(DIST_ENTRY))
    return { ok: true, note: `built with npm run build (${secs} s)` };
  const why = r.error ? String(r.error) : `exit code ${r.status}`;
  log(`npm run build failed (${why}):\n${tail((r.stdout ?? "") + (r.stderr ?? ""))}`);
  // tsc emits despite type errors (noEmitOnError is off): the dist may be fresh anyway.
  if (existsSync(DIST_ENTRY) && statSync(DIST_ENTRY).mtimeMs >= srcNewest)
    return {
      ok: true,
      note: `npm run build reported errors (${why}) but tsc emitted dist/compiler; using it`,
    };
  if (existsSync(DIST_ENTRY))
    return { ok: true, note: `npm run build failed (${why}); using the existing, older dist` };
  return {
    ok: false,
    note: `npm run build failed (${why}) and there is no dist/compiler/index.js`,
  };
}

/** Imports our transform from dist. Returns { transform } or { error }. */
export async function loadOurs() {
  try {
    const mod = await import(pathToFileURL(DIST_ENTRY).href);
    if (typeof mod.transform !== "function")
      return { error: "dist/compiler/index.js has no transform export" };
    return { transform: mod.transform };
  } catch (err) {
    return { error: `cannot import dist/compiler/index.js: ${err?.message ?? err}` };
  }
}

function installedVersion(name) {
  try {
    return JSON.parse(
      readFileSync(path.join(ANCHOR_DIR, "node_modules", name, "package.json"), "utf8"),
    ).version;
  } catch {
    return undefined;
  }
}

/**
 * Installs the pinned published pair into anchor/ (first run only) and loads it.
 * Returns { swc, pluginPath, note } or { error }.
 */
export function ensurePublished(log) {
  const want = [
    [PUBLISHED.plugin, PUBLISHED.pluginVersion],
    [PUBLISHED.core, PUBLISHED.coreVersion],
  ];
  const ok = () => want.every(([n, v]) => installedVersion(n) === v);
  let note = "already installed in bench/transform/anchor";
  if (!ok()) {
    mkdirSync(ANCHOR_DIR, { recursive: true });
    writeFileSync(
      path.join(ANCHOR_DIR, "package.json"),
      JSON.stringify(
        {
          name: "workflow-transform-bench-anchor",
          private: true,
          description: "The published plugin, for bench/transform only. Not part of the package.",
          dependencies: Object.fromEntries(want),
        },
        null,
        2,
      ) + "\n",
    );
    log(
      `installing ${want.map(([n, v]) => `${n}@${v}`).join(" ")} into bench/transform/anchor ...`,
    );
    const t0 = performance.now();
    const r = spawnSync(
      "npm",
      [
        "install",
        "--prefix",
        ANCHOR_DIR,
        "--no-audit",
        "--no-fund",
        "--no-package-lock",
        "--loglevel=error",
      ],
      { cwd: ANCHOR_DIR, encoding: "utf8", timeout: 300_000 },
    );
    if (r.status !== 0 || !ok()) {
      const why = r.error
        ? String(r.error)
        : r.status !== 0
          ? `npm exit code ${r.status}`
          : "wrong versions after install";
      const output = ((r.stdout ?? "") + (r.stderr ?? "")).trim();
      const reason = output
        .split("\n")
        .find((l) => /^npm error (code |network |errno |\d{3} |E[A-Z]+)/.test(l));
      return {
        error:
          `npm install of ${PUBLISHED.plugin}@${PUBLISHED.pluginVersion} + ${PUBLISHED.core}@${PUBLISHED.coreVersion} failed ` +
          `(${why}${reason ? `; ${reason.replace(/^npm error\s*/, "")}` : ""})`,
        detail: output ? tail(output, 10) : undefined,
      };
    }
    note = `installed into bench/transform/anchor (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
  }
  try {
    const req = createRequire(path.join(ANCHOR_DIR, "package.json"));
    const swc = req(PUBLISHED.core);
    const pluginPath = req.resolve(PUBLISHED.plugin);
    return { swc, pluginPath, note };
  } catch (err) {
    return {
      error: `cannot load ${PUBLISHED.core} / ${PUBLISHED.plugin} from anchor/: ${err?.message ?? err}`,
    };
  }
}

/**
 * The call @workflow/builders makes (transform-rules.md §1): parser by extension, the plugin with
 * { mode }. transformSync is the cheapest way to call it (no thread-pool hop); the compiled wasm
 * is cached under anchor/.swc instead of ./.swc in the caller's cwd.
 */
export function publishedOptions(pluginPath, filename, mode, sourceMaps) {
  const ts = /\.[cm]?tsx?$/.test(filename);
  const jsx = filename.endsWith(".tsx") || filename.endsWith(".jsx");
  return {
    filename,
    swcrc: false,
    configFile: false,
    sourceMaps,
    minify: false,
    jsc: {
      parser: ts ? { syntax: "typescript", tsx: jsx } : { syntax: "ecmascript", jsx },
      target: "es2022",
      transform: { react: { runtime: "preserve" } },
      experimental: {
        cacheRoot: path.join(ANCHOR_DIR, ".swc"),
        plugins: [[pluginPath, { mode }]],
      },
    },
  };
}
