/**
 * Random damage to a module: deleted spans, duplicated and swapped lines, directives inserted at
 * statement boundaries, `async` added or removed, stray brackets. Applied to fixture inputs and to
 * generated modules, it reaches the half-broken code a user has open in an editor.
 */
import fc from "fast-check";
import { directiveArb } from "./grammar/index.js";
import type { Input } from "./input.js";

/** One edit; positions are taken modulo what the code offers, so any number fits any input. */
export type Mutation =
  | { t: "delete"; at: number; len: number }
  | { t: "dupLine"; line: number }
  | { t: "swapLines"; a: number; b: number }
  | { t: "insertDir"; at: number; text: string; sep: number }
  | { t: "asyncToggle"; at: number }
  | { t: "insertChar"; at: number; ch: string };

/** A random edit, directive insertions and `async` toggles most often. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("delete" as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 24 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("dupLine" as const), line: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("insertDir" as const),
      at: fc.nat(),
      text: directiveArb,
      sep: fc.nat(2),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("asyncToggle" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("insertChar" as const),
      at: fc.nat(),
      ch: fc.constantFrom("{", "}", "("),
    }),
  },
);

function positionsOf(code: string, re: RegExp, offset = 0): number[] {
  const out: number[] = [];
  for (const m of code.matchAll(re)) out.push(m.index + offset);
  return out;
}

/** Offsets right after `;`, `{`, `}` and line breaks, plus 0. */
function statementBoundaries(code: string): number[] {
  return [0, ...positionsOf(code, /[;{}\n]/g, 1)];
}

/** `code` with the edit `m` applied. */
export function applyMutation(code: string, m: Mutation): string {
  switch (m.t) {
    case "delete": {
      if (code.length === 0) return code;
      const at = m.at % code.length;
      return code.slice(0, at) + code.slice(at + m.len);
    }
    case "dupLine": {
      const lines = code.split("\n");
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      return lines.join("\n");
    }
    case "swapLines": {
      const lines = code.split("\n");
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join("\n");
    }
    case "insertDir": {
      const spots = statementBoundaries(code);
      const at = spots[m.at % spots.length]!;
      const text = [`${m.text};`, `\n${m.text}\n`, ` ${m.text};\n`][m.sep % 3]!;
      return code.slice(0, at) + text + code.slice(at);
    }
    case "asyncToggle": {
      const removals = positionsOf(code, /async /g);
      const insertions = [
        ...positionsOf(code, /\bfunction\b/g),
        ...positionsOf(code, /(?<=[=,(:]\s*)\(/g),
        ...positionsOf(code, /^\s*(?:static\s+)?(?=[A-Za-z_$][\w$]*\s*\()/gm),
      ];
      const total = removals.length + insertions.length;
      if (total === 0) return code;
      const k = m.at % total;
      if (k < removals.length) {
        const at = removals[k]!;
        return code.slice(0, at) + code.slice(at + "async ".length);
      }
      const at = insertions[k - removals.length]!;
      const lineStart = /^\s*/.exec(code.slice(at))?.[0].length ?? 0;
      const pos =
        code[at] === "("
          ? at
          : at + (code.slice(at, at + lineStart).includes("\n") ? 0 : lineStart);
      return code.slice(0, pos) + "async " + code.slice(pos);
    }
    case "insertChar": {
      const at = code.length === 0 ? 0 : m.at % (code.length + 1);
      return code.slice(0, at) + m.ch + code.slice(at);
    }
  }
}

/** 1 to 3 mutations, applied in order. */
const mutationsArb = () => fc.array(mutationArb, { minLength: 1, maxLength: 3 });

/** One of `seeds`, damaged by 1 to 3 mutations. */
export const mutatedSeedArb = (seeds: readonly Input[]): fc.Arbitrary<Input> =>
  fc
    .record({
      seed: fc.nat(seeds.length - 1),
      mutations: mutationsArb(),
    })
    .map(({ seed, mutations }) => {
      const base = seeds[seed]!;
      return { ...base, code: mutations.reduce(applyMutation, base.code) };
    });

/** An input drawn from `inputs`, damaged by 1 to 3 mutations. */
export const mutatedArb = (inputs: fc.Arbitrary<Input>): fc.Arbitrary<Input> =>
  fc
    .record({
      input: inputs,
      mutations: mutationsArb(),
    })
    .map(({ input, mutations }) => ({
      ...input,
      code: mutations.reduce(applyMutation, input.code),
    }));
