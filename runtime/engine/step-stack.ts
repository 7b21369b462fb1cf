/**
 * Stack traces of failed steps point at the user's files, not at the step bundle that ran:
 * frames in a module with an inline source map are mapped back to its sources. Node does this
 * itself only with source maps enabled, and hosts such as test runners replace its mapping, so
 * the engine does not rely on it. Frames already mapped (to files without a map) stay as they are.
 */
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { originalPositionFor, type TraceMap } from "@jridgewell/trace-mapping";
import { readInlineMap } from "./sandbox/stack-map.js";

/** `file:///x/y.mjs:12:5` or `/x/y.mjs:12:5` in a stack frame. */
const FRAME = /(file:\/\/\/[^\s()]+?\.[cm]?js|\/[^\n()]+?\.[cm]?js):(\d+):(\d+)/g;
/** Bundles are big; anything bigger than this is not read for a map. */
const MAX_BYTES = 32 * 1024 * 1024;
const maps = new Map<string, TraceMap | null>();

function getMap(location: string): TraceMap | null {
  let map = maps.get(location);
  if (map === undefined) {
    map = null;
    try {
      const file = location.startsWith("file:") ? fileURLToPath(location) : location;
      if (statSync(file).size <= MAX_BYTES)
        map = readInlineMap(readFileSync(file, "utf8"), pathToFileURL(file).href);
    } catch {
      // not a readable file: leave its frames alone
    }
    if (maps.size > 64) maps.delete(maps.keys().next().value!);
    maps.set(location, map);
  }
  return map;
}

/** Rewrites frames of `stack` that lie in modules with inline source maps. */
export function mapStepStack(stack: string): string {
  return stack.replace(FRAME, (whole, location: string, line: string, column: string) => {
    const map = getMap(location);
    if (!map) return whole;
    const original = originalPositionFor(map, { line: Number(line), column: Number(column) - 1 });
    if (!original.source || original.line === null) return whole;
    const source = original.source.startsWith("file:")
      ? fileURLToPath(original.source)
      : original.source;
    return `${source}:${original.line}:${(original.column ?? 0) + 1}`;
  });
}
