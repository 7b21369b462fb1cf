// bench/build: how much the workflow plugin adds to a build. One generated app of about 200
// modules (5 with directives), built by Vite, webpack, Rollup and esbuild, each with and
// without `workflow()`, alternating, in this one process; prints the best time of each (the
// least disturbed by other work on the machine), the median, and the ratio of the best times. "With" includes everything the plugin does: the client transform of the modules,
// discovery, and building and writing the workflow and step bundles.
//
//   npm run bench:build                  # = node bench/build/run.mjs (builds dist/ first if needed)
//   node bench/build/run.mjs --runs 9    # more runs per cell (default 5, after one warm-up)
//   node bench/build/run.mjs --only vite,esbuild
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateApp } from "./generate.mjs";

const ROOT = path.resolve(fileURLToPath(import.meta.url), "../../..");
const argv = process.argv.slice(2);
const flag = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const RUNS = Number(flag("--runs", "5"));
const ONLY = flag("--only", "vite,webpack,rollup,esbuild").split(",");
const log = (message) => process.stderr.write(`[bench:build] ${message}\n`);

if (!existsSync(path.join(ROOT, "dist/integrations/unplugin/unplugin.js"))) {
  log("building dist/ first");
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
}
const plugins = {
  vite: (await import(pathToFileURL(path.join(ROOT, "dist/integrations/vite/index.js")).href))
    .workflow,
  webpack: (await import(pathToFileURL(path.join(ROOT, "dist/integrations/webpack/index.js")).href))
    .workflow,
  rollup: (await import(pathToFileURL(path.join(ROOT, "dist/integrations/rollup/index.js")).href))
    .workflow,
  esbuild: (await import(pathToFileURL(path.join(ROOT, "dist/integrations/esbuild/index.js")).href))
    .workflow,
};

const app = await mkdtemp(path.join(os.tmpdir(), "wf-bench-build-"));
const { modules, withDirectives } = await generateApp(app);
await mkdir(path.join(app, "node_modules"));
await symlink(ROOT, path.join(app, "node_modules", "workflow"), "dir");
const entry = path.join(app, "src", "server.js");
const external = [/^node:/, /^workflow(\/|$)/];

/** One build per bundler: `withPlugin` adds workflow(); each writes into its own folder. */
const builders = {
  async vite(withPlugin, outDir) {
    const { build } = await import("vite");
    await build({
      configFile: false,
      root: app,
      logLevel: "silent",
      plugins: withPlugin ? [plugins.vite()] : [],
      ssr: { external: ["workflow"] },
      build: { ssr: entry, outDir, emptyOutDir: true, minify: false },
    });
  },
  async webpack(withPlugin, outDir) {
    const { default: webpack } = await import("webpack");
    const compiler = webpack({
      mode: "production",
      target: "node20",
      context: app,
      entry,
      output: { path: outDir, filename: "server.cjs" },
      externals: withPlugin ? undefined : [/^workflow(\/|$)/],
      externalsType: "commonjs",
      optimization: { minimize: false },
      cache: false,
      plugins: withPlugin ? [plugins.webpack()] : [],
    });
    await new Promise((resolve, reject) =>
      compiler.run((error, stats) => {
        compiler.close(() => {});
        if (error || stats.hasErrors()) reject(error ?? new Error(stats.toString("errors-only")));
        else resolve();
      }),
    );
  },
  async rollup(withPlugin, outDir) {
    const { rollup } = await import("rollup");
    const bundle = await rollup({
      input: entry,
      external,
      plugins: withPlugin ? [plugins.rollup()] : [],
      onwarn: () => {},
    });
    await bundle.write({ dir: outDir, format: "es" });
    await bundle.close();
  },
  async esbuild(withPlugin, outDir) {
    const { build } = await import("esbuild");
    await build({
      absWorkingDir: app,
      entryPoints: [entry],
      outdir: outDir,
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      logLevel: "silent",
      plugins: withPlugin ? [plugins.esbuild()] : [],
    });
  },
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function time(bundler, withPlugin) {
  const outDir = path.join(app, `dist-${bundler}-${withPlugin ? "with" : "without"}`);
  const started = performance.now();
  await builders[bundler](withPlugin, outDir);
  const ms = performance.now() - started;
  if (withPlugin && !existsSync(path.join(outDir, "workflow", "steps.mjs")))
    throw new Error(`${bundler}: the plugin wrote no bundles into ${outDir}`);
  return ms;
}

log(`app: ${modules} modules, ${withDirectives} with directives, in ${app}`);
log(`node ${process.version}, ${os.cpus().length} cpus, ${RUNS} runs per cell after a warm-up`);
const rows = [];
try {
  for (const bundler of ONLY) {
    if (!builders[bundler]) throw new Error(`unknown bundler ${bundler}`);
    // Warm-up: module loading (the bundler's, Babel's) is paid once per process, not per build.
    await time(bundler, false);
    await time(bundler, true);
    const without = [];
    const withPlugin = [];
    for (let i = 0; i < RUNS; i++) {
      without.push(await time(bundler, false));
      withPlugin.push(await time(bundler, true));
    }
    const row = {
      bundler,
      without: Math.min(...without),
      with: Math.min(...withPlugin),
      withoutMedian: median(without),
      withMedian: median(withPlugin),
    };
    row.ratio = row.with / row.without;
    rows.push(row);
    log(`${bundler}: without ${without.map((ms) => ms.toFixed(0)).join(", ")} ms`);
    log(`${bundler}: with    ${withPlugin.map((ms) => ms.toFixed(0)).join(", ")} ms`);
  }
} finally {
  await rm(app, { recursive: true, force: true });
}

const pad = (text, width) => String(text).padStart(width);
const ms = (value) => `${value.toFixed(0)} ms`;
console.log(
  `build time of a ${modules}-module app (${withDirectives} with directives): best of ${RUNS} (median)`,
);
console.log(
  `${"bundler".padEnd(10)}${pad("without", 18)}${pad("with plugin", 18)}${pad("ratio", 8)}${pad("added", 10)}`,
);
for (const row of rows) {
  console.log(
    `${row.bundler.padEnd(10)}${pad(`${ms(row.without)} (${ms(row.withoutMedian)})`, 18)}${pad(`${ms(row.with)} (${ms(row.withMedian)})`, 18)}${pad(`${row.ratio.toFixed(2)}x`, 8)}${pad(ms(row.with - row.without), 10)}`,
  );
}
