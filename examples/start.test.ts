/**
 * `npm start` end to end: the order example on a fresh file world, run twice. Runs
 * examples/start.mjs, which imports `workflow/register` from dist/, so dist/ must be built
 * (`npm install` does it).
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const script = path.join(import.meta.dirname, "start.mjs");
const dataDir = mkdtempSync(path.join(tmpdir(), "wf-example-"));

async function npmStart() {
  const env: NodeJS.ProcessEnv = { ...process.env, WORKFLOW_DATA_DIR: dataDir };
  delete env.WORKFLOW_TARGET_WORLD;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script], { env });
    return { code: 0, stdout };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout: `${stdout}\n${stderr}` };
  }
}

/** The seconds printed at the start of the first line matching `pattern`. */
function timeOf(stdout: string, pattern: RegExp): number {
  const line = stdout.split("\n").find((l) => pattern.test(l));
  expect(line, `a line matching ${pattern}`).toBeDefined();
  return Number(/\+(\d+\.\d+)s/.exec(line!)![1]);
}

describe("npm start", () => {
  it("runs the order example on the file world, and finds earlier runs the second time", async () => {
    const first = await npmStart();
    expect(first.code, first.stdout).toBe(0);
    const out = first.stdout;

    // The good order: the payment retry, the sleep, the fan-out, the result.
    expect(out).toMatch(
      /chargePayment +retrying in 0\.5s after RetryableError: payment provider busy \(HTTP 429\)/,
    );
    expect(out).toMatch(/chargePayment +started attempt 2/);
    expect(out).toMatch(/chargePayment +completed -> "pay_ord-1001_10800_/);
    const slept = timeOf(out, /sleep +done/) - timeOf(out, /sleep +2\.0s/);
    expect(slept).toBeGreaterThanOrEqual(1.9);
    expect(out.match(/packLine +started/g)).toHaveLength(3);
    expect(out.match(/packLine +completed/g)).toHaveLength(3);
    expect(out).toMatch(/run completed\nresult: \{\n  orderId: 'ord-1001',\n  total: '\$108\.00'/);

    // The bad order: FatalError, no retry, the run fails with its message.
    const fatal = "FatalError: line 2 (TEE-M): quantity must be a positive whole number, got -1";
    expect(out).toContain(`validateOrder     failed: ${fatal}`);
    expect(out).toContain(`run failed        ${fatal}`);
    expect(out).not.toMatch(/validateOrder +retrying/);
    expect(out).toContain(`2 runs in ${dataDir} (0 from earlier invocations)`);

    const second = await npmStart();
    expect(second.code, second.stdout).toBe(0);
    expect(second.stdout).toContain("run completed");
    expect(second.stdout).toContain(`4 runs in ${dataDir} (2 from earlier invocations)`);
  });
});
