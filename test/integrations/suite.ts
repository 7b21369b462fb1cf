/**
 * The tests every bundler's fixture app passes (issue 5 items 2 and 5), built once per file:
 * - the built server runs the order workflow (steps, a retry, a sleep, a hook, a webhook)
 *   through its own routes and completes with the right value; the webhook route answers 202
 *   for a live token and 404 for an unknown one;
 * - a misspelled and a misplaced directive fail the build with file, line, column and frame
 *   (found by the bundler's own transform of the app's modules);
 * - a workflow that imports a Node.js built-in fails the build, saying to move it into a step
 *   (found while building the workflow bundle, at the end of the bundler's build).
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildFixture,
  copyFixture,
  ensureBuilt,
  expectedOrder,
  removeDir,
  SERVER_FILES,
  startServer,
  walkOrder,
  type ProcessResult,
} from "./harness.js";

export interface BundlerSuiteOptions {
  /** The fixture's source extension: `ts` or `js`. */
  ext: "ts" | "js";
  /**
   * How the bundler prints a location in `file` (line and column counted from 1; esbuild
   * prints columns from 0).
   */
  location: (file: string, line: number, column: number) => RegExp;
  /**
   * How the bundler prints the code frame's line `line` holding `text`: ours (`> 25 |   ...`),
   * or esbuild's own (`25 │   ...`), drawn from the message's location.
   * @default ours
   */
  frame?: (line: number, text: string) => RegExp;
  /**
   * esbuild adds "The plugin ... was triggered by this import" to every error of an onLoad
   * callback for a module that is not an entry point (integrations/esbuild/hooks.ts).
   */
  importNote?: boolean;
}

