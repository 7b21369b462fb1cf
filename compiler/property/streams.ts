/**
 * The three input streams, each with a fixed seed and number of runs, so runs are reproducible.
 * `WORKFLOW_PROPERTY_RUNS_SCALE=4` runs 4x more; `WORKFLOW_PROPERTY_SEED=<n>` shifts the seeds (for
 * exploring beyond the CI inputs).
 */
import type fc from "fast-check";
import { generatedArb } from "./grammar/index.js";
import type { Input } from "./input.js";
import { mutatedArb, mutatedSeedArb } from "./mutator.js";
import { loadSeeds } from "./seeds.js";

const SEED_OFFSET = Number(process.env.WORKFLOW_PROPERTY_SEED ?? "0") || 0;

/** The factor `WORKFLOW_PROPERTY_RUNS_SCALE` applies to every stream's number of runs. */
export const SCALE = Math.max(0.01, Number(process.env.WORKFLOW_PROPERTY_RUNS_SCALE ?? "1") || 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** The inputs the mutator damages. */
export const SEEDS = loadSeeds();

/** A source of inputs and how fast-check draws from it. */
export interface Stream {
  name: string;
  arb: fc.Arbitrary<Input>;
  seed: number;
  numRuns: number;
}

/** Generated modules, mutated fixture inputs, and mutated generated modules. */
export const STREAMS: Stream[] = [
  {
    name: "generated modules",
    arb: generatedArb(),
    seed: 20_250_611 + SEED_OFFSET,
    numRuns: runs(700),
  },
  {
    name: "mutated seed modules",
    arb: mutatedSeedArb(SEEDS),
    seed: 42_4242 + SEED_OFFSET,
    numRuns: runs(450),
  },
  {
    name: "mutated generated modules",
    arb: mutatedArb(generatedArb()),
    seed: 7_777_777 + SEED_OFFSET,
    numRuns: runs(250),
  },
];
