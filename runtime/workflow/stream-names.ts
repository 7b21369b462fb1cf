/**
 * How the runtime names a run's streams in the world's stream store, and the reference a stream
 * serializes as. Shared by both realms: nothing here may use Node.
 */
export { STREAM_REF, STREAM_HANDLE_FACTORY } from "../../protocol/symbols.js";

/** What a stream crossing a boundary serializes as: the run and the stream's name in the store. */
export interface StreamRef {
  runId: string;
  name: string;
}

/** Options of `getWritable()` and `run.getReadable()`. */
export interface StreamNamespaceOptions {
  /**
   * Which of the run's streams: each namespace is a separate stream, and the default one
   * (`run.readable`) is none of them.
   * @default the run's default stream
   */
  namespace?: string;
}

/** The store name of a run's user stream: `user` for the default one, `user:<namespace>` otherwise. */
export function toUserStreamName(namespace: string | undefined, caller: string): string {
  if (namespace === undefined) return "user";
  if (typeof namespace !== "string" || namespace === "")
    throw new TypeError(
      `${caller}: namespace must be a non-empty string, got ${namespace === "" ? '""' : typeof namespace}`,
    );
  return `user:${namespace}`;
}

/** The store name of a ReadableStream a step returned (or passed): `stream:<id>`. */
export function toValueStreamName(id: string): string {
  return `stream:${id}`;
}

/** A serialized stream reference, checked (it comes from a log that might be corrupt). */
export function toStreamRef(data: unknown): StreamRef {
  const { runId, name } = (data ?? {}) as Partial<StreamRef>;
  if (typeof runId !== "string" || typeof name !== "string")
    throw new TypeError("a stream reference needs a runId and a name");
  return { runId, name };
}
