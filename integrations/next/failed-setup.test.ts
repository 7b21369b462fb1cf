/**
 * The setup module after a failed bundle build: it imports the files with directive mistakes
 * (the loader's transform reports them there) and carries the other messages, with which the
 * loader fails it; Turbopack's content condition lets it through to the loader.
 */
import path from "node:path";
import type { Message } from "esbuild";
import { describe, expect, it } from "vitest";
import { BundleBuildError } from "../bundling/build-bundles.js";
import { readBuildError } from "./build-error-export.js";
import { LOADER_CONTENT } from "./config.js";
import { createFailedSetup } from "./failed-setup.js";
import workflowLoader from "./loader.js";

const ROOT = path.resolve("/app");
const SETUP = path.join(ROOT, "app/.well-known/workflow/v1/setup.js");

const location = (file: string, line: number, column: number) => ({
  file,
  namespace: "file",
  line,
  column,
  length: 1,
  lineText: "",
  suggestion: "",
});

const typo: Message = {
  id: "STEP_DIRECTIVE_TYPO",
  pluginName: "workflow-directives-workflow",
  text: 'STEP_DIRECTIVE_TYPO: Did you mean "use step"?',
  location: location("workflows/receipt.ts", 2, 2),
  notes: [{ text: '> 2 |   "use stpe";\nWrite exactly "use step".', location: null }],
  detail: { code: "STEP_DIRECTIVE_TYPO", loc: { file: "/app/workflows/receipt.ts" } },
};

const builtin: Message = {
  id: "",
  pluginName: "workflow-directives-workflow",
  text: 'Workflow code in workflows/order.ts imports the Node.js module "node:os".',
  location: location("workflows/order.ts", 1, 25),
  notes: [{ text: '> 1 | import { hostname } from "node:os";', location: null }],
  detail: undefined,
};

/** Runs the loader on `text` as the file `file`; resolves with its error, if any. */
function runLoader(file: string, text: string): Promise<Error | null> {
  return new Promise((resolve) => {
    workflowLoader.call(
      {
        resourcePath: file,
        getOptions: () => ({ root: ROOT }),
        async: () => (error) => resolve(error),
        emitWarning: () => {},
      },
      text,
    );
  });
}

describe("createFailedSetup", () => {
  const text = createFailedSetup({
    header: "// Generated.\n",
    setup: SETUP,
    root: ROOT,
    error: new BundleBuildError("workflows/order.ts", [typo, builtin]),
  });

  it("imports the file of a directive mistake, relative to the setup module", () => {
    expect(text).toContain('import "../../../../workflows/receipt.ts";\n');
    expect(text).not.toContain('order.ts";\n');
  });

  it("carries the other messages, which the loader fails the module with", async () => {
    const carried = readBuildError(text);
    expect(carried).toBe(
      'workflows/order.ts:1:26: Workflow code in workflows/order.ts imports the Node.js module "node:os".\n> 1 | import { hostname } from "node:os";',
    );
    const error = await runLoader(SETUP, text);
    expect(error?.message).toBe(carried);
    // The message is all it prints: no frames of the loader.
    expect(error?.stack).toBe(carried);
  });

  it("passes Turbopack's content condition", () => {
    expect(LOADER_CONTENT.test(text)).toBe(true);
  });

  it("carries nothing when every mistake is a directive mistake", async () => {
    const only = createFailedSetup({
      header: "",
      setup: SETUP,
      root: ROOT,
      error: new BundleBuildError("workflows/order.ts", [typo]),
    });
    expect(readBuildError(only)).toBeUndefined();
    expect(await runLoader(SETUP, only)).toBeNull();
  });
});
