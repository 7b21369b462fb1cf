import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The layout this code writes; bumped on any change an older release would misread. 3: the
 * unfinished runs are lines of `active.log` (2 had a file each in `active/`, which a release
 * that reads 2 only would take for the whole list, and so not resume the runs in the log).
 */
export const FORMAT_VERSION = 3;
/** Older layouts this code opens: a writer moves them to FORMAT_VERSION (active-runs.ts). */
const UPGRADABLE = new Set([2]);
const FORMAT = "workflow-file-world";

/**
 * Creates the data directory, or checks that an existing one holds a layout this code
 * understands, so that an older release never misreads a newer one's files.
 */
export async function prepareDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "version");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await writeVersion(file);
    text = await readFile(file, "utf8");
  }
  const version = parseVersion(text);
  if (version === undefined || (version !== FORMAT_VERSION && !UPGRADABLE.has(version)))
    throw versionError(dir, text, version);
  // One call per folder, each with its name written out: a path joined from a variable makes
  // Turbopack trace the whole project into a Next app's output.
  await mkdir(join(dir, "runs"), { recursive: true });
  await mkdir(join(dir, "index"), { recursive: true });
  await mkdir(join(dir, "journal"), { recursive: true });
  await mkdir(join(dir, "streams"), { recursive: true });
  await mkdir(join(dir, "quarantine"), { recursive: true });
  await mkdir(join(dir, "keys"), { recursive: true });
}

/**
 * Marks the directory as FORMAT_VERSION once its writer holds the lock and has moved an older
 * layout's parts (from then on an older release refuses it).
 */
export async function upgradeDataDir(dir: string): Promise<void> {
  const file = join(dir, "version");
  if (parseVersion(await readFile(file, "utf8")) !== FORMAT_VERSION) await writeVersion(file);
}

async function writeVersion(file: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ format: FORMAT, version: FORMAT_VERSION }) + "\n");
  await rename(temp, file);
}

/**
 * What the layout holds: `runs/<runId>.jsonl` (the event logs reads use), `active.log` (the
 * unfinished runs, active-runs.ts; not a folder), `index/` (finished runs, run-index.ts), `journal/` (the
 * write-ahead journal, journal.ts), `streams/<runId>/`, `quarantine/` (logs that failed to load).
 */

/** For a reader beside the writer: checks the version, creates nothing. */
export async function checkDataDir(dir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(dir, "version"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new Error(
      `${dir} is not a workflow data directory (it has no version file); a read-only world ` +
        "opens one that a world has written. Check the dir option or WORKFLOW_DATA_DIR.",
    );
  }
  const version = parseVersion(text);
  if (version === undefined || (version !== FORMAT_VERSION && !UPGRADABLE.has(version)))
    throw versionError(dir, text, version);
}

function parseVersion(text: string): number | undefined {
  try {
    const parsed = JSON.parse(text) as { format?: unknown; version?: unknown };
    return parsed.format === FORMAT && typeof parsed.version === "number"
      ? parsed.version
      : undefined;
  } catch {
    return undefined;
  }
}

function versionError(dir: string, text: string, version: number | undefined): Error {
  return new Error(
    `The workflow data directory ${dir} has format ${version === undefined ? `"${text.trim().slice(0, 80)}"` : `version ${version}`}; ` +
      `this version of workflow reads versions ${[...UPGRADABLE, FORMAT_VERSION].join(", ")} only. Point WORKFLOW_DATA_DIR at another directory, ` +
      "or use the workflow release that wrote this one.",
  );
}
