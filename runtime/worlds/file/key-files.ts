import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The idempotency keys of a data directory: `<dir>/keys/<sha256 of the key>.json` holds
 * `{"key":...,"runId":...}` for the run created with that key, so that a start with a key finds
 * a finished run without start-up reading every run (unfinished runs' keys are in memory).
 *
 * A key file is written while the journal flushes the `run_created` batch (its record carries the
 * key, `y`, and a replay writes the file again), so it may name a run whose batch never became
 * durable, or one pruned since: a reader checks that the run exists, and a missing run leaves
 * the key free. `prune` deletes the files of the runs it deletes.
 */
export class KeyFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, "keys");
  }

  path(key: string): string {
    return join(this.dir, `${createHash("sha256").update(key).digest("hex")}.json`);
  }

  /** Writes the file in the pool; false when that failed (the caller writes it again). */
  write(key: string, runId: string): Promise<boolean> {
    return writeFile(this.path(key), encode(key, runId)).then(
      () => true,
      () => false,
    );
  }

  writeSync(key: string, runId: string): void {
    writeFileSync(this.path(key), encode(key, runId));
  }

  /** The run the file names for `key`; undefined when there is none (or a write cut short). */
  async read(key: string): Promise<string | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(key), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      const entry = JSON.parse(text) as { key?: unknown; runId?: unknown };
      return entry.key === key && typeof entry.runId === "string" ? entry.runId : undefined;
    } catch {
      return undefined;
    }
  }

  /** Deletes the file of `key` if it names `runId` (a newer run may have taken the key since). */
  async delete(key: string, runId: string): Promise<void> {
    if ((await this.read(key)) !== runId) return;
    await unlink(this.path(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}

function encode(key: string, runId: string): string {
  return JSON.stringify({ key, runId }) + "\n";
}
