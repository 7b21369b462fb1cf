/**
 * `wf replay`, run as a process in a project whose workflow ran and then changed: the same code
 * is deterministic; a step swapped for another is reported at its event with the call's line and
 * a code frame; a step added after the end is reported at the end of the log; nothing is written.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { start } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, PACKAGE_ROOT } from "../integrations/harness.js";
import { runWf } from "./run-wf.js";

/** The project's workflow: `calls` are the step calls it makes, in order. */
const source = (calls: string[]) => `async function fetchOrder(id: string) {
  "use step";
  return { id, total: 40 };
}

async function charge(total: number) {
  "use step";
  return \`charged \${total}\`;
}

async function refund(total: number) {
  "use step";
  return \`refunded \${total}\`;
}

async function notify(text: string) {
  "use step";
  return text.length;
}

export async function order(id: string) {
  "use workflow";
  const order = await fetchOrder(id);
${calls.map((call) => `  await ${call};`).join("\n")}
  return order.total;
}
`;

let project: string;
let dataDir: string;
let runId: string;

function wf(args: string[]) {
  return runWf(args, {
    cwd: project,
    env: { WORKFLOW_DATA_DIR: dataDir, WORKFLOW_TARGET_WORLD: "file" },
  });
}

beforeAll(async () => {
  await ensureBuilt();
  project = await mkdtemp(path.join(tmpdir(), "wf-replay-"));
  dataDir = path.join(project, ".workflow-data");
  await mkdir(path.join(project, "src"));
  await mkdir(path.join(project, "node_modules"));
  await symlink(PACKAGE_ROOT, path.join(project, "node_modules", "workflow"), "dir");
  await writeFile(
    path.join(project, "src", "order.ts"),
    source(["charge(order.total)", 'notify("done")']),
  );
  const runtime = createRuntime({
    world: createFileWorld({ dir: dataDir }),
    bundles: createBundleSource({ root: project }),
  });
  try {
    await runtime.start();
    const order = Object.assign(async (_id: string) => 0, {
      workflowId: "workflow//./src/order//order",
    });
    const run = await start(order, ["o-1"], { runtime });
    expect(await run.returnValue).toBe(40);
    runId = run.runId;
  } finally {
    await runtime.close();
  }
}, 120_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe("wf replay", () => {
  it("says the unchanged code is deterministic", async () => {
    const result = await wf(["replay", runId]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `deterministic: the current code makes the calls of all 12 events of run ${runId}\n`,
    );
    expect(result.code).toBe(0);
  });

  it("reports a step swapped for another at its event, with the line of the new call", async () => {
    await writeFile(
      path.join(project, "src", "order.ts"),
      source(["refund(order.total)", 'notify("done")']),
    );
    const result = await wf(["replay", runId]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`not deterministic: run ${runId} (workflow//./src/order//order)`);
    expect(lines[1]).toMatch(/^ {2}at event #5 \(step_created\)$/);
    expect(lines[2]).toMatch(/^ {2}the log has: {2}step charge \(step_\w+\)$/);
    expect(lines[3]).toBe("  the code has: a call of step refund");
    expect(lines[4]).toBe("  src/order.ts:24:9");
    expect(result.stdout).toMatch(/> 24 \| {3}await refund\(order\.total\);\n.*\| +\^/);

    const json = JSON.parse((await wf(["replay", runId, "--json"])).stdout);
    expect(json).toMatchObject({
      runId,
      deterministic: false,
      event: { index: 5, type: "step_created" },
      actual: "a call of step refund",
    });
  });

  it("reports a step added after the end of the log", async () => {
    await writeFile(
      path.join(project, "src", "order.ts"),
      source(["charge(order.total)", 'notify("done")', 'notify("again")']),
    );
    const result = await wf(["replay", runId]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("  the log has:  the run completes (run_completed)");
    expect(result.stdout).toContain("  the code has: then a call of step notify");
    expect(result.stdout).toContain("  src/order.ts:26:9");
  });

  it("writes nothing, and names an unknown run", async () => {
    const before = (await wf(["inspect", "events", "--run", runId, "--json"])).stdout;
    await wf(["replay", runId]);
    expect((await wf(["inspect", "events", "--run", runId, "--json"])).stdout).toBe(before);
    const unknown = await wf(["replay", "wrun_nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`wf replay: no run wrun_nope in file:${dataDir}\n`);
  });
});
