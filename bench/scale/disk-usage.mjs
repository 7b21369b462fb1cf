// What a directory takes on disk: allocated bytes (st_blocks, what `du` counts) and the bytes
// of its files (what `du --apparent-size` counts), over every file below it.
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

/** { allocatedBytes, apparentBytes, files } of everything under `dir` (directories included). */
export async function diskUsage(dir) {
  const total = { allocatedBytes: 0, apparentBytes: 0, files: 0 };
  const visit = async (entry) => {
    const stat = await lstat(entry);
    total.allocatedBytes += stat.blocks * 512;
    if (stat.isDirectory()) {
      for (const name of await readdir(entry)) await visit(path.join(entry, name));
    } else {
      total.apparentBytes += stat.size;
      total.files++;
    }
  };
  await visit(dir);
  return total;
}
