/**
 * Which files of a Next app hold workflows and steps: the files reachable by imports from its
 * route entrypoints (app/ and src/app/ routes, pages and layouts; every file of pages/ and
 * src/pages/; middleware, proxy and instrumentation), plus every file of the `dirs` option.
 * A throwaway esbuild build follows the imports (TypeScript paths included, into packages too,
 * so that steps shipped in a package are found) and each loaded file that may hold a directive
 * goes through the compiler, whose manifest says what it declares.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { build, type Loader, type Plugin } from "esbuild";
import { compileModule, shouldCompile } from "../shared/compile-module.js";
import { SOURCE_FILE } from "../shared/source-files.js";

export interface DiscoveredFiles {
  /** Absolute paths of the files that declare workflows, sorted. */
  workflows: string[];
  /** Absolute paths of the files that declare steps, sorted. */
  steps: string[];
}

export interface DiscoverOptions {
  root: string;
  /** Folders (relative to root) whose every source file is an entry too. */
  dirs?: string[];
}

const ROUTE_DIRS = ["app", "src/app"];
const PAGE_DIRS = ["pages", "src/pages"];
const ROUTE_FILE = /(?:^|[/\\])(?:route|page|layout|template|default)\.[cm]?[jt]sx?$/;
const ROOT_FILES = ["middleware", "proxy", "instrumentation"].flatMap((name) =>
  ["", "src/"].flatMap((dir) => [".ts", ".js", ".mjs", ".tsx"].map((ext) => `${dir}${name}${ext}`)),
);

/** Folders never searched for entries: tools' output, and what this integration generates. */
const IGNORED_DIR = /^(?:node_modules|\.next|\.git|\.turbo|\.vercel|\.workflow-data|\.well-known)$/;

/** Packages that cannot hold user steps and are large to walk: left as imports. */
const SKIPPED_PACKAGES =
  /^(?:next|react|react-dom|workflow|server-only|client-only|@next\/[^/]+)(?:\/|$)/;

/** Imports of anything but code (styles, images, fonts): left as imports. */
const NOT_CODE = /\.(?!(?:[cm]?[jt]sx?|json)$)[a-z0-9]+$/i;

async function listSourceFiles(dir: string, filter: (file: string) => boolean): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory())
        return IGNORED_DIR.test(entry.name) ? [] : listSourceFiles(full, filter);
      return SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts") && filter(full)
        ? [full]
        : [];
    }),
  );
  return nested.flat();
}

/** The files the import walk starts from. */
export async function findEntryFiles({ root, dirs = [] }: DiscoverOptions): Promise<string[]> {
  const groups = await Promise.all([
    ...ROUTE_DIRS.map((dir) => listSourceFiles(path.join(root, dir), (f) => ROUTE_FILE.test(f))),
    ...PAGE_DIRS.map((dir) => listSourceFiles(path.join(root, dir), () => true)),
    ...dirs.map((dir) => listSourceFiles(path.resolve(root, dir), () => true)),
  ]);
  const rootFiles = ROOT_FILES.map((f) => path.join(root, f)).filter((f) => existsSync(f));
  return [...new Set([...groups.flat(), ...rootFiles])].sort();
}

function loaderOf(file: string): Loader {
  if (/\.tsx$/.test(file)) return "tsx";
  if (/\.[cm]?ts$/.test(file)) return "ts";
  return "jsx";
}

function walkPlugin(root: string, found: { workflows: Set<string>; steps: Set<string> }): Plugin {
  return {
    name: "workflow-next-discover",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (SKIPPED_PACKAGES.test(args.path) || NOT_CODE.test(args.path))
          return { path: args.path, external: true };
        return undefined;
      });
      b.onLoad({ filter: SOURCE_FILE }, async (args) => {
        const code = await readFile(args.path, "utf8");
        if (shouldCompile(args.path, code)) {
          const { manifest } = await compileModule({
            code,
            file: args.path,
            root,
            mode: "client",
            sourceMaps: false,
          });
          if (manifest.workflows) found.workflows.add(args.path);
          if (manifest.steps) found.steps.add(args.path);
        }
        return { contents: code, loader: loaderOf(args.path) };
      });
    },
  };
}

/** Finds the workflow and step files of the app at `root`. */
export async function discoverWorkflowFiles(options: DiscoverOptions): Promise<DiscoveredFiles> {
  const root = path.resolve(options.root);
  const entries = await findEntryFiles({ ...options, root });
  const found = { workflows: new Set<string>(), steps: new Set<string>() };
  if (entries.length > 0) {
    try {
      await build({
        entryPoints: entries,
        absWorkingDir: root,
        bundle: true,
        write: false,
        outdir: path.join(root, ".next", "workflow-discover"),
        platform: "node",
        format: "esm",
        jsx: "automatic",
        logLevel: "silent",
        plugins: [walkPlugin(root, found)],
      });
    } catch {
      // Unresolved imports and syntax errors are reported by Next and by the bundle builds, with
      // better context; the walk still visited every file it could reach.
    }
  }
  return { workflows: [...found.workflows].sort(), steps: [...found.steps].sort() };
}
