/**
 * DurableAgent end to end on the engine: the seed's flight-booking agent with a scripted model,
 * every model call a step (and never called again on replay), tools as steps that retry, tool
 * errors fed back to the model, client-side tools, maxSteps, prepareStep, the callbacks, and the
 * UI message chunks on the run's stream. Memory and file worlds, sticky cache on and off.
 */
import { describe, expect, it } from "vitest";
import { resumeHook, start } from "../../runtime/api/index.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { WorkflowRunFailedError } from "../../runtime/errors/index.js";
import { describeSetup, readAll, SETUPS, useTestRuntime } from "../streams/harness.js";
import { waitForEvent } from "../support/wait-for-event.js";
import { recordedCalls } from "./workflows/scripted-model.js";

function workflow<Args extends unknown[] = unknown[], R = unknown>(name: string) {
  const handle = async (..._args: Args): Promise<R> => {
    throw new Error("test handle: use start()");
  };
  return Object.assign(handle, { workflowId: `workflow//./test/ai/workflows/agent//${name}` });
}

interface TripResult {
  messages: { role: string; content: unknown }[];
  steps: {
    text: string;
    finishReason: string;
    toolCalls: string[];
    toolResults: { tool: string; output: unknown; isError: boolean }[];
  }[];
  toolCalls: string[];
  text: string;
  totalUsage: { inputTokens: number; outputTokens: number; totalTokens: number };
  log: string[];
}
const bookTrip = workflow<[string, number?], TripResult>("bookTrip");
const modelDown = workflow<[], { caught: string | null; log: string[] }>("modelDown");
const plainFunctionModel = workflow<[], unknown>("plainFunctionModel");
const multiTurn = workflow<[string, number], string[]>("multiTurn");
const steered = workflow<[], string[]>("steered");

const callsOf = (runId: string) => recordedCalls().filter((c) => c.runId === runId);

