import { resolve } from "node:path";
import { LocalWorld, type LocalWorldOptions } from "../local/local-world.js";
import { createFileStreams } from "./file-chunks.js";
import { FileStorage } from "./file-storage.js";
import { loadOrCreateSecretFile } from "../shared/secret.js";
import { controlSocketPath } from "./control-socket-path.js";

/** Options of {@link createFileWorld}. */
export interface FileWorldOptions extends LocalWorldOptions {
  /**
   * The data directory, resolved against the working directory.
   * @default process.env.WORKFLOW_DATA_DIR ?? ".workflow-data"
   */
  dir?: string;
  /**
   * Whether an append returns only after `fdatasync`. Without it every append already survives
   * the process being killed (even SIGKILL): the write is in the kernel when `append` resolves,
   * and only a power loss or OS crash can lose it. With it appends also survive those, at the
   * cost of a disk flush per write (about 2.5 ms on a typical SSD-backed VM); appends to one run
   * that queue up during a flush share the next write and flush (group commit).
   * @default false
   */
  fsync?: boolean;
}

/**
 * The default world: runs persist in a directory (one append-only JSON-lines log per run, and
 * one per output stream under `streams/`) and survive restarts and kill -9; `start()` reloads every run and re-enqueues the unfinished ones.
 * Without a configured secret (`WORKFLOW_SECRET`), the first start makes a random one and keeps
 * it in `<dir>/secret` (mode 0600): it signs deliveries to the flow and step routes.
 * One process per directory: two worlds writing the same directory corrupt each other's logs.
 */
export function createFileWorld(options: FileWorldOptions = {}): LocalWorld {
  const dir = resolve(
    // The folder is chosen at run time: Turbopack, which bundles a linked `workflow`, would
    // otherwise trace the whole project into the output (and warn about it).
    /* turbopackIgnore: true */ options.dir ?? process.env.WORKFLOW_DATA_DIR ?? ".workflow-data",
  );
  const storage = new FileStorage({ dir, fsync: options.fsync ?? false, debug: options.debug });
  const streams = createFileStreams({ dir, fsync: options.fsync ?? false, debug: options.debug });
  const world = new LocalWorld(storage, streams, options, () => loadOrCreateSecretFile(dir));
  // The process that owns the directory takes `wf start/cancel/resume` there.
  Object.defineProperty(world, "controlSocket", { value: controlSocketPath(dir) });
  return world;
}
