/** Issue 5 item 6, for Next: the README's snippet is the fixture app's whole next.config.mjs. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

it("README shows fixtures/apps/next/next.config.mjs as it is", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const config = readFileSync(path.join(ROOT, "fixtures/apps/next/next.config.mjs"), "utf8");
  expect(readme).toContain(`// next.config.mjs\n${config.trimEnd()}\n\`\`\``);
});
