/**
 * How streams cross the runtime's boundaries (the serialization layer's `streams` callbacks).
 * Every stream crosses as a reference `{ runId, name }` to a stream of the world's store:
 * - in the workflow sandbox it is a handle that can only be passed on (stream-handle.ts);
 * - in a step or a client it is a real WritableStream / ReadableStream over the store;
 * - a ReadableStream a step returns is stored under a new name as it is produced.
 */
import { randomUUID } from "node:crypto";
import type { StreamCodec, StreamKind } from "../serialization/index.js";
import {
  STREAM_HANDLE_FACTORY,
  STREAM_REF,
  type StreamRef,
  toStreamRef,
  toValueStreamName,
} from "../workflow/stream-names.js";
import type { StreamStore } from "../worlds/shared/stream-store.js";
import type { Bridge } from "./sandbox/bridge.js";
import {
  createStoreReadable,
  createStoreWritable,
  getStreamRef,
  PendingWrites,
  pipeToStore,
} from "./stream-io.js";

/** Streams inside the workflow sandbox whose global is `global`: handles only. */
export function createSandboxStreamCodec(
  global: Record<PropertyKey, any>,
  bridge: Pick<Bridge, "toRealm" | "call" | "define">,
): StreamCodec {
  let fallback: object | undefined;
  return {
    reduce(stream, kind) {
      const ref = (stream as { [STREAM_REF]?: StreamRef })[STREAM_REF];
      if (!ref) {
        throw new Error(
          `A ${kind} cannot be made in a workflow function. Use getWritable() for the run's output stream, ` +
            `or return a ReadableStream from a step ("use step").`,
        );
      }
      return { runId: ref.runId, name: ref.name };
    },
    revive(data, kind) {
      const ref = toStreamRef(data);
      const factory = global[STREAM_HANDLE_FACTORY] as
        ((kind: StreamKind, ref: StreamRef) => object) | undefined;
      // The reference as the realm's object: workflow code may have replaced the factory.
      const realmRef = bridge.toRealm({ runId: ref.runId, name: ref.name }) as StreamRef;
      if (typeof factory === "function") return bridge.call(factory, undefined, [kind, realmRef]);
      // The bundle does not import "workflow": a bare handle of the sandbox's realm.
      fallback ??= global.Object.create(global.Object.prototype) as object;
      const handle = global.Object.create(fallback) as object;
      Object.defineProperty(handle, Symbol.toStringTag, { value: kind });
      bridge.define(handle, STREAM_REF, global.Object.freeze(realmRef));
      return handle;
    },
  };
}

export interface HostStreamCodecOptions {
  store: StreamStore;
  /** The run a step runs for: a ReadableStream it returns is stored as one of this run's streams. */
  runId?: string;
  /** A step's pending writes (see `PendingWrites`). */
  pending?: PendingWrites;
}

/** Streams in a step or a client: real streams over the store. */
export function createHostStreamCodec(options: HostStreamCodecOptions): StreamCodec {
  const { store, runId, pending } = options;
  return {
    reduce(stream, kind) {
      const known = getStreamRef(stream);
      if (known) return known;
      if (kind === "WritableStream") {
        throw new Error(
          `Only a WritableStream from getWritable() can be passed on; write to this one where it was made.`,
        );
      }
      if (runId === undefined) {
        throw new Error(
          `A ReadableStream can only be passed to a run by a step (return it from a "use step" function).`,
        );
      }
      const readable = stream as ReadableStream;
      if (readable.locked) {
        throw new TypeError(
          `The ReadableStream is locked (something is reading it); pass a stream nobody reads yet.`,
        );
      }
      const ref: StreamRef = { runId, name: toValueStreamName(randomUUID()) };
      pipeToStore(readable, store, ref);
      return ref;
    },
    revive(data, kind) {
      const ref = toStreamRef(data);
      return kind === "WritableStream"
        ? createStoreWritable(store, ref, pending)
        : createStoreReadable(store, ref);
    },
  };
}

/** What one step attempt uses streams with: its codec, its pending writes, `getWritable()`. */
export function createStepStreams(store: StreamStore, runId: string) {
  const pending = new PendingWrites();
  return {
    codec: createHostStreamCodec({ store, runId, pending }),
    pending,
    access: {
      getWritable: (name: string) => createStoreWritable(store, { runId, name }, pending),
      flush: () => pending.settle(),
    },
  };
}
