/**
 * The folders of runtime/worlds/ follow their dependencies: shared/ imports no backend, local/
 * (the core of the in-process worlds) only shared/, each backend shared/ and (memory, file)
 * local/, never another backend. Only index.ts sees them all.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = import.meta.dirname;

/** The folders each folder may import, besides itself. */
const ALLOWED: Record<string, string[]> = {
  shared: [],
  local: ["shared"],
  memory: ["shared", "local"],
  file: ["shared", "local"],
  postgres: ["shared"],
};

function sourcesOf(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => path.join(ROOT, folder, file));
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/\bfrom\s+"(\.{1,2}\/[^"]+)"/g)].map((match) =>
    path.resolve(path.dirname(file), match[1]!),
  );
}

describe("runtime/worlds/ layers", () => {
  it("has a rule for every folder", () => {
    const folders = readdirSync(ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${[folder, ...allowed].join(", ")} (and nothing above runtime/worlds/ but protocol/)`, () => {
      const wrong: string[] = [];
      for (const file of sourcesOf(folder)) {
        for (const target of importsOf(file)) {
          const relative = path.relative(ROOT, target);
          const top = relative.split(path.sep)[0]!;
          const ok = relative.startsWith("..")
            ? path.relative(path.join(ROOT, "../.."), target).startsWith(`protocol${path.sep}`)
            : top === folder || allowed.includes(top);
          if (!ok) wrong.push(`${path.relative(ROOT, file)} -> ${relative}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
