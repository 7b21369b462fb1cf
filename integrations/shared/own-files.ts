/**
 * Whether a file is this package's own compiled code (its dist/), which every integration
 * leaves alone: never user code, though its messages mention the directives and `workflow/api`
 * (which would cost a parse per file and build, and add setup imports to the runtime itself).
 * One rule for every way the package can be there: installed (node_modules/workflow/dist),
 * linked (npm link, `file:`, a workspace symlink: compared by real path, as Node loads this
 * module by its real path) and this checkout's own dist/. Running from sources (the tests),
 * the same dist/ is ours: the package's exports point there.
 */
import { realpathSync } from "node:fs";
import path from "node:path";

// <package>/dist/integrations/shared when compiled, <package>/integrations/shared from sources.
const HERE = import.meta.dirname;
const COMPILED = path.basename(path.resolve(HERE, "../..")) === "dist";
const OWN_DIST = path.resolve(HERE, COMPILED ? "../.." : "../../dist") + path.sep;
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

const realPaths = new Map<string, string>();
function realPathOf(file: string): string {
  let real = realPaths.get(file);
  if (real === undefined) {
    try {
      real = realpathSync(file);
    } catch {
      real = file;
    }
    realPaths.set(file, real);
  }
  return real;
}

/** Whether `file` (an absolute path) is part of this package's compiled code. */
export function isOwnFile(file: string): boolean {
  const absolute = path.resolve(file);
  if (absolute.startsWith(OWN_DIST)) return true;
  // Only a path through node_modules can be a link to us: the rest need no file system call.
  return absolute.includes(NODE_MODULES) && realPathOf(absolute).startsWith(OWN_DIST);
}
