/**
 * Minimisation of a counterexample, after fast-check's own shrinking (which works on the spec, or
 * on the seed and mutations, not on the text): deletes lines, then tokens, then characters, as
 * long as the input still fails (delta debugging, within a time budget).
 */
import type { Input } from "./input.js";

/** The smallest input found whose code still `fails`; file name and options are kept. */
export function minimise(
  input: Input,
  fails: (candidate: Input) => boolean,
  budgetMs = 20_000,
): Input {
  const deadline = Date.now() + budgetMs;
  const failsWith = (code: string) => fails({ ...input, code });
  let code = input.code;
  const splitters: ((s: string) => string[])[] = [
    (s) => s.split(/(?<=\n)/),
    (s) => s.match(/\s+|[A-Za-z0-9_$]+|[\s\S]/g) ?? [],
    (s) => Array.from(s),
  ];
  for (const split of splitters) {
    let units = split(code);
    let n = 2;
    while (units.length >= 2 && Date.now() < deadline) {
      const chunk = Math.ceil(units.length / n);
      let reduced = false;
      for (let i = 0; i < units.length && Date.now() < deadline; i += chunk) {
        const candidate = [...units.slice(0, i), ...units.slice(i + chunk)];
        if (failsWith(candidate.join(""))) {
          units = candidate;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= units.length) break;
        n = Math.min(units.length, n * 2);
      }
    }
    code = units.join("");
  }
  return { ...input, code };
}
