/**
 * What the agent in the workflow sandbox and its built-in steps on the host pass each other.
 * All of it is plain data: it is serialized into the run's log.
 */
import type { JSONSchema } from "./tool-schema.js";

/** A UI message stream chunk (the `UIMessageChunk` of "ai"), as written to the run's stream. */
export type UIChunk = { type: string } & Record<string, unknown>;

/** A model message (the `ModelMessage` of "ai"): system, user, assistant or tool. */
export type ModelMessage = { role: string; content: unknown } & Record<string, unknown>;

/** The model a `DurableAgent` calls: a gateway model ID, or a `"use step"` factory. */
export type ModelSpec = string | (() => Promise<unknown>);

/** Generation settings passed through to the model call. */
export interface GenerationSettings {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: string[];
  seed?: number;
  headers?: Record<string, string | undefined>;
  providerOptions?: Record<string, Record<string, unknown>>;
}

export const GENERATION_SETTING_KEYS = [
  "maxOutputTokens",
  "temperature",
  "topP",
  "topK",
  "presencePenalty",
  "frequencyPenalty",
  "stopSequences",
  "seed",
  "headers",
  "providerOptions",
] as const satisfies readonly (keyof GenerationSettings)[];

export type ToolChoice = "auto" | "none" | "required" | { type: "tool"; toolName: string };

export interface ModelCallRequest {
  model: ModelSpec;
  system?: string;
  messages: ModelMessage[];
  /** Every tool the model may call, as the model sees it. */
  tools: Record<string, { description?: string; inputSchema: JSONSchema }>;
  toolChoice?: ToolChoice;
  activeTools?: string[];
  settings: GenerationSettings;
  /** Chunks to write before the model's: `start`, the previous round's tool outputs. */
  prelude: UIChunk[];
}

export interface ToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
}

export interface ModelCallResult {
  finishReason: string;
  usage: {
    inputTokens?: number;
    outputTokens?: number;
    totalTokens?: number;
  } & Record<string, unknown>;
  text: string;
  reasoningText?: string;
  toolCalls: ToolCall[];
  /** The assistant message(s) of this call, as model messages. */
  responseMessages: ModelMessage[];
  response: { id: string; modelId: string; timestamp: Date };
  warnings: unknown[];
}
