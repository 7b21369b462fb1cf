/**
 * The one front door to the compiler for every integration (the unplugin's client transform,
 * workflow/register, the bundle builds, Next's loader and discovery):
 * - `shouldCompile(file, code)`: the one cheap check before any parse: a source file, not this
 *   package's own (`isOwnFile`), whose text may hold a directive, a near-miss of one (which
 *   must reach the compiler to be reported) or a serializable class: the compiler's own
 *   pre-check (`mayNeedTransform`), so that the rule is the compiler's;
 * - `compileModule(...)`: the transform with the IDs every integration must agree on
 *   (root-relative, `name@version` for packages), its diagnostics split into errors and
 *   warnings. The compiler (Babel) is loaded when a module first needs it.
 * Who must fail throws `new DirectiveError(file, errors)` (directive-error.ts).
 */
import { mayNeedTransform } from "../../compiler/directives.js";
import type { Diagnostic, Manifest, SourceMap, TransformMode } from "../../compiler/index.js";
import { isOwnFile } from "./own-files.js";
import { moduleSpecifierOf, SOURCE_FILE } from "./source-files.js";

export { isOwnFile };

/** Whether `file` (an absolute path, no query) with this text must go through the compiler. */
export function shouldCompile(file: string, code: string): boolean {
  return (
    SOURCE_FILE.test(file) &&
    !/\.d\.[cm]?ts$/.test(file) &&
    mayNeedTransform(code) &&
    !isOwnFile(file)
  );
}

export interface CompileModuleOptions {
  code: string;
  /** Absolute path of the module. */
  file: string;
  /** The project root that IDs are relative to. */
  root: string;
  mode: TransformMode;
  /** @default true */
  sourceMaps?: boolean;
}

export interface CompiledModule {
  /** The transformed module; the input unchanged when there is nothing to do or on errors. */
  code: string;
  map: SourceMap | null;
  manifest: Manifest;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

let compiler: Promise<typeof import("../../compiler/index.js")> | undefined;

export async function compileModule(options: CompileModuleOptions): Promise<CompiledModule> {
  const { transform } = await (compiler ??= import("../../compiler/index.js"));
  const { file, root, mode, code, sourceMaps } = options;
  const result = transform(code, {
    filename: file,
    root,
    mode,
    moduleSpecifier: moduleSpecifierOf(file),
    ...(sourceMaps === false ? { sourceMaps: false } : {}),
  });
  return {
    code: result.code,
    map: result.map,
    manifest: result.manifest,
    errors: result.diagnostics.filter((d) => d.severity === "error"),
    warnings: result.diagnostics.filter((d) => d.severity !== "error"),
  };
}

/** Whether a manifest declares anything: workflows, steps or serializable classes. */
export function declaresAnything(manifest: Manifest): boolean {
  const { workflows = {}, steps = {}, classes = {} } = manifest;
  return (
    Object.keys(workflows).length > 0 ||
    Object.keys(steps).length > 0 ||
    Object.keys(classes).length > 0
  );
}
