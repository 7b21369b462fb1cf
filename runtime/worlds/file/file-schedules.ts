import { closeSync, fsyncSync, openSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { nextVersion, type ScheduleState, type ScheduleStore } from "../shared/schedules.js";

/**
 * The file world's schedules: `<dir>/schedules.json`, every schedule in one small file, replaced
 * whole on each change (written beside it, flushed, renamed over it, the folder flushed), so that
 * a kill -9 at any point leaves the old file or the new one. Not journaled: there are few
 * schedules and they change once per tick, and a rename is atomic where a journal record would
 * need a replay of its own. The writer keeps them in memory; a read-only world (`wf inspect`)
 * reads the file at each call.
 */
export class FileSchedules implements ScheduleStore {
  readonly path: string;
  readonly #dir: string;
  readonly #readOnly: boolean;
  #loaded: Promise<Map<string, ScheduleState>> | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(dir: string, readOnly: boolean) {
    this.#dir = dir;
    this.path = join(dir, "schedules.json");
    this.#readOnly = readOnly;
  }

  async #read(): Promise<Map<string, ScheduleState>> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
      throw error;
    }
    const list = JSON.parse(text) as ScheduleState[];
    return new Map(list.map((schedule) => [schedule.id, schedule]));
  }

  #schedules(): Promise<Map<string, ScheduleState>> {
    if (this.#readOnly) return this.#read();
    this.#loaded ??= this.#read();
    return this.#loaded;
  }

  async list(): Promise<ScheduleState[]> {
    return [...(await this.#schedules()).values()].map((s) => structuredClone(s));
  }

  async get(id: string): Promise<ScheduleState | null> {
    const schedule = (await this.#schedules()).get(id);
    return schedule ? structuredClone(schedule) : null;
  }

  async save(schedule: ScheduleState, expectedVersion: number | null): Promise<boolean> {
    this.#refuseReadOnly();
    const schedules = await this.#schedules();
    if ((schedules.get(schedule.id)?.version ?? null) !== expectedVersion) return false;
    schedules.set(schedule.id, nextVersion(structuredClone(schedule), expectedVersion));
    await this.#write(schedules);
    return true;
  }

  async delete(id: string): Promise<boolean> {
    this.#refuseReadOnly();
    const schedules = await this.#schedules();
    if (!schedules.delete(id)) return false;
    await this.#write(schedules);
    return true;
  }

  #refuseReadOnly(): void {
    if (this.#readOnly)
      throw new Error(
        `The file world at ${this.#dir} is open read-only; change its schedules through the app (wf schedule reaches it by its control socket)`,
      );
  }

  /** One write at a time, each of the state when it runs. */
  #write(schedules: Map<string, ScheduleState>): Promise<void> {
    const write = this.#writes.then(async () => {
      const temp = `${this.path}.tmp`;
      await writeFile(temp, JSON.stringify([...schedules.values()], null, 1) + "\n");
      fsyncPath(temp);
      await rename(temp, this.path);
      fsyncPath(this.#dir);
    });
    this.#writes = write.catch(() => {
      this.#loaded = undefined; // memory is ahead of the file: read it again
    });
    return write;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
