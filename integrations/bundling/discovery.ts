/**
 * Which modules the workflow and step bundles are built from. The client transform sees every
 * module a bundler bundles (packages in node_modules included) and records those that define
 * workflows, steps or serializable classes; the `workflows` option adds files, folders and globs
 * that nothing imports. Records outlive a build: in watch mode a bundler transforms only the
 * modules that changed, and the ones it kept are still known.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { glob } from "tinyglobby";
import { holdsDirectives } from "./build-bundles.js";
import { SOURCE_FILE } from "../shared/source-files.js";

const IGNORED = [
  "**/node_modules/**",
  "**/.git/**",
  "**/.well-known/workflow/**",
  "**/.workflow-data/**",
  "**/*.d.ts",
];

export interface Discovery {
  /** What the client transform found in `file`: whether it is an entry. */
  record(file: string, found: boolean): void;
  /**
   * The files to build from, sorted: recorded entries that are in this build's module graph
   * (all recorded ones when `graph` is not given), and the files the `workflows` option names.
   * With `checkUnknown`, a graph file the transform did not see this time (a bundler's cache
   * skipped it) is read to find out.
   */
  entries(
    root: string,
    graph?: Iterable<string>,
    options?: { checkUnknown?: boolean },
  ): Promise<string[]>;
}

async function expandPatterns(patterns: string[], root: string): Promise<string[]> {
  const globs = patterns.map((pattern) => {
    const absolute = path.resolve(root, pattern);
    try {
      if (statSync(absolute).isDirectory())
        return `${path.relative(root, absolute).split(path.sep).join("/") || "."}/**/*`;
    } catch {
      // not a path: a glob
    }
    return pattern;
  });
  const files = await glob(globs, { cwd: root, absolute: true, ignore: IGNORED });
  return files
    .map((file) => path.resolve(file))
    .filter((file) => SOURCE_FILE.test(file) && holdsDirectives(file));
}

export function createDiscovery(patterns: string[]): Discovery {
  const found = new Map<string, boolean>();
  return {
    record(file, isEntry) {
      found.set(path.resolve(file), isEntry);
    },
    async entries(root, graph, options = {}) {
      const result = new Set<string>();
      if (graph) {
        for (const raw of graph) {
          const file = path.resolve(raw);
          const known = found.get(file);
          if (known === undefined && options.checkUnknown && SOURCE_FILE.test(file)) {
            const isEntry = holdsDirectives(file);
            found.set(file, isEntry);
            if (isEntry) result.add(file);
          } else if (known) result.add(file);
        }
      } else {
        for (const [file, isEntry] of found) if (isEntry) result.add(file);
      }
      if (patterns.length)
        for (const file of await expandPatterns(patterns, root)) result.add(file);
      return [...result].sort();
    },
  };
}
