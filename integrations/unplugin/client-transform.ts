/**
 * The client transform of an app module, as every bundler's `transform` hook runs it: the
 * compile of shared/compile-module.ts (IDs relative to the root, `name@version` IDs for
 * packages), the setup import on the server modules the shared policy picks
 * (shared/setup-import.ts), and the directive mistakes as one `DirectiveError`.
 */
import type { SourceMap } from "../../compiler/index.js";
import { compileModule, declaresAnything, shouldCompile } from "../shared/compile-module.js";
import { DirectiveError } from "../shared/directive-error.js";
import { appendSetupImport, needsSetupImport, SETUP_SPECIFIER } from "../shared/setup-import.js";

/** A source map as plain data (what bundlers take from a transform hook). */
export type PlainSourceMap = Omit<SourceMap, "toString" | "toUrl">;

function toPlainMap(map: SourceMap | null): PlainSourceMap | null {
  if (!map) return null;
  const { version, file, sources, sourcesContent, names, mappings } = map;
  return {
    version,
    ...(file !== undefined ? { file } : {}),
    sources,
    ...(sourcesContent ? { sourcesContent } : {}),
    names,
    mappings,
  };
}

export interface ClientTransformResult {
  code: string;
  /** null: the code did not move (bundlers keep the module's own map). */
  map: PlainSourceMap | null;
  /** Whether the module defines workflows, steps or serializable classes (it is an entry). */
  found: boolean;
}

/**
 * Runs the client transform, or returns null when the module is left as it is. Throws a
 * `DirectiveError` for directive mistakes.
 */
export async function clientTransform(
  code: string,
  file: string,
  root: string,
  options: { injectSetup: boolean },
): Promise<ClientTransformResult | null> {
  const compiled = shouldCompile(file, code)
    ? await compileModule({ code, file, root, mode: "client" })
    : null;
  if (compiled?.errors.length) throw new DirectiveError(file, compiled.errors);
  const found = compiled ? declaresAnything(compiled.manifest) : false;
  const setup = options.injectSetup && needsSetupImport(file, code, compiled?.manifest);
  if (!compiled?.map && !found && !setup) return null;
  const output = compiled?.code ?? code;
  return {
    code: setup ? appendSetupImport(output, SETUP_SPECIFIER) : output,
    map: toPlainMap(compiled?.map ?? null),
    found,
  };
}
