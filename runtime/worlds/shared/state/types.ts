import type { ConcurrencyLimit, StoredError } from "../events.js";

export type RunStatus = "pending" | "running" | "completed" | "failed" | "cancelled";
export type StepStatus = "pending" | "running" | "completed" | "failed";

export interface StepState {
  stepId: string;
  stepName: string;
  status: StepStatus;
  input: string;
  /** Attempts started so far (1-based once running). */
  attempt: number;
  createdAt: number;
  /** First attempt's start. */
  startedAt?: number;
  /** A retrying step may not start before this (epoch ms). */
  retryAfter?: number;
  /** The running attempt's lease: no other attempt starts before `leaseUntil` (epoch ms). */
  leaseUntil?: number;
  leaseOwner?: string;
  /** The running attempt counts as timed out past this (epoch ms; `fn.timeout`). */
  deadline?: number;
  lastError?: StoredError;
  result?: string;
  error?: StoredError;
  completedAt?: number;
}

export interface WaitState {
  waitId: string;
  resumeAt: number;
  status: "waiting" | "completed";
  createdAt: number;
  completedAt?: number;
}

export interface HookState {
  hookId: string;
  token: string;
  metadata?: string;
  isWebhook: boolean;
  /** `conflict`: another live hook held the token; `disposed`: released (also when the run ended). */
  status: "active" | "conflict" | "disposed";
  createdAt: number;
  received: number;
}

/** A run and its entities: a pure function of its event log. */
export interface RunState {
  runId: string;
  workflowName: string;
  status: RunStatus;
  input: string;
  seed: string;
  deploymentId?: string;
  /** `start(..., { timeout })` in ms: the run's deadline is `createdAt + timeoutMs`. */
  timeoutMs?: number;
  /** The key and limit whose slot the run needs to start (see `shared/concurrency.ts`). */
  concurrency?: ConcurrencyLimit;
  /**
   * When the run took a slot of its `concurrency` key (`run_admitted`). A run with a
   * `concurrency` and no `admittedAt` is `pending` and waits in line for a slot.
   */
  admittedAt?: number;
  /** The key it was started with (`start(..., { idempotencyKey })`), unique among retained runs. */
  idempotencyKey?: string;
  output?: string;
  error?: StoredError;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  updatedAt: number;
  /** Events in the log; the next event's index. */
  eventCount: number;
  steps: Map<string, StepState>;
  waits: Map<string, WaitState>;
  hooks: Map<string, HookState>;
}

/** The part of a run that lists and status checks need. */
export type RunSummary = Omit<RunState, "steps" | "waits" | "hooks" | "input" | "output" | "seed">;

export const TERMINAL_RUN_STATUSES = new Set<RunStatus>(["completed", "failed", "cancelled"]);
