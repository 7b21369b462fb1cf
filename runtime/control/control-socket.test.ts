/** The control socket facing a careless or hostile local caller: it answers, and writes nothing. */
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../engine/runtime.js";
import { createMemoryWorld } from "../worlds/index.js";
import { sendControl, serveControl } from "./control-socket.js";

let dir: string;
let socket: string;
let runtime: Runtime;
let stop: () => Promise<void>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wf-control-"));
  socket = path.join(dir, "control.sock");
  runtime = createRuntime({
    world: createMemoryWorld(),
    bundles: {
      getWorkflowBundle: () => Promise.reject(new Error("none")),
      getStep: async () => undefined,
    },
    execute: false,
  });
  await runtime.start();
  stop = await serveControl(runtime, socket);
});
afterAll(async () => {
  await stop?.();
  await runtime?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends raw bytes; the reply as text. */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = connect(socket);
    let reply = "";
    client.on("connect", () => client.write(bytes));
    client.on("data", (chunk) => (reply += chunk.toString()));
    client.on("end", () => resolve(reply));
    client.on("error", reject);
  });
}

describe("control socket", () => {
  it("answers malformed and oversized requests with a code, writing nothing", async () => {
    expect(JSON.parse(await raw("not json\n"))).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(JSON.parse(await raw('{"op":"drop","runId":"x"}\n'))).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
    });
    expect(JSON.parse(await raw(Buffer.alloc(1024 * 1024 + 10, "a")))).toMatchObject({
      ok: false,
      code: "TOO_LARGE",
    });
    expect((await runtime.world.listRuns()).runs).toEqual([]);
  });

  it("refuses a start whose arguments are not an array, or not readable", async () => {
    const notArray = await sendControl(socket, {
      op: "start",
      workflowName: "workflow//./x//y",
      input: '[{"a":1},1]',
    });
    expect(notArray).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    const garbage = await sendControl(socket, {
      op: "start",
      workflowName: "workflow//./x//y",
      input: "[[1,2",
    });
    expect(garbage.ok).toBe(false);
    expect((await runtime.world.listRuns()).runs).toEqual([]);
  });

  it("starts a run and cancels it", async () => {
    const started = await sendControl(socket, {
      op: "start",
      workflowName: "workflow//./x//y",
      input: "[[1],1]",
    });
    expect(started).toMatchObject({ ok: true });
    const runId = (started as { runId: string }).runId;
    expect((await runtime.world.getRun(runId))?.status).toBe("pending");
    expect(await sendControl(socket, { op: "cancel", runId })).toEqual({ ok: true, runId });
    expect((await runtime.world.getRun(runId))?.status).toBe("cancelled");
  });
});
