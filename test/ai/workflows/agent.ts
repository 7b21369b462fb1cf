/**
 * The seed's DurableAgent example, nearly as written (a scripted model instead of a gateway
 * model ID, and a small flight API), plus the other shapes a tool loop can take.
 */
import { createHook, getStepMetadata, getWritable } from "workflow";
import { DurableAgent, type ModelMessage } from "@workflow/ai";
import { z } from "zod";
import { scriptedModel } from "./scripted-model.js";

/** The model, made in the step that calls it. */
async function model() {
  "use step";
  return scriptedModel();
}

const attempts = new Map<string, number>();
const flightAPI = {
  async search(origin: string, destination: string, date: string) {
    // The first attempt of each search fails, as a flaky API would: the step retries.
    const { stepId } = getStepMetadata();
    const attempt = (attempts.get(stepId) ?? 0) + 1;
    attempts.set(stepId, attempt);
    if (attempt === 1) throw new Error("flight API timed out");
    return [{ flightId: "UA100", origin, destination, date, price: 420 }];
  },
  async book(flightId: string, passengers: number) {
    return { confirmation: `${flightId}-${passengers}-OK` };
  },
};

const agent = new DurableAgent({
  model,
  system: "You are a helpful flight booking assistant.",
  temperature: 0.7,
  maxOutputTokens: 1000,

  tools: {
    searchFlights: {
      description: "Search for available flights",
      parameters: z.object({
        origin: z.string().length(3),
        destination: z.string().length(3),
        date: z.string(),
      }),
      execute: async ({ origin, destination, date }) => {
        "use step"; // Auto-retry on failure
        return await flightAPI.search(origin, destination, date);
      },
    },

    bookFlight: {
      description: "Book a flight",
      parameters: z.object({
        flightId: z.string(),
        passengers: z.number(),
      }),
      execute: async ({ flightId, passengers }) => {
        "use step";
        return await flightAPI.book(flightId, passengers);
      },
    },

    refuse: {
      description: "Always fails",
      inputSchema: z.object({ reason: z.string() }),
      execute: async ({ reason }: { reason: string }) => {
        "use step";
        throw new Error(`refused: ${reason}`);
      },
    },

    askUser: {
      description: "Ask the user a question (answered in the browser)",
      inputSchema: z.object({ question: z.string() }),
    },
  },

  toolChoice: "auto", // or "required", "none", { type: "tool", toolName: "..." }
});

export async function bookTrip(scenario: string, maxSteps = 10) {
  "use workflow";
  const conversationHistory: ModelMessage[] = [
    { role: "user", content: `scenario:${scenario} Book me SFO to JFK on Christmas Eve.` },
  ];
  const log: string[] = [];

  // Stream response
  const result = await agent.stream({
    messages: conversationHistory,
    writable: getWritable(),
    maxSteps,

    prepareStep: async (step) => {
      // Modify settings before each LLM call
      return {
        ...step,
        temperature: step.stepIndex > 0 ? 0.5 : 0.7,
      };
    },

    onFinish: (result) => {
      log.push(`finished: ${result.finishReason}`);
    },

    onError: (error) => {
      log.push(`error: ${String((error as { error: Error }).error.message)}`);
    },
  });

  return {
    messages: result.messages,
    steps: result.steps.map((s) => ({
      text: s.text,
      finishReason: s.finishReason,
      toolCalls: s.toolCalls.map((c) => c.toolName),
      toolResults: s.toolResults.map((r) => ({
        tool: r.toolName,
        output: r.output,
        isError: r.isError ?? false,
      })),
    })),
    toolCalls: result.toolCalls.map((c) => c.toolName),
    text: result.text,
    totalUsage: result.totalUsage,
    log,
  };
}

/** A model that fails: onError sees it, the stream gets an error chunk and ends, the run fails. */
export async function modelDown() {
  "use workflow";
  const log: string[] = [];
  try {
    await agent.stream({
      messages: [{ role: "user", content: "scenario:model-down hi" }],
      onError: ({ error }) => {
        log.push(`onError: ${(error as Error).message}`);
      },
    });
  } catch (error) {
    return { caught: (error as Error).message, log };
  }
  return { caught: null, log };
}

/** A model object (not a step) cannot cross into the step that calls it: a clear error. */
export async function plainFunctionModel() {
  "use workflow";
  const bad = new DurableAgent({ model: (async () => ({})) as never });
  await bad.stream({ messages: [{ role: "user", content: "hi" }] });
}

/**
 * A chat of several turns in one run: the stream stays open between turns (one `start`, one
 * `finish`), and the next user message arrives through a hook.
 */
export async function multiTurn(chatId: string, turns: number) {
  "use workflow";
  let messages: ModelMessage[] = [{ role: "user", content: "scenario:chat hi" }];
  const nextMessage = createHook<{ text: string }>({ token: `chat:${chatId}` });
  const writable = getWritable();
  for (let turn = 1; turn <= turns; turn++) {
    const last = turn === turns;
    const result = await agent.stream({
      messages,
      writable,
      preventClose: !last,
      sendStart: turn === 1,
      sendFinish: last,
    });
    messages = result.messages;
    if (!last) messages.push({ role: "user", content: (await nextMessage).text });
  }
  return messages.map((m) => `${m.role}: ${typeof m.content === "string" ? m.content : "..."}`);
}

/** prepareStep steering later calls (system, tools, tool choice); onStepFinish after each. */
export async function steered() {
  "use workflow";
  const log: string[] = [];
  await agent.stream({
    messages: [{ role: "user", content: "scenario:flights SFO to JFK" }],
    prepareStep: ({ stepNumber }) =>
      stepNumber === 1
        ? {
            system: "Now book the flight.",
            activeTools: ["bookFlight"],
            toolChoice: { type: "tool", toolName: "bookFlight" },
          }
        : undefined,
    onStepFinish: (step) => {
      log.push(
        `${step.stepNumber}: ${step.finishReason} [${step.toolCalls.map((c) => c.toolName)}]`,
      );
    },
  });
  return log;
}
