/**
 * The JSON the dashboard's server sends and its page reads: one file both import (the page only
 * its types), so the two cannot drift apart.
 */

/** A run in the list (`RunSummary` as JSON). */
export interface RunRow {
  runId: string;
  workflowName: string;
  status: string;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  updatedAt: number;
  /** The run's concurrency limit, if it has one; without `admittedAt` it waits for a slot. */
  concurrency?: { key: string; limit: number };
  admittedAt?: number;
}

export interface RunsPage {
  runs: RunRow[];
  next: string | null;
}

export interface ErrorJson {
  name?: string;
  code?: string;
  message: string;
  stack?: string;
}

export interface StepJson {
  stepId: string;
  stepName: string;
  status: string;
  attempt: number;
  input: unknown;
  result?: unknown;
  /** The result as readable text (`formatValue`). */
  resultText?: string;
  error?: ErrorJson;
  lastError?: ErrorJson;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
}

export interface WaitJson {
  waitId: string;
  resumeAt: number;
  status: "waiting" | "completed";
  createdAt: number;
  completedAt?: number;
}

export interface HookJson {
  hookId: string;
  token: string;
  metadata?: unknown;
  isWebhook: boolean;
  status: "active" | "conflict" | "disposed";
  createdAt: number;
  received: number;
}

/** A run and its entities with every stored value decoded. */
export interface RunJson extends RunRow {
  input: unknown;
  /** The input as readable text (`formatValue`): a Map, a bigint, a Date shown as themselves. */
  inputText: string;
  output?: unknown;
  outputText?: string;
  error?: ErrorJson;
  eventCount: number;
  /** Its concurrency slot in words (`describeSlot`), when it has a limit. */
  slotText?: string;
  steps: StepJson[];
  waits: WaitJson[];
  hooks: HookJson[];
}

/** One event of the log, with the values it carries decoded. */
export interface EventJson {
  index: number;
  type: string;
  correlationId?: string;
  createdAt: number;
  data: Record<string, unknown>;
}

/** One span on the timeline: a step attempt, a sleep, or a hook waiting. */
export interface Span {
  start: number;
  /** Undefined while it lasts. */
  end?: number;
  outcome: "running" | "completed" | "retrying" | "failed" | "waiting" | "received" | "disposed";
  label: string;
  error?: ErrorJson;
}

/** One row of the timeline, in the order the run made them. */
export interface Lane {
  kind: "step" | "sleep" | "hook";
  id: string;
  name: string;
  spans: Span[];
}

export interface StreamJson {
  name: string;
  length: number;
  closed: boolean;
  error?: { message: string; name?: string };
}

export interface RunDetail {
  run: RunJson;
  /** Events in the log (the page asks for the state at each one: `RunAt`). */
  eventCount: number;
  lanes: Lane[];
  streams: StreamJson[];
  /** Whether the server can cancel, resume and start (`DashboardActions` given). */
  actions: boolean;
}

/** The run as it stood after its first `at` events (time travel). */
export interface RunAt {
  at: number;
  eventCount: number;
  /** Null before the first event. */
  run: RunJson | null;
  /** The last event folded in (number `at - 1`). */
  event: EventJson | null;
  /** Hook payloads received by then, in order. */
  received: Array<{ token: string; payload: unknown; payloadText: string }>;
}

export interface StreamChunks {
  name: string;
  from: number;
  chunks: unknown[];
  length: number;
  closed: boolean;
  error?: { message: string; name?: string };
}

/** Every error the server sends: a code, what happened, and what to do. */
export interface ApiError {
  code: string;
  message: string;
}