/** The output of a failed build reads as one block per mistake (issue 8 part 4). */
function expectReadableFailure(output: string, options: BundlerSuiteOptions): void {
  // Named by the file of the mistake, not by the entry the workflow build started from.
  expect(output).not.toContain("Could not build the workflow code of");
  // No stack frames (the plugin's or the bundler's), no wrapper errors around the block.
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toContain("[Getter/Setter]");
  expect(output).not.toContain("RolldownError");
  if (!options.importNote) expect(output).not.toContain("was triggered by this import");
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ourFrame = (line: number, text: string) => new RegExp(`> ${line} \\| ${escape(text)}`);

export function bundlerSuite(bundler: string, options: BundlerSuiteOptions): void {
  describe(`workflow/${bundler}`, () => {
    let dir: string | undefined;
    let build: ProcessResult;
    const source = (name: string) => path.join(dir!, "src", "workflows", `${name}.${options.ext}`);
    const frame = options.frame ?? ourFrame;

    beforeAll(async () => {
      ensureBuilt();
      dir = await copyFixture(bundler);
      build = await buildFixture(dir, bundler);
    }, 120_000);
    afterAll(() => removeDir(dir));

    it("builds the app; its order workflow completes through the app's own routes", async () => {
      expect(build.code, build.output).toBe(0);
      for (const name of ["flow.mjs", "steps.mjs", "setup.mjs"])
        expect(existsSync(path.join(dir!, "dist", "workflow", name)), name).toBe(true);
      // The package's step was found through the workflow's import, with a package ID.
      const steps = await readFile(path.join(dir!, "dist", "workflow", "steps.mjs"), "utf8");
      expect(steps).toContain('"step//order-fees/index@1.0.0//addHandlingFee"');
      const server = await startServer(dir!, SERVER_FILES[bundler]!, path.join(dir!, "data"));
      try {
        const walk = await walkOrder(server.url, "ord-7", 21);
        expect(walk.output).toEqual(expectedOrder("ord-7", 21));
        expect(walk.webhookStatus).toBe(202);
        expect(walk.unknownWebhookStatus).toBe(404);
      } catch (error) {
        throw new Error(`${(error as Error).message}\nserver output:\n${server.output()}`);
      } finally {
        await server.stop();
      }
    });

    it("fails the build at a misspelled and a misplaced directive, with file, line, column and frame", async () => {
      const file = source("order");
      const original = await readFile(file, "utf8");
      const typo = original.replace(
        /(async function priceOrder[^\n]*\n\s*)"use step";/,
        '$1"use stpe";',
      );
      const misplaced = `export async function refund(orderId${options.ext === "ts" ? ": string" : ""}) {\n  const reason = "late";\n  "use step";\n  return \`\${orderId} \${reason}\`;\n}\n`;
      await writeFile(file, `${typo}\n${misplaced}`);
      await removeDir(path.join(dir!, "dist"));
      const lines = `${typo}\n${misplaced}`.split("\n");
      const typoLine = lines.indexOf('  "use stpe";') + 1;
      const misplacedLine = lines.lastIndexOf('  "use step";') + 1;
      try {
        const failed = await buildFixture(dir!, bundler);
        expect(failed.code, failed.output).not.toBe(0);
        expect(failed.output).toContain("STEP_DIRECTIVE_TYPO");
        expect(failed.output).toMatch(options.location(`order.${options.ext}`, typoLine, 3));
        expect(failed.output).toMatch(frame(typoLine, '  "use stpe";'));
        expect(failed.output).toContain("STEP_DIRECTIVE_NOT_FIRST");
        expect(failed.output).toMatch(options.location(`order.${options.ext}`, misplacedLine, 3));
        expect(failed.output).toMatch(frame(misplacedLine, '  "use step";'));
        expectReadableFailure(failed.output, options);
        // A failed build leaves no server file behind.
        expect(existsSync(path.join(dir!, SERVER_FILES[bundler]!))).toBe(false);
      } finally {
        await writeFile(file, original);
      }
    });

    it("fails the build at a typo in a helper that the workflow imports, naming the helper", async () => {
      const file = source("payments");
      const original = await readFile(file, "utf8");
      const typo = original.replace('"use step";', '"use stpe";');
      const line = typo.split("\n").indexOf('  "use stpe";') + 1;
      expect(line).toBeGreaterThan(0);
      await writeFile(file, typo);
      await removeDir(path.join(dir!, "dist"));
      try {
        const failed = await buildFixture(dir!, bundler);
        expect(failed.code, failed.output).not.toBe(0);
        expect(failed.output).toContain("STEP_DIRECTIVE_TYPO");
        expect(failed.output).toMatch(options.location(`payments.${options.ext}`, line, 3));
        expect(failed.output).toMatch(frame(line, '  "use stpe";'));
        expect(failed.output).toContain('Write exactly "use step".');
        expectReadableFailure(failed.output, options);
        expect(existsSync(path.join(dir!, SERVER_FILES[bundler]!))).toBe(false);
      } finally {
        await writeFile(file, original);
      }
    });

    it("fails the build when a workflow imports a Node.js built-in, saying to move that code into a step", async () => {
      const file = source("order");
      const original = await readFile(file, "utf8");
      const restore = () => writeFile(file, original);
      await writeFile(
        file,
        `import { hostname } from "node:os";\n${original.replace("  const approval = createHook", "  console.log(hostname());\n  const approval = createHook")}`,
      );
      await removeDir(path.join(dir!, "dist"));
      try {
        const failed = await buildFixture(dir!, bundler);
        expect(failed.code, failed.output).not.toBe(0);
        expect(failed.output).toContain('"node:os"');
        expect(failed.output).toContain("into a step");
        expect(failed.output).toMatch(options.location(`order.${options.ext}`, 1, 26));
        // The code frame shows the import.
        expect(failed.output).toMatch(/1 [|│] import \{ hostname \} from "node:os";/);
        expectReadableFailure(failed.output, options);
        // esbuild writes its output before the workflow bundles are built: the plugin removes it.
        expect(existsSync(path.join(dir!, SERVER_FILES[bundler]!))).toBe(false);
      } finally {
        await restore();
      }
    });
  });
}
