/**
 * The bundler-independent parts of the plugin: options checked at creation, discovery with the
 * `workflows` option, the setup import's path per output file, and `writeWorkflowBundles` (what
 * every integration, Next's included, writes).
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../test/crash/worker.js";
import { createDiscovery } from "../bundling/discovery.js";
import { normalizeOptions } from "./options.js";
import {
  relativeImport,
  replaceSetupPlaceholder,
  SETUP_PLACEHOLDER,
} from "../shared/setup-import.js";
import { writeWorkflowBundles } from "../bundling/write-workflow-bundles.js";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "wf-core-"));
  await mkdir(path.join(root, "node_modules"));
  await symlink(PACKAGE_ROOT, path.join(root, "node_modules", "workflow"), "dir");
  const files: Record<string, string> = {
    "jobs/report.ts": `import { collect } from "../lib/collect";
export async function report(day: string) {
  "use workflow";
  return await collect(day);
}
`,
    "jobs/format.ts": "export const format = (s: string) => s.trim();\n",
    "lib/collect.ts": `export async function collect(day: string) {
  "use step";
  return \`rows of \${day}\`;
}
`,
    "lib/other.js": `export async function other() {\n  "use step";\n  return 1;\n}\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("normalizeOptions", () => {
  it("fills in the defaults", () => {
    expect(normalizeOptions()).toEqual({
      workflows: [],
      root: undefined,
      outDir: "workflow",
      debug: undefined,
    });
  });

  it.each([
    [{ workflows: "src" }, '"workflows" must be an array'],
    [{ workflows: [""] }, '"workflows" must be an array'],
    [{ outDir: "../elsewhere" }, '"outDir" must be a folder inside'],
    [{ outDir: "/abs" }, '"outDir" must be a folder inside'],
    [{ root: 1 }, '"root" must be a folder path'],
    [{ debug: true }, '"debug" must be a function'],
  ])("rejects %j when the plugin is created", (options, message) => {
    expect(() => normalizeOptions(options as never)).toThrow(message);
  });
});

describe("discovery", () => {
  it("lists recorded modules that are in the build's graph, and the files the option names", async () => {
    const discovery = createDiscovery(["jobs", "lib/*.ts"]);
    const seen = path.join(root, "app", "seen.ts");
    const gone = path.join(root, "app", "gone.ts");
    discovery.record(seen, true);
    discovery.record(gone, true);
    discovery.record(path.join(root, "app", "plain.ts"), false);
    const entries = await discovery.entries(root, [seen, path.join(root, "app", "plain.ts")]);
    // jobs/format.ts holds no directive; lib/other.js does not match lib/*.ts.
    expect(entries).toEqual(
      [seen, path.join(root, "jobs", "report.ts"), path.join(root, "lib", "collect.ts")].sort(),
    );
  });

  it("reads graph files the transform did not see, when asked to", async () => {
    const discovery = createDiscovery([]);
    const graph = [path.join(root, "lib", "other.js"), path.join(root, "jobs", "format.ts")];
    expect(await discovery.entries(root, graph)).toEqual([]);
    expect(await discovery.entries(root, graph, { checkUnknown: true })).toEqual([
      path.join(root, "lib", "other.js"),
    ]);
  });
});

describe("the setup import", () => {
  it("is relative to each output file", () => {
    expect(relativeImport("server.js", "workflow/setup.mjs")).toBe("./workflow/setup.mjs");
    expect(relativeImport("chunks/app.js", "workflow/setup.mjs")).toBe("../workflow/setup.mjs");
  });

  it("replaces the placeholder in either quote style", () => {
    const code = `import "${SETUP_PLACEHOLDER}";\nrequire('${SETUP_PLACEHOLDER}');\n`;
    expect(replaceSetupPlaceholder(code, "./workflow/setup.mjs", { sourceMap: false })?.code).toBe(
      `import "./workflow/setup.mjs";\nrequire('./workflow/setup.mjs');\n`,
    );
    const mapped = replaceSetupPlaceholder(code, "./workflow/setup.mjs", { sourceMap: true });
    expect(mapped?.code).toBe(`import "./workflow/setup.mjs";\nrequire('./workflow/setup.mjs');\n`);
    expect(mapped?.map?.mappings).toMatch(/^AAAA/);
    expect(replaceSetupPlaceholder(code, "./x.mjs", { sourceMap: false })?.map).toBeNull();
    expect(replaceSetupPlaceholder("plain();", "./x.mjs", { sourceMap: true })).toBeNull();
  });
});

describe("writeWorkflowBundles", () => {
  it("writes the workflow bundle, the step bundle (with steps reached through imports) and the setup module", async () => {
    const written = await writeWorkflowBundles({
      root,
      entries: [path.join(root, "jobs", "report.ts")],
      outDir: "out/workflow",
    });
    expect(written.files).toEqual({
      flow: path.join(root, "out", "workflow", "flow.mjs"),
      steps: path.join(root, "out", "workflow", "steps.mjs"),
      setup: path.join(root, "out", "workflow", "setup.mjs"),
    });
    expect(written.inputs).toContain(path.join(root, "lib", "collect.ts"));
    const flow = await readFile(written.files.flow, "utf8");
    expect(flow).toContain("workflow//./jobs/report//report");
    const steps = await readFile(written.files.steps, "utf8");
    expect(steps).toContain('"step//./lib/collect//collect"');
    // Packages stay imports by name, resolved where the files are deployed.
    expect(steps).toContain('from "workflow/internal/private"');
    const setup = await readFile(written.files.setup, "utf8");
    expect(setup).toContain('import("./flow.mjs")');
    expect(setup).toContain('import("./steps.mjs")');
    expect(setup).not.toContain("getDefaultRuntime");
  });
});
