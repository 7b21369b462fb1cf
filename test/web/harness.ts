/**
 * Shared by the dashboard tests: the page built into dist/web (rebuilt once per test file, so a
 * test sees the page of this checkout), a runtime on a world with this folder's workflows, and
 * handles on those workflows for `start()`.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ensureBuilt, PACKAGE_ROOT } from "../integrations/harness.js";

export { PACKAGE_ROOT };

/** dist/ (for `wf web` and the bundles) and the page in dist/web, current. */
export function buildDashboard(): void {
  ensureBuilt();
  if (!existsSync(path.join(PACKAGE_ROOT, "dist", "cli", "web", "web-command.js")))
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], {
      cwd: PACKAGE_ROOT,
      stdio: "inherit",
    });
  execFileSync(process.execPath, [path.join(PACKAGE_ROOT, "scripts", "build-web.mjs")], {
    cwd: PACKAGE_ROOT,
    stdio: "inherit",
  });
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
