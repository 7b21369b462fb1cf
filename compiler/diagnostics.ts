import { codeFrameColumns } from "@babel/code-frame";
import type { Diagnostic, SourcePosition } from "./types.js";

/** Every diagnostic the compiler can report, with its message and the fix it suggests. */
export const DIAGNOSTICS = {
  PARSE_ERROR: {
    message: (detail: string) => `Could not parse this file: ${detail}`,
    hint: "Fix the syntax error; the file was left untransformed.",
  },
  STEP_NOT_ASYNC: {
    message: () => `Functions marked with "use step" must be async functions`,
    hint: "Add `async` to the function (getters, setters and constructors cannot be steps).",
  },
  WORKFLOW_NOT_ASYNC: {
    message: () => `Functions marked with "use workflow" must be async functions`,
    hint: "Add `async` to the function.",
  },
  STEP_DIRECTIVE_NOT_FIRST: {
    message: () => `The "use step" directive must be at the top of the function body`,
    hint: `Move "use step" to the first line of the function body, before any other statement or directive.`,
  },
  WORKFLOW_DIRECTIVE_NOT_FIRST: {
    message: () => `The "use workflow" directive must be at the top of the function body`,
    hint: `Move "use workflow" to the first line of the function body, before any other statement or directive.`,
  },
  MODULE_STEP_DIRECTIVE_NOT_FIRST: {
    message: () => `The "use step" directive must be at the top of the file`,
    hint: `Move "use step" above every import and statement (comments may precede it), and use only one module directive.`,
  },
  MODULE_WORKFLOW_DIRECTIVE_NOT_FIRST: {
    message: () => `The "use workflow" directive must be at the top of the file`,
    hint: `Move "use workflow" above every import and statement (comments may precede it), and use only one module directive.`,
  },
  STEP_FILE_NON_FUNCTION_EXPORT: {
    message: () => `Only async functions can be exported from a "use step" file`,
    hint: `Move this export to another module, or make it an async function.`,
  },
  WORKFLOW_FILE_NON_FUNCTION_EXPORT: {
    message: () => `Only async functions can be exported from a "use workflow" file`,
    hint: `Move this export to another module, or make it an async function.`,
  },
  STEP_USES_SUPER_OR_ARGUMENTS: {
    message: (what: string) =>
      `Functions marked with "use step" cannot use \`${what}\` when nested in another function`,
    hint: "A nested step runs on its own, outside the function around it: pass what it needs as parameters.",
  },
  STEP_DIRECTIVE_TYPO: {
    message: (text: string) => `Did you mean "use step"? "${text}" is not a supported directive`,
    hint: `Write exactly "use step".`,
  },
  WORKFLOW_DIRECTIVE_TYPO: {
    message: (text: string) =>
      `Did you mean "use workflow"? "${text}" is not a supported directive`,
    hint: `Write exactly "use workflow".`,
  },
  INSTANCE_METHOD_WORKFLOW: {
    message: () =>
      `Instance methods cannot be marked with "use workflow". Only static methods, functions, and object methods are supported.`,
    hint: "Make the method static, or move the workflow to a module-level function.",
  },
  NESTED_CLASS_SERIALIZATION: {
    message: () =>
      `Classes using custom serialization (WORKFLOW_SERIALIZE/WORKFLOW_DESERIALIZE) must be declared at the top level of the module, not inside a function. Registration runs at module load and cannot reach a class declared in an inner scope`,
    hint: "Move the class to the top level of the module.",
  },
  NESTED_CLASS_STEP_METHOD: {
    message: () =>
      `Classes using "use step" methods must be declared at the top level of the module, not inside a function. Registration runs at module load and cannot reach a class declared in an inner scope`,
    hint: "Move the class to the top level of the module.",
  },
  NESTED_CLASS_WORKFLOW_METHOD: {
    message: () =>
      `Classes using "use workflow" methods must be declared at the top level of the module, not inside a function. Registration runs at module load and cannot reach a class declared in an inner scope`,
    hint: "Move the class to the top level of the module.",
  },
  NESTED_WORKFLOW: {
    message: () =>
      `Functions marked with "use workflow" must be declared at the top level of the module`,
    hint: "Move the workflow to the top level of the module, out of any function or block; call other workflows with start() from a step.",
  },
  WORKFLOW_POSITION: {
    message: () =>
      `"use workflow" is only supported on module-level functions, variables, default exports and static class methods`,
    hint: "Declare the workflow as a module-level function and refer to it from here.",
  },
  INTERNAL_ERROR: {
    message: (detail: string) => `The workflow compiler failed on this file: ${detail}`,
    hint: "This is a bug in the compiler, not in your code; the file was left untransformed. Please report it with the file.",
  },
  HOOK_DEFINITION_WITHOUT_ID: {
    severity: "warning",
    message: () =>
      `This defineHook() call gets no ID, so \`wf resume\` and the dashboard cannot validate payloads with its schema`,
    hint: "Bind it to a module-level const (`export const paymentHook = defineHook(schema)`); resume() from your own code still validates.",
  },
  PRIVATE_METHOD_STEP: {
    message: () => `Private methods cannot be marked with "use step"`,
    hint: "Use a public method, or a module-level step function.",
  },
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

type MessageArgs<C extends DiagnosticCode> = Parameters<(typeof DIAGNOSTICS)[C]["message"]>;

export interface NodeRange {
  loc?: { start: SourcePosition; end: SourcePosition } | null | undefined;
}

/** Builds a diagnostic (an error unless its entry says otherwise) for `node` of `file`. The only place a diagnostic is made. */
export function createDiagnostic<C extends DiagnosticCode>(
  code: C,
  file: string,
  source: string,
  at: NodeRange | SourcePosition,
  ...args: MessageArgs<C>
): Diagnostic {
  const entry = DIAGNOSTICS[code];
  const start = "line" in at ? at : (at.loc?.start ?? { line: 1, column: 0 });
  const end = "line" in at ? undefined : at.loc?.end;
  const message = (entry.message as (...a: MessageArgs<C>) => string)(...args);
  const frame = codeFrameColumns(
    source,
    {
      start: { line: start.line, column: start.column + 1 },
      ...(end && end.line === start.line
        ? { end: { line: end.line, column: end.column + 1 } }
        : {}),
    },
    { highlightCode: false, linesAbove: 2, linesBelow: 2 },
  );
  return {
    code,
    severity: "severity" in entry ? entry.severity : "error",
    message,
    loc: { file, line: start.line, column: start.column, ...(end ? { end } : {}) },
    frame,
    hint: entry.hint,
  };
}

/** Renders a diagnostic for a terminal: `file:line:col: message`, the frame, then the hint. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.loc.file}:${d.loc.line}:${d.loc.column + 1}`;
  const hint = d.hint ? `\n  ${d.hint}` : "";
  return `${where}: ${d.severity} ${d.code}: ${d.message}\n${d.frame}${hint}`;
}
