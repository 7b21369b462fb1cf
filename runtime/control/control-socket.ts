/**
 * The control socket: the process that owns a world listens on it, so that `wf start`,
 * `wf cancel` and `wf resume` reach the one writer of a file world while it runs. A Unix socket
 * in the data directory, which only its owner may open (the directory also holds the secret
 * that signs deliveries). One request per connection, one reply, each a line of JSON.
 */
import { rm } from "node:fs/promises";
import { connect, createServer, type Server } from "node:net";
import type { Runtime } from "../engine/runtime.js";
import { handleControl } from "./handle-control.js";
import {
  type ControlReply,
  type ControlRequest,
  MAX_CONTROL_REQUEST_BYTES,
  parseControlRequest,
} from "./protocol.js";

/**
 * Listens on `socketPath` for `runtime`; resolves with a function that stops listening. A socket
 * file left by a process that died is replaced (the caller owns the world, so no live process
 * listens there).
 */
export async function serveControl(
  runtime: Runtime,
  socketPath: string,
): Promise<() => Promise<void>> {
  const server: Server = createServer((socket) => {
    let received = "";
    socket.setEncoding("utf8");
    const reply = (value: ControlReply) => socket.end(`${JSON.stringify(value)}\n`);
    socket.on("data", (chunk: string) => {
      received += chunk;
      if (received.length > MAX_CONTROL_REQUEST_BYTES) {
        socket.removeAllListeners("data");
        reply({ ok: false, code: "TOO_LARGE", message: "the control request is too large" });
        return;
      }
      const end = received.indexOf("\n");
      if (end === -1) return;
      socket.removeAllListeners("data");
      let request: ControlRequest;
      try {
        request = parseControlRequest(received.slice(0, end));
      } catch (error) {
        reply({ ok: false, code: "BAD_REQUEST", message: (error as Error).message });
        return;
      }
      void handleControl(runtime, request).then(reply);
    });
    socket.on("error", () => {}); // the client went away: nothing to answer
  });
  if (process.platform !== "win32") await rm(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.unref(); // the socket alone does not keep the process alive
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      if (process.platform !== "win32") void rm(socketPath, { force: true });
    });
}

/** No process listens at the socket: the caller may act on the world itself. */
export class NoControlListener extends Error {
  override name = "NoControlListener";
}

/**
 * Sends `request` to the process listening at `socketPath`. Rejects with NoControlListener when
 * none does, and with an Error when it does not answer within `timeoutMs`.
 */
export function sendControl(
  socketPath: string,
  request: ControlRequest,
  timeoutMs = 15_000,
): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the process that owns the world did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === "ENOENT" || error.code === "ECONNREFUSED")
        reject(new NoControlListener(socketPath));
      else reject(error);
    });
    socket.on("end", () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(received.trim()) as ControlReply);
      } catch {
        reject(new Error("the process that owns the world sent a reply that is not JSON"));
      }
    });
  });
}
