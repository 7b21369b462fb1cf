/**
 * Runs one invariant over one stream with fast-check. After a failure the property is re-run
 * ignoring it, to report up to MAX_DISTINCT_FAILURES distinct ones, each with fast-check's shrunk
 * counterexample (the input source, verbatim) and a further line/token/char minimisation of it.
 */
import fc from "fast-check";
import { formatInput, type Input } from "./input.js";
import { minimise } from "./minimise.js";
import { type Category, formatViolation, TITLES, type Violation } from "./oracle/invariants.js";
import type { Stream } from "./streams.js";

/** After a failure, the property is re-run ignoring it, to find up to this many distinct ones. */
const MAX_DISTINCT_FAILURES = 5;

/** Throws one error describing every distinct failure of `category` in `stream`. */
export function checkProperty(
  stream: Stream,
  category: Category,
  evaluate: (input: Input) => Violation[],
): void {
  const known = new Set<string>();
  const signature = (v: Violation) => `${v.category}|${v.kind}`;
  const fresh = (input: Input) =>
    evaluate(input).find((x) => x.category === category && !known.has(signature(x)));
  const reports: string[] = [];
  for (let round = 1; round <= MAX_DISTINCT_FAILURES; round++) {
    const details = fc.check(
      fc.property(stream.arb, (input) => {
        const v = fresh(input);
        if (v) throw new Error(formatViolation(v, input));
      }),
      { seed: stream.seed, numRuns: stream.numRuns, includeErrorInReport: true },
    );
    if (!details.failed) break;
    let report = `##### failure ${round} #####\n${fc.defaultReportMessage(details) ?? "property failed"}`;
    const counterexample = details.counterexample?.[0];
    const v = counterexample && fresh(counterexample);
    if (!counterexample || !v) {
      reports.push(report);
      break;
    }
    known.add(signature(v));
    const same = (w: Violation) =>
      w.category === v.category && w.mode === v.mode && w.kind === v.kind;
    const small = minimise(counterexample, (candidate) => evaluate(candidate).some(same));
    const w = evaluate(small).find(same);
    report +=
      `\n\n===== shrunk counterexample (fast-check) =====\n${formatViolation(v, counterexample)}` +
      `\n\n===== minimised further (line/token/char deletion, same failure) =====\n` +
      (w ? formatViolation(w, small) : formatInput(small));
    reports.push(report);
  }
  if (reports.length > 0)
    throw new Error(
      `${reports.length} distinct failure(s) of "${TITLES[category]}" in ${stream.name} ` +
        `(seed ${stream.seed}, ${stream.numRuns} runs):\n\n${reports.join("\n\n")}`,
    );
}
