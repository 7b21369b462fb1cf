/**
 * Invariants on the manifest: the same in all three modes, and the copy embedded in the output
 * (the `__internal_workflows` block comment) is the one returned.
 */
import { isDeepStrictEqual } from "node:util";
import type { TransformMode, TransformResult } from "../../types.js";
import { MODES, type ModeResults } from "../input.js";
import type { Violation } from "./invariants.js";
import type { BabelFile } from "./parse-module.js";
import { clip } from "./quote.js";

const MANIFEST_COMMENT = "*__internal_workflows";

/** A value as JSON would carry it (`undefined` properties dropped), for comparison. */
function normalizeJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** embedded-manifest-mismatch, for a mode whose output parsed to `ast`. */
export function checkEmbeddedManifest(
  mode: TransformMode,
  result: TransformResult,
  ast: BabelFile | undefined,
): Violation[] {
  const manifest = normalizeJson(result.manifest) as
    Record<string, Record<string, unknown>> | undefined;
  const declaresAnything =
    !!manifest &&
    Object.values(manifest).some((byFile) => byFile && Object.keys(byFile).length > 0);
  if (!ast || !declaresAnything) return [];
  const comment = ast.comments?.find(
    (c) => c.type === "CommentBlock" && c.value.startsWith(MANIFEST_COMMENT),
  );
  let embedded: unknown = undefined;
  let problem: string | null = null;
  if (!comment) problem = "no /**__internal_workflows…*/ comment";
  else {
    try {
      embedded = JSON.parse(comment.value.slice(MANIFEST_COMMENT.length));
    } catch (error) {
      problem = `comment JSON does not parse: ${(error as Error).message}`;
    }
    if (!problem && !isDeepStrictEqual(normalizeJson(embedded), manifest))
      problem = "comment JSON differs from result.manifest";
  }
  if (!problem) return [];
  return [
    {
      category: "embedded-manifest-mismatch",
      mode,
      kind: problem.replace(/:.*/, ""),
      detail:
        `${problem}\nresult.manifest: ${JSON.stringify(manifest)}\n` +
        `comment: ${comment ? clip(comment.value, 2000) : "(none)"}`,
    },
  ];
}

/** manifest-differs-between-modes: each mode's manifest compared to the first mode's. */
export function checkManifestAcrossModes(results: ModeResults): Violation[] {
  const out: Violation[] = [];
  const manifests = MODES.filter((m) => results.has(m)).map(
    (m) => [m, normalizeJson(results.get(m)!.manifest)] as const,
  );
  for (const [mode, manifest] of manifests.slice(1)) {
    if (!isDeepStrictEqual(manifest, manifests[0]![1]))
      out.push({
        category: "manifest-differs-between-modes",
        mode,
        kind: `${manifests[0]![0]}-vs-${mode}`,
        detail:
          `${manifests[0]![0]} manifest: ${JSON.stringify(manifests[0]![1])}\n` +
          `${mode} manifest: ${JSON.stringify(manifest)}`,
      });
  }
  return out;
}
