import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { LocalStreams } from "../local/local-streams.js";
import { LocalWorld, type LocalWorldOptions } from "../local/local-world.js";
import { loadOrCreateSecretFile } from "../shared/secret.js";
import { controlSocketPath } from "./control-socket-path.js";
import { FileChunks } from "./file-chunks.js";
import { FileStorage } from "./file-storage.js";
import { Journal } from "./journal.js";
import { FileSchedules } from "./file-schedules.js";

/** Options of {@link createFileWorld}. */
export interface FileWorldOptions extends LocalWorldOptions {
  /**
   * The data directory, resolved against the working directory.
   * @default process.env.WORKFLOW_DATA_DIR ?? ".workflow-data"
   */
  dir?: string;
  /**
   * Whether an append (and a stream write) returns only once it is on disk (`fdatasync` of the
   * directory's journal). Appends of every run and stream that arrive during a flush share
   * the next one (group commit). Off (`false`, or `WORKFLOW_FSYNC=0`), an acknowledged write
   * survives the process being killed but NOT a power loss or OS crash: unsafe for runs that
   * matter.
   * @default true, unless WORKFLOW_FSYNC is "0" or "false"
   */
  fsync?: boolean;
  /**
   * Opens the directory beside the process that writes it (a CLI, a dashboard, a script calling
   * `getRun`): takes no lock, never writes, runs nothing; `append` throws. Reads see what the
   * writer has acknowledged.
   * @default false
   */
  readOnly?: boolean;
}

/**
 * The default world: runs persist in a directory and survive restarts, kill -9 and (with the
 * default `fsync`) power loss. See ARCHITECTURE.md ("The file world's data directory") for the
 * layout: a write-ahead journal, a log per run, an index of finished runs, output streams.
 * `start()` loads the unfinished runs only. Without a configured secret (`WORKFLOW_SECRET`),
 * the first start makes a random one and keeps it in `<dir>/secret` (mode 0600).
 * One process per directory opens it as a world (a second gets an error naming the first);
 * any number may open it with `readOnly`.
 */
export function createFileWorld(options: FileWorldOptions = {}): LocalWorld {
  const dir = resolve(
    // The folder is chosen at run time: Turbopack, which bundles a linked `workflow`, would
    // otherwise trace the whole project into the output (and warn about it).
    /* turbopackIgnore: true */ options.dir ?? process.env.WORKFLOW_DATA_DIR ?? ".workflow-data",
  );
  const readOnly = options.readOnly ?? false;
  const fsync = options.fsync ?? !/^(0|false)$/i.test(process.env.WORKFLOW_FSYNC ?? "");
  const journal = new Journal({ dir, fsync: fsync && !readOnly, debug: options.debug });
  const chunks = new FileChunks({ dir, journal, readOnly, debug: options.debug });
  const storage = new FileStorage({
    dir,
    journal,
    readOnly,
    replayChunks: (header, body) => chunks.replay(header, body),
    endReplay: () => chunks.endReplay(),
    debug: options.debug,
  });
  const secret = readOnly
    ? async () => (await readFile(join(dir, "secret"), "utf8")).trim()
    : () => loadOrCreateSecretFile(dir);
  const world = new LocalWorld(
    storage,
    new LocalStreams(chunks, { readOnly }),
    { ...options, readOnly },
    secret,
  );
  Object.defineProperty(world, "schedules", {
    value: new FileSchedules(dir, readOnly),
    enumerable: true,
  });
  // The process that owns the directory takes `wf start/cancel/resume` there.
  if (!readOnly)
    Object.defineProperty(world, "controlSocket", {
      value: controlSocketPath(dir),
      enumerable: true,
    });
  return world;
}
