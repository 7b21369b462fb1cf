/**
 * fixtures/apps/next with `workflow` linked (node_modules/workflow a symlink to this repository,
 * as `npm link`, a `file:` dependency or a workspace makes it), built by `next build` with
 * Turbopack and with webpack: the build does not warn that it traces the whole project, the
 * webpack server output imports the runtime instead of holding a copy of it, and an order
 * workflow runs to completion under `next start`.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copyApp,
  driveOrder,
  ensureBuilt,
  type NextServer,
  runNext,
  startNext,
  NEXT_BUNDLERS,
} from "../../test/next/next-app.js";

const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");
/** A message of the file world, which only the server's copy of the runtime holds. */
const RUNTIME_CODE = "Refusing a run ID that is not a safe file name";

/** The deepest folder that holds both paths. */
function commonFolder(a: string, b: string): string {
  const left = a.split(path.sep);
  const right = b.split(path.sep);
  let i = 0;
  while (i < left.length && left[i] === right[i]) i++;
  return left.slice(0, i).join(path.sep) || path.sep;
}

async function serverScripts(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, ".next/server"), { recursive: true });
  return entries
    .filter((file) => file.endsWith(".js"))
    .map((file) => path.join(dir, ".next/server", file));
}

beforeAll(() => ensureBuilt(), 300_000);

describe.each(NEXT_BUNDLERS)(
  "next build ($bundler) with a linked workflow",
  ({ bundler, flags }) => {
    let app: Awaited<ReturnType<typeof copyApp>>;
    let build: Awaited<ReturnType<typeof runNext>>;

    beforeAll(async () => {
      app = await copyApp({ linked: true });
      // Turbopack compiles no file outside its root, and the link leads out of the app's folder.
      await writeFile(
        path.join(app.dir, "next.config.mjs"),
        `import { withWorkflow } from "workflow/next";

export default withWorkflow({ turbopack: { root: ${JSON.stringify(commonFolder(app.dir, PACKAGE_ROOT))} } });
`,
      );
      build = await runNext(app.dir, ["build", ...flags]);
    }, 300_000);

    afterAll(() => app?.remove());

    it("builds without tracing the whole project", () => {
      expect(build.code, build.output).toBe(0);
      expect(build.output).not.toContain("Dynamic filesystem access");
    });

    // Turbopack makes a server external package an import only when its real path is in
    // node_modules (vercel/next.js#84388); a linked one is compiled into the chunks.
    it.skipIf(bundler === "Turbopack")(
      "leaves the runtime out of the server output: it imports workflow from node_modules",
      async () => {
        const holding: string[] = [];
        for (const file of await serverScripts(app.dir))
          if ((await readFile(file, "utf8")).includes(RUNTIME_CODE))
            holding.push(path.relative(app.dir, file));
        expect(holding).toEqual([]);
      },
    );

    it("runs an order to completion under next start", async () => {
      let server: NextServer | undefined;
      try {
        server = await startNext(app.dir, ["start"]);
        const outcome = await driveOrder(() => server!.url, `linked-${bundler}`);
        expect(outcome.status).toBe("completed");
      } finally {
        await server?.stop();
      }
    }, 90_000);
  },
);
