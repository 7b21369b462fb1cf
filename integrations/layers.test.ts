/**
 * The folders of integrations/ follow the dependency graph: each imports only the folders it
 * is allowed to, so that there are no folder cycles and no folder reaches one above it.
 *
 *   vite/ rollup/ webpack/ esbuild/   each bundler's adapter and hooks
 *              unplugin/              the plugin every bundler shares (takes their hooks)
 *   register/   next/   testing/      workflow/register, workflow/next, workflow/testing
 *              bundling/              the workflow and step bundles (esbuild)
 *              shared/                what every integration uses to compile a file
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BELOW_BUNDLERS = ["unplugin", "bundling", "shared"];
const ALLOWED: Record<string, string[]> = {
  shared: [],
  bundling: ["shared"],
  unplugin: ["bundling", "shared"],
  vite: BELOW_BUNDLERS,
  rollup: BELOW_BUNDLERS,
  webpack: BELOW_BUNDLERS,
  esbuild: BELOW_BUNDLERS,
  register: ["bundling", "shared"],
  next: ["bundling", "shared"],
  testing: ["bundling"],
};

const ROOT = import.meta.dirname;
const IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

describe("integrations/ folders", () => {
  const folders = readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  it("are all known here", () => {
    expect(folders.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const folder of folders) {
    it(`${folder}/ imports only ${ALLOWED[folder]?.join(", ") || "outside integrations/"}`, () => {
      const wrong: string[] = [];
      for (const name of readdirSync(path.join(ROOT, folder))) {
        if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
        const text = readFileSync(path.join(ROOT, folder, name), "utf8");
        for (const [, spec] of text.matchAll(IMPORT)) {
          const target = path.relative(ROOT, path.resolve(ROOT, folder, spec!));
          if (target.startsWith("..")) continue; // compiler/, runtime/, protocol/
          const targetFolder = target.split(path.sep)[0]!;
          if (targetFolder !== folder && !ALLOWED[folder]?.includes(targetFolder))
            wrong.push(`${folder}/${name} -> ${target}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
