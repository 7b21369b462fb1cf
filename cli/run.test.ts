import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.js";

const dir = mkdtempSync(path.join(tmpdir(), "wf-cli-"));
const good = path.join(dir, "flow.ts");
writeFileSync(
  good,
  `async function s(x: number) {\n  "use step";\n  return x;\n}\nexport async function flow() {\n  "use workflow";\n  return s(1);\n}\n`,
);
const bad = path.join(dir, "bad.ts");
writeFileSync(bad, `export async function flow() {\n  console.log(1);\n  "use workflow";\n}\n`);

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe("wf transform", () => {
  it("prints the workflow-mode output by default", async () => {
    const { code, stdout } = await cli("transform", "flow.ts");
    expect(code).toBe(0);
    expect(stdout).toContain(
      `var s = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./flow//s");`,
    );
  });

  it("prints the mode asked for", async () => {
    expect((await cli("transform", "flow.ts", "--mode", "step")).stdout).toContain(
      `("step//./flow//s", s);`,
    );
    expect((await cli("transform", "flow.ts", "-m", "client")).stdout).toContain(
      `s.stepId = "step//./flow//s";`,
    );
  });

  it("prints diagnostics with a code frame and exits non-zero", async () => {
    const { code, stdout, stderr } = await cli("transform", "bad.ts");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(
      `bad.ts:3:3: error WORKFLOW_DIRECTIVE_NOT_FIRST: The "use workflow" directive must be at the top of the function body`,
    );
    expect(stderr).toContain(`> 3 |   "use workflow";`);
    expect(stderr).toContain("1 error in bad.ts");
  });

  it("rejects a bad mode, a missing file and extra arguments with a message", async () => {
    expect(await cli("transform", "flow.ts", "--mode", "server")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--mode must be one of workflow, step, client"),
    });
    expect(await cli("transform", "nope.ts")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("cannot read"),
    });
    expect(await cli("transform", "a.ts", "b.ts")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("expected exactly one file"),
    });
    expect(await cli("frobnicate")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`unknown command "frobnicate"`),
    });
  });

  it("runs as the package's wf bin (built by npm install)", async () => {
    const bin = path.resolve(import.meta.dirname, "../dist/cli/wf.js");
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      "transform",
      good,
      "--mode",
      "client",
      "--root",
      dir,
    ]);
    expect(stdout).toContain(`flow.workflowId = "workflow//./flow//flow";`);
  });
});
