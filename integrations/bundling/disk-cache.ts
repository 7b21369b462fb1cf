/**
 * The on-disk cache that `workflow/register` shares between processes (bundles, transformed
 * app modules): content hashes for keys, and writes that a reader never sees half done.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** The default cache folder of a project. */
export function defaultCacheDir(root: string): string {
  return path.join(root, "node_modules", ".cache", "workflow");
}

/** A short hex digest of `text`, for cache keys and file names. */
export function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 24);
}

/** Writes through a temp file and a rename, so that another process reads all of it or nothing. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** A cached text, or undefined when there is none. */
export async function readCached(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}
