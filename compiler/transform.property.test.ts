/**
 * Property / mutation test of the directive transform.
 *
 * Thousands of modules are fed to `transform` in all three modes:
 *  - generated: a grammar (fast-check arbitraries, property/grammar/) builds modules from imports,
 *    module directives, functions of every shape, object literals, classes and workflows with
 *    nested steps, with directives in right and wrong places and misspelled;
 *  - mutated: the fixture inputs (fixtures/transform/<name>/input.*, topped up with built-in seed
 *    modules when there are fewer than 10) and generated modules, damaged by random edits
 *    (property/mutator.ts).
 *
 * Invariants (property/oracle/; one test per invariant and input stream, so that one failure does
 * not hide another):
 *  1. `transform` never throws, in any mode;
 *  2. an output without error diagnostics parses (Babel, plugins by extension). Exempt by contract:
 *     an unparsable input that was returned untouched without being parsed (no directive in it);
 *  3. with an error diagnostic the output code is the input, byte for byte;
 *  4. every diagnostic has a code, a message, a location inside the file and a non-empty frame;
 *  5. the manifest is the same in all three modes;
 *  6. every step ID passed to `Symbol.for("WORKFLOW_USE_STEP")` in workflow mode appears in the
 *     step-mode output;
 * plus contract checks: a file that mentions "use step"/"use workflow" and does not parse gets an
 * error diagnostic; the diagnostics are the same in all modes; the manifest comment embedded in
 * the output matches the returned manifest; a transformed module exports the same names and reads
 * no new undeclared variable.
 *
 * Runs are reproducible (fixed seeds, property/streams.ts). On a failure the message holds
 * fast-check's shrunk counterexample (the input source, verbatim), and a further line/token-level
 * minimisation of it (property/minimise.ts).
 * `WORKFLOW_PROPERTY_RUNS_SCALE=4 npx vitest run compiler/transform.property.test.ts` runs 4x more;
 * `WORKFLOW_PROPERTY_SEED=<n>` shifts the seeds (for exploring beyond the CI inputs).
 */
import { describe, expect, it } from "vitest";
import { checkProperty } from "./property/check-property.js";
import { createEvaluator } from "./property/oracle/evaluate.js";
import { CATEGORIES, TITLES } from "./property/oracle/invariants.js";
import { SCALE, SEEDS, STREAMS } from "./property/streams.js";

// One evaluator for the whole file: every invariant's test runs the same inputs, so each input is
// transformed once, and the last test reports what all of them exercised.
const { evaluate, stats } = createEvaluator();

describe("transform: property and mutation tests", () => {
  for (const stream of STREAMS) {
    describe(stream.name, () => {
      for (const category of CATEGORIES) {
        it(TITLES[category], { timeout: 300_000 }, () => checkProperty(stream, category, evaluate));
      }
    });
  }

  it("ran enough transform calls", () => {
    // Every stream has been evaluated by the tests above (results are cached across invariants).
    expect(SEEDS.length).toBeGreaterThanOrEqual(10);
    expect(stats.transformCalls).toBeGreaterThanOrEqual(3000 * Math.min(1, SCALE));
    console.info(
      `transform property test: ${stats.evaluatedInputs} distinct inputs, ${stats.transformCalls} transform calls, ` +
        `${SEEDS.length} mutation seeds; ${stats.withErrors} inputs with error diagnostics, ` +
        `${stats.changed} transformed outputs, ${stats.useStepIdsChecked} WORKFLOW_USE_STEP ids checked; ` +
        `diagnostics seen: ${[...stats.diagnosticCodes].map(([c, n]) => `${c}×${n}`).join(", ")}`,
    );
  });
});
