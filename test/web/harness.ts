/**
 * Shared by the dashboard tests: the page built into dist/web (rebuilt once per test file, so a
 * test sees the page of this checkout), a runtime on a world with this folder's workflows, and
 * handles on those workflows for `start()`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ensureBuilt, PACKAGE_ROOT } from "../integrations/harness.js";

export { PACKAGE_ROOT };

/** dist/ (for `wf web` and the bundles) and the page in dist/web, current. */
export function buildDashboard(): void {
  ensureBuilt();
  if (isStale(path.join(PACKAGE_ROOT, "cli")))
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], {
      cwd: PACKAGE_ROOT,
      stdio: "inherit",
    });
  execFileSync(process.execPath, [path.join(PACKAGE_ROOT, "scripts", "build-web.mjs")], {
    cwd: PACKAGE_ROOT,
    stdio: "inherit",
  });
}

/** True when a module under `dir` (not the page's) is newer than its build in dist/, or has none. */
function isStale(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    if (file.includes(`${path.sep}client${path.sep}`)) continue;
    const built = path
      .join(PACKAGE_ROOT, "dist", path.relative(PACKAGE_ROOT, file))
      .replace(/\.ts$/, ".js");
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs) return true;
  }
  return false;
}

const handle = <Args extends unknown[]>(name: string) =>
  Object.assign(async (..._args: Args): Promise<unknown> => undefined, {
    workflowId: `workflow//./test/web/workflows/dashboard//${name}`,
  });

export const order = handle<[string, number]>("order");
export const approval = handle<[string]>("approval");
export const dawdle = handle<[string]>("dawdle");
export const chat = handle<[string]>("chat");
export const rejected = handle<[string]>("rejected");

/** Resolves once `check` returns a value other than undefined/false (every 50 ms, up to `ms`). */
export async function until<T>(
  check: () => Promise<T | undefined | false>,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`not true after ${ms} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
