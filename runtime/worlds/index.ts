import { createFileWorld, type FileWorldOptions } from "./file/file-world.js";
import { createMemoryWorld } from "./memory/memory-world.js";
import { createPostgresWorld } from "./postgres/postgres-world.js";
import type { World } from "./shared/world.js";

export type {
  EventOf,
  EventPayloads,
  EventType,
  NewEvent,
  StoredError,
  StoredEvent,
} from "./shared/events.js";
export { EVENT_TYPES, SERIALIZED_FIELDS, TERMINAL_RUN_EVENTS } from "./shared/events.js";
export {
  type ConcurrencyLimit,
  describeSlot,
  holdsSlot,
  waitsForSlot,
} from "./shared/concurrency.js";
export { createFileWorld, type FileWorldOptions } from "./file/file-world.js";
export type { LocalQueue, LocalQueueOptions } from "./local/local-queue.js";
export type { LocalWorld, LocalWorldOptions } from "./local/local-world.js";
export { createMemoryWorld, type MemoryWorldOptions } from "./memory/memory-world.js";
export { applyEvent, foldEvents } from "./shared/state/apply.js";
export type {
  HookState,
  RunState,
  RunStatus,
  RunSummary,
  StepState,
  StepStatus,
  WaitState,
} from "./shared/state/types.js";
export { TERMINAL_RUN_STATUSES } from "./shared/state/types.js";
export type {
  EnqueueOptions,
  QuarantinedRun,
  Queue,
  QueueHandler,
  QueueMessage,
  RunFilter,
  RunPage,
  World,
} from "./shared/world.js";
export { DataDirLockedError, type LockHolder } from "./file/dir-lock.js";
export type {
  StreamAppendOptions,
  StreamError,
  StreamInfo,
  StreamReadOptions,
  StreamStore,
} from "./shared/stream-store.js";
export { WorldError, type WorldErrorCode } from "./shared/world-error.js";
export type { OverlapPolicy, ScheduleState, ScheduleStore } from "./shared/schedules.js";
export { IdempotencyKeyInUseError } from "./shared/idempotency.js";
export {
  createPostgresWorld,
  PostgresWorld,
  type PostgresWorldOptions,
} from "./postgres/postgres-world.js";

/** The backends `WORKFLOW_TARGET_WORLD` can name. */
export const WORLD_TARGETS = ["memory", "file", "postgres"] as const;
export type WorldTarget = (typeof WORLD_TARGETS)[number];

/** Options of {@link createWorld}: the target's, plus the target itself. */
export interface CreateWorldOptions extends FileWorldOptions {
  /**
   * Which backend; `dir`, `fsync` and `readOnly` apply to `file` only.
   * @default process.env.WORKFLOW_TARGET_WORLD ?? "file"
   */
  target?: string;
}

/**
 * The world `WORKFLOW_TARGET_WORLD` names (`memory`, `file`, or `postgres` on
 * `WORKFLOW_POSTGRES_URL`), not yet started.
 */
export function createWorld(options: CreateWorldOptions = {}): World {
  const {
    target = process.env.WORKFLOW_TARGET_WORLD || "file",
    dir,
    fsync,
    readOnly,
    ...common
  } = options;
  switch (target) {
    case "memory":
      return createMemoryWorld(common);
    case "file":
      return createFileWorld({ ...common, dir, fsync, readOnly });
    case "postgres":
      return createPostgresWorld(common);
    default:
      throw new Error(
        `Unknown world ${JSON.stringify(target)} (from ${options.target === undefined ? "WORKFLOW_TARGET_WORLD" : "the target option"}); ` +
          `use one of: ${WORLD_TARGETS.join(", ")}`,
      );
  }
}
