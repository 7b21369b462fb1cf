/**
 * The runtime an app process runs: the engine, plus what serves the world's users from outside
 * the process. Today that is the control socket, where `wf start`, `wf cancel` and `wf resume`
 * reach the one writer of a file world (runtime/control/). The engine knows nothing of it: it
 * starts the services it is given (`RuntimeOptions.services`).
 */
import { serveControl } from "../control/control-socket.js";
import {
  createRuntime as createEngineRuntime,
  type Runtime,
  type RuntimeOptions,
  type RuntimeService,
} from "../engine/runtime.js";

/** Listens on the world's control socket, when the world has one (file). */
export const controlSocketService: RuntimeService = {
  name: "the control socket of wf start/cancel/resume",
  async start(runtime) {
    const socket = runtime.world.controlSocket;
    return socket === undefined ? undefined : serveControl(runtime, socket);
  },
};

/**
 * A runtime for `world` with `bundles`: starts and executes runs in this process (unless
 * `execute: false`), and answers `wf start/cancel/resume` while it runs.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  return createEngineRuntime({
    ...options,
    services: [controlSocketService, ...(options.services ?? [])],
  });
}
