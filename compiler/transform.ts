import MagicString, { Bundle } from "magic-string";
import { analyze } from "./analyze.js";
import { findCandidateOffsets } from "./candidates.js";
import { eliminateDeadCode } from "./dce.js";
import { createDiagnostic } from "./diagnostics.js";
import { mayHoldDirective, mayNeedTransform } from "./directives.js";
import { createEmit, type Emit } from "./emit.js";
import { findHookDefinitions, type HookIdStamp } from "./hook-definitions.js";
import { PRIVATE_MODULE } from "./hooks.js";
import { toModulePath, toRelativePath } from "./ids.js";
import { buildManifest, toManifestComment } from "./manifest.js";
import { emitClientMode } from "./modes/client.js";
import { emitStepMode } from "./modes/step.js";
import { emitWorkflowMode } from "./modes/workflow.js";
import { parseModule } from "./parse.js";
import { createScopeModel } from "./scope/index.js";
import type { SourceMap, TransformMode, TransformOptions, TransformResult } from "./types.js";

const MODES: Record<TransformMode, (emit: Emit) => void> = {
  workflow: emitWorkflowMode,
  step: emitStepMode,
  client: emitClientMode,
};

/**
 * Rewrites a module for one of the three bundles. Never throws on user input: syntax errors
 * and misuse come back as diagnostics, with the code unchanged.
 */
export function transform(code: string, options: TransformOptions): TransformResult {
  const root = options.root ?? process.cwd();
  const file = toRelativePath(options.filename, root);
  const unchanged: TransformResult = { code, map: null, manifest: {}, diagnostics: [] };
  if (!MODES[options.mode])
    throw new TypeError(
      `transform: mode must be "workflow", "step" or "client", got ${JSON.stringify(options.mode)}`,
    );
  if (!mayNeedTransform(code)) return unchanged;
  // Before the parse: its garbage is then collected without an AST alive to copy.
  const offsets = findCandidateOffsets(code);

  let ast;
  try {
    ast = parseModule(code, options.filename);
  } catch (error) {
    const e = error as { message: string; loc?: { line: number; column: number } };
    // A file that only mentions defineHook is the bundler's to report, as without us.
    if (!mayHoldDirective(code)) return unchanged;
    const detail = e.message.replace(/\s*\(\d+:\d+\)$/, "");
    return {
      ...unchanged,
      diagnostics: [
        createDiagnostic("PARSE_ERROR", file, code, e.loc ?? { line: 1, column: 0 }, detail),
      ],
    };
  }

  try {
    const model = createScopeModel(ast.program, code);
    const modulePath = toModulePath(file, options.moduleSpecifier);
    const analysis = analyze({
      ast,
      code,
      file,
      modulePath,
      model,
      offsets,
    });
    const hooks = findHookDefinitions(ast.program, code, file, modulePath);
    const manifest = buildManifest(analysis, file);
    const diagnostics = [...analysis.diagnostics, ...hooks.diagnostics];
    if (diagnostics.some((d) => d.severity === "error"))
      return { ...unchanged, manifest, diagnostics };
    const hasWork =
      analysis.functions.length > 0 || analysis.classes.length > 0 || analysis.moduleDirective;
    if (!hasWork && hooks.stamps.length === 0) return { ...unchanged, diagnostics };
    if (!hasWork) {
      const s = new MagicString(code);
      stampHookIds(s, hooks.stamps);
      return { ...assemble(s, [], file, options.sourceMaps ?? true), manifest, diagnostics };
    }

    const emit = createEmit(code, analysis);
    // Before the mode's edits: a statement that dead-code elimination removes takes its stamp.
    stampHookIds(emit.s, hooks.stamps);
    MODES[options.mode](emit);
    emit.flushAfter();
    if (options.mode !== "step") {
      const keep = new Set<string>();
      for (const fn of analysis.functions) if (fn.binding) keep.add(fn.binding);
      for (const cls of analysis.classes) keep.add(cls.name);
      eliminateDeadCode(model, emit.s, code, emit.removed, keep);
    }
    writeHeader(emit, Object.keys(manifest).length ? toManifestComment(manifest) : "");
    return {
      ...assemble(emit.s, emit.tail, file, options.sourceMaps ?? true),
      manifest,
      diagnostics,
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ...unchanged,
      diagnostics: [createDiagnostic("INTERNAL_ERROR", file, code, { line: 1, column: 0 }, detail)],
    };
  }
}

/** Manifest, added imports and hoisted declarations, after a shebang line if there is one. */
function writeHeader(emit: Emit, manifestComment: string): void {
  const imports = [...emit.imports].map(([name, local]) => `${name} as ${local}`);
  const lines = [
    manifestComment,
    imports.length
      ? `import { ${imports.join(", ")} } from ${JSON.stringify(PRIVATE_MODULE)};`
      : "",
    ...emit.top,
  ].filter(Boolean);
  if (!lines.length) return;
  const interpreter = emit.analysis.program.interpreter;
  const at = interpreter ? interpreter.end! : 0;
  emit.s.prependLeft(at, interpreter ? `\n${lines.join("\n")}` : `${lines.join("\n")}\n`);
}

/** Passes each hook definition its ID (`defineHook(schema, "hook//...")`). */
function stampHookIds(s: MagicString, stamps: HookIdStamp[]): void {
  for (const stamp of stamps) s.appendLeft(stamp.at, stamp.text);
}

function assemble(
  s: MagicString,
  parts: Emit["tail"],
  file: string,
  sourceMaps: boolean,
): { code: string; map: SourceMap | null } {
  const tail = parts.filter((part) => part !== "");
  let output: MagicString | Bundle = s;
  if (tail.some((part) => typeof part !== "string")) {
    const bundle = new Bundle({ separator: "\n" });
    bundle.addSource({ filename: file, content: s });
    for (const part of tail) {
      bundle.addSource(
        typeof part === "string"
          ? { content: new MagicString(part) }
          : { filename: file, content: part },
      );
    }
    output = bundle;
  } else if (tail.length) {
    s.append(`\n${tail.join("\n")}\n`);
  }
  const code = output.toString();
  if (!sourceMaps) return { code, map: null };
  const map = output.generateMap({ hires: true, includeContent: true, source: file, file });
  return { code, map: map as unknown as SourceMap };
}
