/**
 * Stack traces of workflow code point at the user's files, not at the bundle the sandbox runs:
 * frames in the bundle are rewritten through the bundle's inline source map. (Node applies
 * source maps to modules it loads, not to scripts run with `node:vm`.)
 */
import path from "node:path";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";

const INLINE_MAP =
  /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;
const maps = new Map<string, TraceMap | null>();

/** The inline source map at the end of `code`, if it has one; `url` resolves its sources. */
export function readInlineMap(code: string, url?: string): TraceMap | null {
  const match = INLINE_MAP.exec(code.slice(-Math.min(code.length, 4 * 1024 * 1024)));
  return match ? new TraceMap(Buffer.from(match[1]!, "base64").toString("utf8"), url) : null;
}

function getMap(code: string, filename: string): TraceMap | null {
  let map = maps.get(filename);
  if (map === undefined) {
    map = readInlineMap(code);
    if (maps.size > 32) maps.delete(maps.keys().next().value!);
    maps.set(filename, map);
  }
  return map;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Rewrites `filename:line:column` frames of `stack` to the original file and position.
 * `sourceRoot` is the folder the map's sources are relative to.
 */
export function mapStack(
  stack: string,
  bundle: { code: string; filename: string; sourceRoot?: string },
): string {
  // Workflow code runs inside the sandbox's runInContext (under its time limit): the frames from
  // there down are the engine's, not the workflow's.
  const engine = stack.search(/\n\s+at Script\.runInContext \(node:vm/);
  if (engine >= 0) stack = stack.slice(0, engine);
  if (!stack.includes(bundle.filename)) return stack;
  const map = getMap(bundle.code, bundle.filename);
  if (!map) return stack;
  const sourceRoot = bundle.sourceRoot ?? path.dirname(bundle.filename);
  const frame = new RegExp(`${escape(bundle.filename)}:(\\d+):(\\d+)`, "g");
  return stack.replace(frame, (whole, line: string, column: string) => {
    const original = originalPositionFor(map, { line: Number(line), column: Number(column) - 1 });
    if (!original.source || original.line === null) return whole;
    const source = path.resolve(sourceRoot, original.source);
    return `${source}:${original.line}:${(original.column ?? 0) + 1}`;
  });
}
