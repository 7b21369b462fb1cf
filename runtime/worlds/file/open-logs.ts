import { closeSync, open, openSync, readSync, writeSync } from "node:fs";

/**
 * Descriptors of the run logs being written, kept open between writes: a step appends to its
 * run's log three times and reads it once, and opening the file for each costs more than the
 * write. At most `limit` stay open (the least recently used is closed first), so thousands of
 * unfinished runs do not run the process out of descriptors. Every call is synchronous: these
 * are small writes and reads of what the page cache holds.
 */
export class OpenLogs {
  readonly #limit: number;
  /** path → fd, least recently used first. */
  readonly #fds = new Map<string, number>();
  readonly #opening = new Map<string, Promise<void>>();
  #closed = false;

  constructor(limit = 128) {
    this.#limit = limit;
  }

  has(path: string): boolean {
    return this.#fds.has(path);
  }

  /**
   * Opens (creates) the file in the libuv pool, so that a later `append` finds it open. A
   * create waits for the file system's journal commit, which an `fdatasync` of ours may be
   * holding: the caller does it while its own flush is in progress, off the event loop.
   */
  prepare(path: string): Promise<void> {
    if (this.#fds.has(path)) return Promise.resolve();
    let opening = this.#opening.get(path);
    if (!opening) {
      opening = new Promise<void>((resolve, reject) =>
        open(path, "a+", (error, fd) => {
          this.#opening.delete(path);
          if (error) return reject(error);
          if (this.#closed || this.#fds.has(path)) closeSync(fd);
          else this.#add(path, fd);
          resolve();
        }),
      );
      this.#opening.set(path, opening);
      opening.catch(() => {}); // the caller awaits it, or has failed already
    }
    return opening;
  }

  /** Appends all of `buffer` to the file (created if missing). */
  append(path: string, buffer: Buffer): void {
    const fd = this.#fd(path);
    for (let done = 0; done < buffer.length;)
      done += writeSync(fd, buffer, done, buffer.length - done);
  }

  /** Reads bytes `start` to `end`; fewer when the file is shorter (the caller says what that means). */
  read(path: string, start: number, end: number): Buffer {
    const fd = this.#fd(path);
    const buffer = Buffer.allocUnsafe(end - start);
    let done = 0;
    while (done < buffer.length) {
      const read = readSync(fd, buffer, done, buffer.length - done, start + done);
      if (read === 0) break;
      done += read;
    }
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  }

  /** Closes the file's descriptor, if open (before it is renamed, deleted, or no longer written). */
  close(path: string): void {
    const fd = this.#fds.get(path);
    if (fd === undefined) return;
    this.#fds.delete(path);
    closeSync(fd);
  }

  closeAll(): void {
    this.#closed = true;
    for (const fd of this.#fds.values()) closeSync(fd);
    this.#fds.clear();
  }

  #fd(path: string): number {
    let fd = this.#fds.get(path);
    if (fd !== undefined) {
      this.#fds.delete(path); // most recently used last
      this.#fds.set(path, fd);
      return fd;
    }
    fd = openSync(path, "a+");
    this.#add(path, fd);
    return fd;
  }

  #add(path: string, fd: number): void {
    this.#fds.set(path, fd);
    if (this.#fds.size > this.#limit) {
      const [oldest, oldFd] = this.#fds.entries().next().value as [string, number];
      this.#fds.delete(oldest);
      closeSync(oldFd);
    }
  }
}
