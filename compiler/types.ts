/**
 * Public types of the directive compiler: options in, result out, diagnostics as data.
 */

/**
 * Which bundle the output is for.
 * - `workflow`: the sandboxed workflow bundle. Workflow bodies stay; every step becomes a proxy.
 * - `step`: the step bundle. Step bodies stay and are registered by ID; workflow bodies throw.
 * - `client`: app code. Steps stay callable and are stamped with `stepId`; workflows throw when
 *   called directly and are stamped with `workflowId` so that `start()` can name them.
 */
export type TransformMode = "workflow" | "step" | "client";

export interface TransformOptions {
  /** Path of the module, absolute or relative to `root`. Its extension picks the parser plugins. */
  filename: string;
  /**
   * Project root that IDs are made relative to.
   * @default process.cwd()
   */
  root?: string;
  mode: TransformMode;
  /**
   * Replaces the root-relative path in IDs, for code that lives in a package
   * (`name@version` or `name/subpath@version`).
   * @default undefined
   */
  moduleSpecifier?: string;
  /**
   * Produce a source map.
   * @default true
   */
  sourceMaps?: boolean;
}

/** A position in the input: `line` is 1-based, `column` is 0-based (as in Babel and Rollup). */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface DiagnosticLocation extends SourcePosition {
  file: string;
  end?: SourcePosition;
}

export type DiagnosticSeverity = "error" | "warning";

/** A problem found in user code. Collected, never thrown. */
export interface Diagnostic {
  /** Stable SCREAMING_SNAKE identifier, e.g. `STEP_NOT_ASYNC`. */
  code: string;
  severity: DiagnosticSeverity;
  message: string;
  loc: DiagnosticLocation;
  /** The offending lines with a marker under the location, without colours. */
  frame: string;
  /** What to do about it. */
  hint?: string;
}

export interface ManifestEntry {
  workflowId?: string;
  stepId?: string;
  classId?: string;
}

/** What a file declares, keyed by root-relative file name, then by the function or class name. */
export interface Manifest {
  workflows?: Record<string, Record<string, { workflowId: string }>>;
  steps?: Record<string, Record<string, { stepId: string }>>;
  classes?: Record<string, Record<string, { classId: string }>>;
}

/** A source map in the v3 format. */
export interface SourceMap {
  version: number;
  file?: string;
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
  toString(): string;
  toUrl(): string;
}

export interface TransformResult {
  /** The transformed module; the input unchanged when the file has nothing to transform or has errors. */
  code: string;
  /** Source map of `code` against the input, or `null` when unchanged or disabled. */
  map: SourceMap | null;
  /** The file's workflows, steps and registered classes (also embedded in `code` as a comment). */
  manifest: Manifest;
  diagnostics: Diagnostic[];
}
