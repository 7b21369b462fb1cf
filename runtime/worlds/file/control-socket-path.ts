import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

/** The longest socket path every platform takes (Linux allows 107 bytes, macOS 103). */
const MAX_SOCKET_PATH = 100;

/**
 * Where the process that owns the file world at `dir` listens for control requests:
 * `<dir>/control.sock`, or, when that path is too long for a socket, a name in the temporary
 * folder made from the directory's path (the same in every process).
 */
export function controlSocketPath(dir: string): string {
  const inDir = path.join(dir, "control.sock");
  if (process.platform === "win32")
    return `\\\\?\\pipe\\workflow-${createHash("sha256").update(dir).digest("hex").slice(0, 24)}`;
  if (Buffer.byteLength(inDir) <= MAX_SOCKET_PATH) return inDir;
  const name = `workflow-${createHash("sha256").update(dir).digest("hex").slice(0, 24)}.sock`;
  return path.join(tmpdir(), name);
}
