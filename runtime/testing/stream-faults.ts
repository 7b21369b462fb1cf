import type { StreamStore } from "../worlds/shared/stream-store.js";
import { WorldError } from "../worlds/shared/world-error.js";
import type { StreamWrite } from "./decisions.js";

/**
 * `store` with writes that fail when `fails` says so, as the world's storage would: the append
 * stores nothing and rejects with a WorldError (`STORAGE_TIMEOUT`), so the step that wrote the
 * chunk throws and is retried. Chunk indexes count the chunks handed to the store, in order.
 */
export function withStreamFaults(
  store: StreamStore,
  fails: (write: StreamWrite) => boolean,
): StreamStore {
  const next = new Map<string, number>();
  return {
    append(runId, name, chunks, options) {
      const key = `${runId}\0${name}`;
      const first = next.get(key) ?? 0;
      for (let i = 0; i < chunks.length; i++) {
        if (fails({ runId, name, index: first + i }))
          return Promise.reject(
            new WorldError(
              "STORAGE_TIMEOUT",
              `injected fault (faults.failStreamWrites): storing chunk ${first + i} of stream ${JSON.stringify(name)} of run ${runId} failed; nothing was stored`,
            ),
          );
      }
      next.set(key, first + chunks.length);
      return store.append(runId, name, chunks, options);
    },
    read: (runId, name, options) => store.read(runId, name, options),
    info: (runId, name) => store.info(runId, name),
    list: (runId) => store.list(runId),
  };
}
