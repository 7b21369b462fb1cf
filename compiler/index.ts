export { transform } from "./transform.js";
export { formatDiagnostic } from "./diagnostics.js";
export { readManifestComment } from "./manifest.js";
export type {
  Diagnostic,
  DiagnosticLocation,
  DiagnosticSeverity,
  Manifest,
  ManifestEntry,
  SourceMap,
  SourcePosition,
  TransformMode,
  TransformOptions,
  TransformResult,
} from "./types.js";
