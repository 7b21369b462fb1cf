import type { FileAnalysis } from "./analyze.js";
import type { Manifest } from "./types.js";

const sortByKey = <T>(entries: [string, T][]): Record<string, T> =>
  Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** What a file declares, keyed by file, then by full name (unique per kind within a file). */
export function buildManifest(analysis: FileAnalysis, file: string): Manifest {
  const manifest: Manifest = {};
  const workflows = analysis.functions.filter((f) => f.kind === "workflow");
  const steps = analysis.functions.filter((f) => f.kind === "step");
  const classes = analysis.classes.filter((c) => c.registered);
  if (workflows.length) {
    manifest.workflows = {
      [file]: sortByKey(workflows.map((f) => [f.name, { workflowId: f.id }])),
    };
  }
  if (steps.length)
    manifest.steps = { [file]: sortByKey(steps.map((f) => [f.name, { stepId: f.id }])) };
  if (classes.length)
    manifest.classes = { [file]: sortByKey(classes.map((c) => [c.name, { classId: c.id }])) };
  return manifest;
}

const MANIFEST_PREFIX = "/**__internal_workflows";

/** The manifest as a block comment; `*\/` in names is escaped so the comment cannot end early. */
export function toManifestComment(manifest: Manifest): string {
  return `${MANIFEST_PREFIX}${JSON.stringify(manifest).replaceAll("*/", "*\\/")}*/`;
}

/** Reads the manifest comment back out of transformed code (what bundler integrations do). */
export function readManifestComment(code: string): Manifest | null {
  const start = code.indexOf(MANIFEST_PREFIX);
  if (start < 0) return null;
  const end = code.indexOf("*/", start + MANIFEST_PREFIX.length);
  return JSON.parse(code.slice(start + MANIFEST_PREFIX.length, end)) as Manifest;
}
