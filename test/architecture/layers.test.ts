/**
 * The top-level folders depend one way (ARCHITECTURE.md): protocol/ on nothing of ours,
 * compiler/ and runtime/ on protocol/ only, integrations/ on those three, cli/ on any of them.
 * Folders inside integrations/ and runtime/worlds/ have their own tests of the same kind.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ALLOWED: Record<string, string[]> = {
  protocol: [],
  compiler: ["protocol"],
  runtime: ["protocol"],
  integrations: ["protocol", "compiler", "runtime"],
  cli: ["protocol", "compiler", "runtime", "integrations"],
};
const IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("top-level folders", () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.join(", ") || "nothing of ours"}`, () => {
      const files = sourceFiles(path.join(ROOT, folder));
      expect(files.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      for (const file of files) {
        for (const [, spec] of readFileSync(file, "utf8").matchAll(IMPORT)) {
          const target = path.relative(ROOT, path.resolve(path.dirname(file), spec!));
          const targetFolder = target.split(path.sep)[0]!;
          if (targetFolder !== folder && !allowed.includes(targetFolder))
            wrong.push(`${path.relative(ROOT, file)} -> ${target}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
