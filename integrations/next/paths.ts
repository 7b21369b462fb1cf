/** Where `withWorkflow` writes in a Next app: kept apart so that reading it loads no compiler. */
import { existsSync } from "node:fs";
import path from "node:path";

/** `src/app` when the app lives there, else `app`. */
export function findAppDir(root: string): string {
  const src = path.join(root, "src", "app");
  return existsSync(src) && !existsSync(path.join(root, "app")) ? src : path.join(root, "app");
}

/** The generated folder of the app at `root`: `<app>/.well-known/workflow/v1`. */
export function getGeneratedDir(root: string): string {
  return path.join(findAppDir(root), ".well-known", "workflow", "v1");
}
