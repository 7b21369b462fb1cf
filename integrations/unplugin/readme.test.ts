/** Issue 5 item 6: the README shows, per bundler, exactly the config its fixture app builds with. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONFIGS = [
  "vite/vite.config.ts",
  "webpack/webpack.config.js",
  "webpack/build.mjs",
  "rollup/rollup.config.js",
  "esbuild/build.mjs",
];

describe("README bundler snippets", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  for (const config of CONFIGS) {
    it(`shows fixtures/apps/${config} as it is`, () => {
      const text = readFileSync(path.join(ROOT, "fixtures", "apps", config), "utf8").trimEnd();
      expect(readme).toContain(`// ${path.basename(config)}\n${text}\n\`\`\``);
    });
  }
});
