/**
 * How an app's test uses the kit: it imports its workflow module as the workflow plugin of its
 * test runner compiles it (client mode: IDs stamped on workflows and steps), and passes those
 * functions themselves to start() and mockStep(). Here the module is compiled with our compiler
 * into a file beside the original, then imported.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { transform } from "../../compiler/index.js";
import { createTestRuntime } from "../../integrations/testing/index.js";
import { ROOT } from "./handles.js";

const SOURCE = path.join(ROOT, "test/testing/workflows/long-running.ts");
const OUT_DIR = path.join(ROOT, `test/testing/workflows/.client-${process.pid}`);

let app: typeof import("./workflows/long-running.js");
beforeAll(async () => {
  const { code, diagnostics } = transform(await readFile(SOURCE, "utf8"), {
    filename: SOURCE,
    root: ROOT,
    mode: "client",
    sourceMaps: false,
  });
  expect(diagnostics).toEqual([]);
  await mkdir(OUT_DIR, { recursive: true });
  const out = path.join(OUT_DIR, "long-running.ts");
  await writeFile(out, code);
  app = await import(out);
});
afterAll(() => rm(OUT_DIR, { recursive: true, force: true }));

it("starts and mocks by the functions the app imports", async () => {
  expect((app.chargeCard as { stepId?: string }).stepId).toBe(
    "step//./test/testing/workflows/long-running//chargeCard",
  );
  const runtime = await createTestRuntime({ root: ROOT });
  try {
    runtime.mockStep(app.chargeCard, async (orderId, cents) => `pay_${orderId}_${cents}`);
    const run = await runtime.start(app.checkout, ["o9", 500]);
    expect(await run.returnValue).toEqual({ orderId: "o9", paymentId: "pay_o9_500" });
    expect(runtime.calls(app.chargeCard).map((c) => c.args)).toEqual([["o9", 500]]);
  } finally {
    await runtime.close();
  }
});

it("says how to fix a step function without an ID", async () => {
  const runtime = await createTestRuntime({ root: ROOT });
  try {
    const plain = async function chargeCard() {};
    expect(() => runtime.mockStep(plain, async () => undefined)).toThrow(
      /chargeCard has no stepId.*workflow plugin/,
    );
  } finally {
    await runtime.close();
  }
});
