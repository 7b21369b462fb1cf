/**
 * `wf inspect`, run as a process against the data directory of a running app (this test's
 * runtime on the file world, which stays open the whole time): each view in text and JSON, the
 * cursor of `runs`, a stream followed while the run writes it, and the one-line errors.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { resumeHook, start } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, PACKAGE_ROOT } from "../integrations/harness.js";
import { runWf } from "./run-wf.js";

const handle = <Args extends unknown[]>(name: string) =>
  Object.assign(async (..._args: Args): Promise<unknown> => undefined, {
    workflowId: `workflow//./test/cli/workflows/inspect//${name}`,
  });
const quote = handle<[string]>("quote");
const rejected = handle<[string]>("rejected");
const conversation = handle<[string]>("conversation");

let dir: string;
let runtime: Runtime;
const ids = { quote: "", rejected: "", conversation: "" };
const TOKEN = `inspect-conversation-token-${process.pid}`;

/** Runs `wf inspect ...args` on the app's data directory. */
function wf(args: string[], options: { onStdout?: (text: string) => void } = {}) {
  return runWf(["inspect", ...args], {
    ...options,
    env: { WORKFLOW_DATA_DIR: dir, WORKFLOW_TARGET_WORLD: "file" },
    timeoutMs: 30_000,
  });
}

