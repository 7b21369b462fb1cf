/**
 * What `vite dev` adds around the workflow runtime: the URL that runs report (webhook URLs,
 * `getWorkflowMetadata().url`) is the dev server's own, and mistakes in workflow code are
 * printed in the dev console, as a build prints them, instead of only failing a run.
 */
import type { IncomingMessage } from "node:http";
import path from "node:path";
import type { Logger, ViteDevServer } from "vite";
import { getAppUrl } from "../../runtime/workflow/metadata.js";
import { BundleBuildError } from "../bundling/build-bundles.js";
import { DirectiveError } from "../shared/directive-error.js";

/** The dev server's base URL, for the runtime's `url` option. */
export interface DevUrl {
  /** Notes the origin of a request: a server in middleware mode has no address of its own. */
  observe(request: IncomingMessage): void;
  /** `WORKFLOW_URL`, else where the server listens (or was reached), else `PORT` or 3000. */
  get(): string;
}

export function createDevUrl(server: ViteDevServer): DevUrl {
  let reached: string | undefined;
  return {
    observe(request) {
      if (reached || !request.headers.host) return;
      const secure = (request.socket as { encrypted?: boolean }).encrypted === true;
      reached = `${secure ? "https" : "http"}://${request.headers.host}`;
    },
    get() {
      // Known once the server listens (`server.listen()`, `vite dev`).
      const local = server.resolvedUrls?.local[0];
      return getAppUrl(process.env, local ? new URL(local).origin : reached);
    },
  };
}

/** Errors of workflow code, each printed once until its file changes. */
export interface DevErrorLog {
  /** Prints a directive error or a failed bundle build, unless it was just printed for its file. */
  report(error: unknown, fallbackFile: string): void;
  /** `file` changed: its next error is printed again, even if the same. */
  forget(file: string): void;
}

export function createDevErrorLog(logger: Logger, root: string): DevErrorLog {
  const printed = new Map<string, string>();
  return {
    report(error, fallbackFile) {
      const message = error instanceof Error ? error.message : String(error);
      const file = path.resolve(root, fileOf(error) ?? fallbackFile);
      if (printed.get(file) === message) return;
      printed.set(file, message);
      logger.error(message, { timestamp: true });
    },
    forget(file) {
      printed.delete(path.resolve(root, file));
    },
  };
}

/** The file an error is about: the module with a directive mistake, the first located message. */
function fileOf(error: unknown): string | undefined {
  if (error instanceof DirectiveError) return error.file;
  if (error instanceof BundleBuildError)
    return error.messages.find((m) => m.location)?.location?.file;
  return undefined;
}
