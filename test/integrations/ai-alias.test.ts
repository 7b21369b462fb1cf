/** `@workflow/ai` (the seed's import) resolves as `workflow/ai` in the Rollup and esbuild plugins. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workflow as esbuildWorkflow } from "../../integrations/esbuild/index.js";
import { workflow as rollupWorkflow } from "../../integrations/rollup/index.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "wf-ai-alias-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("@workflow/ai", () => {
  it("resolves as workflow/ai (Rollup, esbuild)", async () => {
    const entry = path.join(root, "uses-ai.js");
    await writeFile(
      entry,
      'import { DurableAgent } from "@workflow/ai";\nexport { DurableAgent };\n',
    );
    const { rollup } = await import("rollup");
    const bundle = await rollup({ input: entry, plugins: [rollupWorkflow()] });
    const { output } = await bundle.generate({ format: "es" });
    expect(output[0].code).toMatch(/from ["']workflow\/ai["']/);
    const { build } = await import("esbuild");
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      write: false,
      format: "esm",
      external: ["workflow/ai"],
      plugins: [esbuildWorkflow()],
      logLevel: "silent",
    });
    expect(result.outputFiles[0]!.text).toMatch(/from ["']workflow\/ai["']/);
  });
});
