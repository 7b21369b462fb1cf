/** One input of the property test (a module and where it lives) and how it is transformed. */
import type { TransformMode, TransformResult } from "../types.js";

/** A module to transform: its source, file name and the options that place it in a project. */
export interface Input {
  code: string;
  filename: string;
  root: string;
  moduleSpecifier?: string;
}

/** The project root of every input. */
export const ROOT = "/virtual/project";

/** Every input is transformed in all three modes, in this order. */
export const MODES: readonly TransformMode[] = ["workflow", "step", "client"];

/** The results of one input, by mode (a mode whose transform threw has none). */
export type ModeResults = ReadonlyMap<TransformMode, TransformResult>;

/** The options of `transform` for `input` in `mode`. */
export function transformOptions(input: Input, mode: TransformMode) {
  return {
    filename: input.filename,
    root: input.root,
    mode,
    ...(input.moduleSpecifier !== undefined ? { moduleSpecifier: input.moduleSpecifier } : {}),
  };
}

/** The input as a failure report quotes it: options, then the source verbatim. */
export function formatInput(input: Input): string {
  const spec =
    input.moduleSpecifier !== undefined
      ? `, moduleSpecifier: ${JSON.stringify(input.moduleSpecifier)}`
      : "";
  return `filename: ${JSON.stringify(input.filename)}, root: ${JSON.stringify(input.root)}${spec}\n----- input -----\n${input.code}\n----- end of input -----`;
}
