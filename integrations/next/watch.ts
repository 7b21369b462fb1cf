/**
 * `next dev`: rebuilds the bundles and the generated folder when a source file of the app is
 * added, changed or removed. A rebuild is a fresh discovery plus two esbuild builds (tens of
 * milliseconds for a small app), so every change gets a full one; rebuilds never overlap, and
 * changes that arrive during one are folded into the next.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { SOURCE_FILE } from "../shared/source-files.js";

/** What is never watched: tools' output, dependencies, and what the rebuild itself writes. */
const IGNORED =
  /[\\/](?:node_modules|\.next|\.git|\.turbo|\.vercel|\.workflow-data|\.well-known[\\/]workflow)(?:[\\/]|$)/;

const DEBOUNCE_MS = 30;

interface Watchpack {
  watch(options: { directories: string[]; startTime: number }): void;
  on(event: "change" | "remove", listener: (file: string) => void): void;
  close(): void;
}

export interface SourceWatcher {
  close(): void;
}

/**
 * Calls `rebuild` after source files under `root` change, until closed. Errors of `rebuild`
 * go to `onError`; the watcher keeps going (the next save may fix them).
 */
export function watchSources(
  root: string,
  rebuild: () => Promise<unknown>,
  onError: (error: unknown) => void,
): SourceWatcher {
  // Next's own copy of Watchpack (what its dev server watches with): it skips ignored folders
  // instead of watching every file of node_modules, as a recursive fs.watch would on Linux.
  const require = createRequire(path.join(root, "package.json"));
  const WatchpackClass = require("next/dist/compiled/watchpack") as new (options: {
    aggregateTimeout: number;
    ignored: RegExp;
  }) => Watchpack;
  const watcher = new WatchpackClass({ aggregateTimeout: DEBOUNCE_MS, ignored: IGNORED });
  let running: Promise<void> | null = null;
  let again = false;

  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = rebuild()
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };

  // Per file, not "aggregated": for a watched directory, that names the directory.
  // Saving several files (or an editor's write-then-rename) is one rebuild.
  let timer: NodeJS.Timeout | undefined;
  const onFile = (file: string) => {
    if (!SOURCE_FILE.test(file) || IGNORED.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  };
  watcher.on("change", onFile);
  watcher.on("remove", onFile);
  watcher.watch({ directories: [root], startTime: Date.now() });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
