/**
 * The oracle: transforms one input in all three modes and returns every invariant it violates.
 * Results are cached by input, since each invariant's test runs the same inputs again.
 */
import { transform } from "../../index.js";
import type { TransformMode, TransformResult } from "../../types.js";
import { type Input, MODES, transformOptions } from "../input.js";
import { checkDiagnostics, checkDiagnosticsAcrossModes } from "./diagnostic-checks.js";
import { stableKind, type Violation } from "./invariants.js";
import { checkEmbeddedManifest, checkManifestAcrossModes } from "./manifest-checks.js";
import { checkModuleInterface } from "./module-interface-checks.js";
import {
  checkSyntaxErrorReported,
  checkUnchangedOnError,
  checkUnparsableOutput,
} from "./output-checks.js";
import { type BabelFile, type ParsedModule, parseModule } from "./parse-module.js";
import { splitLines } from "./quote.js";
import { checkStepIds } from "./step-ids.js";

/** What the inputs exercised, reported by the last test. */
export interface EvaluationStats {
  /** Inputs evaluated (not counting cache hits). */
  evaluatedInputs: number;
  transformCalls: number;
  /** Inputs with an error diagnostic in workflow mode. */
  withErrors: number;
  /** Transform results whose code differs from the input. */
  changed: number;
  /** Distinct WORKFLOW_USE_STEP ids of workflow mode looked up in step mode. */
  useStepIdsChecked: number;
  /** How often each diagnostic code was reported in workflow mode. */
  diagnosticCodes: Map<string, number>;
}

/** Evaluates inputs against every invariant, remembering results and counting what it saw. */
export interface Evaluator {
  /** The violations of one input. */
  evaluate(input: Input): Violation[];
  readonly stats: EvaluationStats;
}

/** A fresh evaluator, with an empty cache and zeroed stats. */
export function createEvaluator(): Evaluator {
  const cache = new Map<string, Violation[]>();
  const stats: EvaluationStats = {
    evaluatedInputs: 0,
    transformCalls: 0,
    withErrors: 0,
    changed: 0,
    useStepIdsChecked: 0,
    diagnosticCodes: new Map<string, number>(),
  };
  const evaluate = (input: Input): Violation[] => {
    const key = JSON.stringify(input);
    const cached = cache.get(key);
    if (cached) return cached;
    const violations = evaluateUncached(input, stats);
    cache.set(key, violations);
    return violations;
  };
  return { evaluate, stats };
}

function evaluateUncached(input: Input, stats: EvaluationStats): Violation[] {
  stats.evaluatedInputs++;
  const out: Violation[] = [];
  const results = new Map<TransformMode, TransformResult>();
  const lines = splitLines(input.code);
  let inputParse: ParsedModule | undefined;
  const inputParses = () => (inputParse ??= parseModule(input.code, input.filename));
  const parsedOutputs = new Map<TransformMode, BabelFile>();

  for (const mode of MODES) {
    let result: TransformResult;
    try {
      stats.transformCalls++;
      result = transform(input.code, transformOptions(input, mode));
    } catch (error) {
      const e = error as Error;
      out.push({
        category: "throws",
        mode,
        kind: `${e?.name}: ${stableKind(String(e?.message))}`,
        detail: `transform threw in ${mode} mode:\n${e?.stack ?? String(e)}`,
      });
      continue;
    }
    results.set(mode, result);
    const diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics : [];
    const hasError = diagnostics.some((d) => d?.severity === "error");
    if (mode === "workflow") {
      if (hasError) stats.withErrors++;
      for (const d of diagnostics)
        stats.diagnosticCodes.set(d?.code, (stats.diagnosticCodes.get(d?.code) ?? 0) + 1);
    }
    if (result.code !== input.code) stats.changed++;

    out.push(...checkDiagnostics(mode, diagnostics, lines));
    if (hasError) {
      out.push(...checkUnchangedOnError(input, mode, result, diagnostics));
      continue;
    }
    const parsed = parseModule(result.code, input.filename);
    if ("ast" in parsed) parsedOutputs.set(mode, parsed.ast);
    else
      out.push(
        ...checkUnparsableOutput(input, mode, result, diagnostics, parsed.error, inputParses),
      );
    out.push(...checkSyntaxErrorReported(input, mode, diagnostics, inputParses));
    out.push(...checkEmbeddedManifest(mode, result, parsedOutputs.get(mode)));
  }

  out.push(...checkManifestAcrossModes(results));
  out.push(...checkDiagnosticsAcrossModes(results));
  out.push(...checkModuleInterface(input, inputParses(), results, parsedOutputs));
  const stepIds = checkStepIds(results, parsedOutputs);
  stats.useStepIdsChecked += stepIds.checked;
  out.push(...stepIds.violations);
  return out;
}