const jsonOf = async (args: string[]) => {
  const result = await wf([...args, "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), "wf-inspect-"));
  runtime = createRuntime({
    world: createFileWorld({ dir }),
    bundles: createBundleSource({ root: PACKAGE_ROOT }),
  });
  await runtime.start();
  const first = await start(quote, ["MUG-01"], { runtime });
  await first.returnValue;
  ids.quote = first.runId;
  const second = await start(rejected, ["out of stock"], { runtime });
  await second.returnValue.catch(() => {});
  ids.rejected = second.runId;
  const third = await start(conversation, [TOKEN], { runtime });
  ids.conversation = third.runId;
  for (let i = 0; i < 200 && !(await runtime.world.getHookByToken(TOKEN)); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("wf inspect", () => {
  it("lists runs newest first, filtered, a page at a time", async () => {
    const all = await jsonOf(["runs"]);
    expect(all.runs.map((r: { runId: string }) => r.runId)).toEqual([
      ids.conversation,
      ids.rejected,
      ids.quote,
    ]);
    expect(all.next).toBeNull();
    const first = await jsonOf(["runs", "--limit", "2"]);
    expect(first.runs).toHaveLength(2);
    const rest = await jsonOf(["runs", "--limit", "2", "--cursor", first.next]);
    expect(rest.runs.map((r: { runId: string }) => r.runId)).toEqual([ids.quote]);
    const failed = await jsonOf(["runs", "--status", "failed"]);
    expect(failed.runs.map((r: { runId: string }) => r.runId)).toEqual([ids.rejected]);

    const text = await wf(["runs"]);
    expect(text.code).toBe(0);
    const [header, ...rows] = text.stdout.trim().split("\n");
    expect(header).toMatch(/^RUN ID\s+WORKFLOW\s+STATUS\s+CREATED\s+DURATION$/);
    expect(rows[0]).toMatch(new RegExp(`^${ids.conversation}\\s+conversation\\s+running\\s`));
    expect(rows[1]).toMatch(new RegExp(`^${ids.rejected}\\s+rejected\\s+failed\\s`));
  });

  it("shows a run's input, its decoded output, its steps; a failed one's error and stack", async () => {
    const done = await wf(["run", ids.quote]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("Status    completed");
    expect(done.stdout).toContain("Input     [ 'MUG-01' ]");
    expect(done.stdout).toMatch(/Output {4}\{[\s\S]*'cents' => 1250n/);
    expect(done.stdout).toMatch(/2026-01-02T00:00:00\.000Z/);
    expect(done.stdout).toMatch(/Steps\nSTEP\s+STATUS\s+ATTEMPTS[^\n]*\nprice\s+completed\s+1\s/);

    const failed = await wf(["run", ids.rejected]);
    expect(failed.stdout).toContain("Status    failed");
    expect(failed.stdout).toMatch(
      /Error {5}FatalError( \[\w+\])?: refused: out of stock\n\s+at refuse /,
    );

    const json = await jsonOf(["run", ids.quote]);
    expect(json.output).toEqual({
      sku: "MUG-01",
      line: {
        $Map: [
          ["sku", "MUG-01"],
          ["cents", { $BigInt: "1250" }],
          ["at", "2026-01-02T00:00:00.000Z"],
        ],
      },
    });
    expect(json.steps.map((s: { stepName: string }) => s.stepName)).toEqual([
      "step//./test/cli/workflows/inspect//price",
    ]);
  });

  it("lists the attempts of the steps, and the event log", async () => {
    const steps = await jsonOf(["steps", "--run", ids.rejected]);
    expect(steps.steps).toHaveLength(1);
    expect(steps.steps[0].attempts).toMatchObject([{ attempt: 1, outcome: "failed" }]);
    expect(steps.steps[0].attempts[0].error.message).toBe("refused: out of stock");
    const text = await wf(["steps", "--run", ids.rejected]);
    expect(text.stdout).toMatch(/refuse\s+1\s+failed\s/);

    const events = await jsonOf(["events", "--run", ids.quote]);
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      "run_created",
      "run_started",
      "step_created",
      "step_started",
      "step_completed",
      "run_completed",
    ]);
    expect(events[0].data.input).toEqual(["MUG-01"]);
    // --raw: the log as stored, the form replayRun() of workflow/testing takes.
    const raw = await wf(["events", "--run", ids.quote, "--raw"]);
    expect(raw.code).toBe(0);
    const stored = JSON.parse(raw.stdout);
    expect(stored.runId).toBe(ids.quote);
    expect(stored.events.map((e: { index: number }) => e.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(typeof stored.events[0].data.input).toBe("string");
    const eventText = await wf(["events", "--run", ids.quote]);
    expect(eventText.stdout).toMatch(/run_created\s+quote/);
  });

  it("lists live hooks across runs with their token and metadata", async () => {
    const hooks = await jsonOf(["hooks"]);
    expect(hooks).toEqual([
      expect.objectContaining({
        token: TOKEN,
        runId: ids.conversation,
        isWebhook: false,
        status: "active",
        metadata: { channel: "support" },
      }),
    ]);
    const text = await wf(["hooks", "--run", ids.conversation]);
    expect(text.stdout).toContain(TOKEN);
    expect(text.stdout).toContain("channel: 'support'");
    expect((await wf(["hooks", "--run", ids.quote])).stdout).toBe("No live hooks.\n");
  });

  it("lists a run's streams and prints one", async () => {
    const streams = await jsonOf(["streams", "--run", ids.conversation]);
    expect(streams).toEqual([{ name: "user", length: 2, closed: false }]);
    expect((await wf(["stream", ids.conversation])).stdout).toBe("hellohow are you?");
  });

  // Needs the file world's read-only opener to see chunks another process appends.
  it("follows a stream while the run writes it", async () => {
    let resumed = false;
    const follow = wf(["stream", ids.conversation, "--follow", "--json"], {
      onStdout: (text) => {
        // Both stored chunks were printed: now the run writes the rest.
        if (!resumed && text.split("\n").length > 2) {
          resumed = true;
          void resumeHook(TOKEN, { reply: "fine" }, { runtime });
        }
      },
    });
    const result = await follow;
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { index: 0, value: "hello" },
      { index: 1, value: "how are you?" },
      { index: 2, value: "you said: fine" },
    ]);
  });

  it("says what is wrong in one line, with exit code 1", async () => {
    const unknown = await wf(["run", "wrun_nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`wf inspect: no run wrun_nope in file:${dir}\n`);
    expect(unknown.stdout).toBe("");
    const missing = await wf(["runs", "--dir", path.join(dir, "missing")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `wf inspect: no workflow data directory at ${path.join(dir, "missing")} (--dir)\n`,
    );
    const status = await wf(["runs", "--status", "done"]);
    expect(status.stderr).toMatch(/--status must be one of pending, running/);
    const cursor = await wf(["runs", "--cursor", "garbage"]);
    expect(cursor.code).toBe(1);
    expect(cursor.stderr).toMatch(/^wf inspect: listRuns: cursor "garbage" is not a cursor/);
  });
});
