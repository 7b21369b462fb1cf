/**
 * A language model for the agent tests (`MockLanguageModelV3` from "ai/test": no model can be
 * reached here). The first user message names a script ("scenario:<name>"); the n-th model
 * call of a conversation (n = assistant messages in the prompt) plays the script's n-th turn.
 * Every call is recorded on the host, so the tests can count them across replays.
 */
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV3, simulateReadableStream } from "ai/test";
import { getWorkflowMetadata } from "workflow";

export interface Turn {
  text?: string;
  toolCalls?: { toolName: string; input: unknown }[];
  /** The call fails with this message (every attempt). */
  error?: string;
}

export const SCRIPTS: Record<string, Turn[]> = {
  flights: [
    {
      toolCalls: [
        {
          toolName: "searchFlights",
          input: { origin: "SFO", destination: "JFK", date: "2026-12-24" },
        },
      ],
    },
    {
      text: "Found UA 100. ",
      toolCalls: [{ toolName: "bookFlight", input: { flightId: "UA100", passengers: 2 } }],
    },
    { text: "Booked UA 100 for 2 passengers." },
  ],
  "tool-errors": [
    {
      toolCalls: [
        {
          toolName: "searchFlights",
          input: { origin: "SFOX", destination: "JFK", date: "2026-12-24" },
        },
        { toolName: "refuse", input: { reason: "closed" } },
      ],
    },
    { text: "Sorry, I could not search." },
  ],
  "client-tool": [
    {
      toolCalls: [
        {
          toolName: "searchFlights",
          input: { origin: "SFO", destination: "LAX", date: "2026-12-25" },
        },
        { toolName: "askUser", input: { question: "Window or aisle?" } },
      ],
    },
    { text: "never reached" },
  ],
  "one-step": [
    {
      toolCalls: [
        {
          toolName: "searchFlights",
          input: { origin: "SFO", destination: "SEA", date: "2026-12-26" },
        },
      ],
    },
    { text: "never reached" },
  ],
  "model-down": [{ error: "model overloaded (529)" }],
  chat: [{ text: "Hello from the agent." }],
  story: [
    {
      text:
        "Once upon a time a workflow slept for a week, woke up on another machine, " +
        "and finished its story without losing a single word of it.",
    },
  ],
};

export interface RecordedCall {
  runId: string;
  scenario: string;
  turn: number;
  temperature: number | undefined;
  system: string | undefined;
  roles: string[];
  tools: string[];
  toolChoice: unknown;
}

const RECORD = Symbol.for("workflow-test-ai-calls");
export function recordedCalls(): RecordedCall[] {
  return ((globalThis as Record<symbol, RecordedCall[]>)[RECORD] ??= []);
}

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

export function scriptedModel() {
  const runId = getWorkflowMetadata().workflowRunId;
  return new MockLanguageModelV3({
    doStream: async ({ prompt, temperature, tools, toolChoice }) => {
      const firstUser = prompt.find((m) => m.role === "user");
      const text = Array.isArray(firstUser?.content)
        ? firstUser.content.map((p) => ("text" in p ? p.text : "")).join("")
        : "";
      const scenario = /scenario:(\S+)/.exec(text)?.[1] ?? "chat";
      const turn = prompt.filter((m) => m.role === "assistant").length;
      const system = prompt.find((m) => m.role === "system");
      recordedCalls().push({
        runId,
        scenario,
        turn,
        temperature,
        system: system?.role === "system" ? system.content : undefined,
        roles: prompt.map((m) => m.role),
        tools: (tools ?? []).map((t) => t.name),
        toolChoice,
      });
      const script = SCRIPTS[scenario]?.[turn] ?? { text: "(the script has no more turns)" };
      if (script.error) throw new Error(script.error);
      const parts: LanguageModelV3StreamPart[] = [{ type: "stream-start", warnings: [] }];
      if (script.text) {
        const id = `text-${turn}`;
        parts.push({ type: "text-start", id });
        for (const word of script.text.split(/(?<= )/))
          parts.push({ type: "text-delta", id, delta: word });
        parts.push({ type: "text-end", id });
      }
      (script.toolCalls ?? []).forEach((call, i) =>
        parts.push({
          type: "tool-call",
          toolCallId: `call-${turn}-${i}`,
          toolName: call.toolName,
          input: JSON.stringify(call.input),
        }),
      );
      parts.push({
        type: "finish",
        finishReason: { unified: script.toolCalls ? "tool-calls" : "stop", raw: undefined },
        usage,
      });
      return { stream: simulateReadableStream({ chunks: parts }) };
    },
  });
}
