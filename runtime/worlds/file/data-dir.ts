import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The layout this code reads and writes; bumped on any incompatible change. */
export const FORMAT_VERSION = 1;
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
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ format: FORMAT, version: FORMAT_VERSION }) + "\n");
    await rename(temp, file);
    text = await readFile(file, "utf8");
  }
  const version = parseVersion(text);
  if (version !== FORMAT_VERSION) {
    throw new Error(
      `The workflow data directory ${dir} has format ${version === undefined ? `"${text.trim().slice(0, 80)}"` : `version ${version}`}; ` +
        `this version of workflow reads version ${FORMAT_VERSION} only. Point WORKFLOW_DATA_DIR at another directory, ` +
        "or use the workflow release that wrote this one.",
    );
  }
  await mkdir(join(dir, "runs"), { recursive: true });
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
