import { open } from "node:fs/promises";

/**
 * Reads bytes `start` to `end` of a file the world wrote, all of them. `what` names the file in
 * the error when it is shorter than the world's own record of it ("Run log", "Stream file").
 */
export async function readBytes(
  path: string,
  start: number,
  end: number,
  what: string,
): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(end - start);
  const handle = await open(path, "r");
  try {
    for (let done = 0; done < buffer.length;) {
      const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
      if (bytesRead === 0)
        throw new Error(
          `${what} ${path} is shorter than expected; was it changed outside the world?`,
        );
      done += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return buffer;
}
