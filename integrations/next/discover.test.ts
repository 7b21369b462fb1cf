/**
 * Discovery in a Next app: the files that define workflows and steps are found by following
 * imports from routes (through the `@/` TypeScript path), not by scanning every file; the
 * `dirs` option adds folders that no route imports; generated routes are never entries.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverWorkflowFiles, findEntryFiles } from "./discover.js";

const FIXTURE = path.resolve(import.meta.dirname, "../../fixtures/apps/next");

describe("discoverWorkflowFiles", () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "wf-next-discover-"));
    await cp(FIXTURE, root, {
      recursive: true,
      filter: (source) => !/[\\/](?:node_modules|\.next|\.well-known)(?:[\\/]|$)/.test(source),
    });
    // Imported by nothing: found only through `dirs`.
    await mkdir(path.join(root, "jobs"));
    await writeFile(
      path.join(root, "jobs/nightly.ts"),
      'export async function nightly() {\n  "use workflow";\n  return 1;\n}\n',
    );
    // A generated route that names a directive must not count.
    await mkdir(path.join(root, "app/.well-known/workflow/v1/flow"), { recursive: true });
    await writeFile(
      path.join(root, "app/.well-known/workflow/v1/flow/route.js"),
      'export async function POST() {\n  "use workflow";\n}\n',
    );
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it("starts from routes, pages and layouts only", async () => {
    const entries = (await findEntryFiles({ root })).map((f) => path.relative(root, f));
    expect(entries).toEqual([
      "app/api/approve/route.ts",
      "app/api/chat/route.ts",
      "app/api/orders/route.ts",
      "app/api/runs/[id]/route.ts",
      "app/chat/page.tsx",
      "app/layout.tsx",
      "app/page.tsx",
    ]);
  });

  it("finds the workflow file that a route imports through the @/ path", async () => {
    const found = await discoverWorkflowFiles({ root });
    const expected = ["workflows/chat.ts", "workflows/order.ts"];
    expect(found.workflows.map((f) => path.relative(root, f))).toEqual(expected);
    expect(found.steps.map((f) => path.relative(root, f))).toEqual(expected);
  });

  it("adds the files of the dirs option", async () => {
    const found = await discoverWorkflowFiles({ root, dirs: ["jobs"] });
    expect(found.workflows.map((f) => path.relative(root, f))).toEqual([
      "jobs/nightly.ts",
      "workflows/chat.ts",
      "workflows/order.ts",
    ]);
  });
});