describe.each(SETUPS)("DurableAgent ($world world, sticky $stickyCacheSize)", (setup) => {
  let runtime: Runtime;
  useTestRuntime(setup, (created) => (runtime = created));

  it(`runs the seed's flight agent: three model calls, two tools, one answer (${describeSetup(setup)})`, async () => {
    const run = await start(bookTrip, ["flights"], { runtime });
    const chunks = (await readAll(run.readable)) as { type: string }[];
    const result = await run.returnValue;

    // Each model call happened once, whatever the replays; prepareStep set the temperatures.
    const calls = callsOf(run.runId);
    expect(calls.map((c) => c.turn)).toEqual([0, 1, 2]);
    expect(calls.map((c) => c.temperature)).toEqual([0.7, 0.5, 0.5]);
    expect(calls[0]!.system).toBe("You are a helpful flight booking assistant.");
    expect(calls[0]!.tools.sort()).toEqual(["askUser", "bookFlight", "refuse", "searchFlights"]);
    expect(calls[2]!.roles).toEqual(["system", "user", "assistant", "tool", "assistant", "tool"]);

    expect(result.text).toBe("Booked UA 100 for 2 passengers.");
    expect(result.steps.map((s) => s.toolCalls)).toEqual([["searchFlights"], ["bookFlight"], []]);
    expect(result.steps[0]!.toolResults).toEqual([
      {
        tool: "searchFlights",
        output: [
          { flightId: "UA100", origin: "SFO", destination: "JFK", date: "2026-12-24", price: 420 },
        ],
        isError: false,
      },
    ]);
    expect(result.steps[1]!.toolResults[0]!.output).toEqual({ confirmation: "UA100-2-OK" });
    expect(result.messages.map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "assistant",
      "tool",
      "assistant",
    ]);
    expect(result.messages[2]!.content).toEqual([
      expect.objectContaining({
        type: "tool-result",
        toolName: "searchFlights",
        output: expect.objectContaining({ type: "json" }),
      }),
    ]);
    expect(result.totalUsage).toEqual({ inputTokens: 30, outputTokens: 15, totalTokens: 45 });
    expect(result.log).toEqual(["finished: stop"]);

    // The UI sees one message: tool inputs, their outputs, the answer, one finish.
    const types = chunks.map((c) => c.type);
    expect(types).toEqual([
      "start",
      "start-step",
      "tool-input-available",
      "finish-step",
      "tool-output-available",
      "start-step",
      "text-start",
      "text-delta",
      "text-delta",
      "text-delta",
      "text-end",
      "tool-input-available",
      "finish-step",
      "tool-output-available",
      "start-step",
      "text-start",
      ...Array(6).fill("text-delta"),
      "text-end",
      "finish-step",
      "finish",
    ]);
    expect(chunks[0]).toEqual({ type: "start", messageId: expect.any(String) });
    expect(chunks[4]).toEqual({
      type: "tool-output-available",
      toolCallId: "call-0-0",
      output: [
        { flightId: "UA100", origin: "SFO", destination: "JFK", date: "2026-12-24", price: 420 },
      ],
    });

    // Every model call and every tool call is a step; the flaky search took two attempts.
    const events = await runtime.world.readEvents(run.runId);
    const created = events
      .filter((e) => e.type === "step_created")
      .map((e) => (e.data as { stepName: string }).stepName);
    expect(created.filter((n) => n === "__builtin_ai_model_call")).toHaveLength(3);
    expect(created.filter((n) => n.endsWith("searchFlights/execute"))).toHaveLength(1);
    expect(created.filter((n) => n.endsWith("bookFlight/execute"))).toHaveLength(1);
    expect(events.filter((e) => e.type === "step_retrying")).toHaveLength(1);
  });

  it("feeds tool errors and invalid input back to the model, and goes on", async () => {
    const run = await start(bookTrip, ["tool-errors"], { runtime });
    const result = await run.returnValue;
    expect(result.steps[0]!.toolResults).toEqual([
      {
        tool: "searchFlights",
        output: expect.stringMatching(/^Invalid input for tool "searchFlights": origin: /),
        isError: true,
      },
      { tool: "refuse", output: expect.stringContaining("refused: closed"), isError: true },
    ]);
    const toolMessage = result.messages[2]!;
    expect(toolMessage.role).toBe("tool");
    expect(
      (toolMessage.content as { output: { type: string } }[]).map((p) => p.output.type),
    ).toEqual(["error-text", "error-text"]);
    expect(result.text).toBe("Sorry, I could not search.");
    const chunks = (await readAll(run.getReadable())) as { type: string }[];
    expect(chunks.filter((c) => c.type === "tool-output-error")).toHaveLength(2);
  });

  it("stops at a tool left to the client, after running the others", async () => {
    const run = await start(bookTrip, ["client-tool"], { runtime });
    const result = await run.returnValue;
    expect(callsOf(run.runId)).toHaveLength(1);
    expect(result.toolCalls).toEqual(["searchFlights", "askUser"]);
    expect(result.steps[0]!.toolResults.map((r) => r.tool)).toEqual(["searchFlights"]);
    expect(result.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    const types = ((await readAll(run.getReadable())) as { type: string }[]).map((c) => c.type);
    expect(types.slice(-2)).toEqual(["tool-output-available", "finish"]);
  });

  it("makes at most maxSteps model calls, still running that call's tools", async () => {
    const run = await start(bookTrip, ["one-step", 1], { runtime });
    const result = await run.returnValue;
    expect(callsOf(run.runId)).toHaveLength(1);
    expect(result.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(result.log).toEqual(["finished: tool-calls"]);
  });

  it("calls onError when the model stays down, ends the stream with an error chunk, and throws", async () => {
    const run = await start(modelDown, [], { runtime });
    const result = await run.returnValue;
    expect(callsOf(run.runId)).toHaveLength(4); // the step's 4 attempts
    expect(result.caught).toMatch(/model overloaded \(529\)/);
    expect(result.log).toEqual([expect.stringMatching(/^onError: .*model overloaded \(529\)/)]);
    const chunks = (await readAll(run.getReadable())) as { type: string; errorText?: string }[];
    expect(chunks.map((c) => c.type)).toEqual(["start", "error", "finish"]);
    expect(chunks[1]!.errorText).toMatch(/model overloaded/);
  });

  it("lets prepareStep change the system prompt, the tools and the tool choice for later calls", async () => {
    const run = await start(steered, [], { runtime });
    expect(await run.returnValue).toEqual([
      "0: tool-calls [searchFlights]",
      "1: tool-calls [bookFlight]",
      "2: stop []",
    ]);
    const calls = callsOf(run.runId);
    expect(calls.map((c) => c.system)).toEqual([
      "You are a helpful flight booking assistant.",
      "Now book the flight.",
      "Now book the flight.",
    ]);
    expect(calls.map((c) => c.tools.sort())).toEqual([
      ["askUser", "bookFlight", "refuse", "searchFlights"],
      ["bookFlight"],
      ["bookFlight"],
    ]);
    expect(calls.map((c) => c.toolChoice)).toEqual([
      { type: "auto" },
      { type: "tool", toolName: "bookFlight" },
      { type: "tool", toolName: "bookFlight" },
    ]);
  });

  it("holds a chat of three turns in one run, the stream open between them", async () => {
    const chatId = `c-${setup.world}-${setup.stickyCacheSize}`;
    const run = await start(multiTurn, [chatId, 3], { runtime });
    const chunks = readAll(run.readable) as Promise<{ type: string }[]>;
    await waitForEvent(runtime, run.runId, (event) => event.type === "hook_created");
    for (const text of ["and again", "once more"]) {
      // Messages that arrive before the workflow awaits the hook are kept, in order.
      await resumeHook(`chat:${chatId}`, { text }, { runtime });
    }
    expect(await run.returnValue).toEqual([
      "user: scenario:chat hi",
      "assistant: ...",
      "user: and again",
      "assistant: ...",
      "user: once more",
      "assistant: ...",
    ]);
    const types = (await chunks).map((c) => c.type);
    expect(types.filter((t) => t === "start")).toHaveLength(1);
    expect(types.filter((t) => t === "start-step")).toHaveLength(3);
    expect(types.filter((t) => t === "finish")).toHaveLength(1);
    expect(types.at(-1)).toBe("finish");
    const userMessages = callsOf(run.runId).map((c) => c.roles.filter((r) => r === "user").length);
    expect(userMessages).toEqual([1, 2, 3]);
  });

  it('explains that a model must be an ID or a "use step" factory', async () => {
    const run = await start(plainFunctionModel, [], { runtime });
    const error = await run.returnValue.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowRunFailedError);
    expect(String((error as WorkflowRunFailedError).cause)).toMatch(
      /"model" is a function without "use step"\. Pass a model ID .* or a "use step" function/,
    );
  });
});

describe("DurableAgent outside a workflow", () => {
  it("says stream() belongs in a workflow", async () => {
    const { DurableAgent } = await import("../../runtime/ai/index.js");
    const agent = new DurableAgent({ model: "anthropic/claude-haiku-4.5" });
    await expect(agent.stream({ messages: [] })).rejects.toThrow(
      /can only be called inside a workflow function \("use workflow"\)/,
    );
  });
});
