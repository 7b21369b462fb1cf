/**
 * One source map from two transforms in a row: `outer` maps the second's output to its input,
 * `inner` (or none, when the first changed nothing) that input to the original file.
 */
import remapping, { type EncodedSourceMap } from "@jridgewell/remapping";
import type { SourceMap } from "../../compiler/index.js";

export function composeMaps(outer: SourceMap, inner: SourceMap | null): SourceMap {
  if (!inner) return outer;
  const composed = remapping([toJson(outer), toJson(inner)], () => null);
  const json = JSON.stringify(composed);
  return Object.assign(JSON.parse(json) as Omit<SourceMap, "toString" | "toUrl">, {
    toString: () => json,
    toUrl: () =>
      `data:application/json;charset=utf-8;base64,${Buffer.from(json).toString("base64")}`,
  });
}

function toJson(map: SourceMap): EncodedSourceMap {
  return JSON.parse(map.toString()) as EncodedSourceMap;
}
