/** The inputs the mutator damages: every fixtures/transform/<name>/input.* file. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILTIN_SEEDS } from "./builtin-seeds.js";
import { type Input, ROOT } from "./input.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, "..", "..", "fixtures", "transform");

/** The fixture inputs, sorted; topped up with the built-in seeds when there are fewer than 10. */
export function loadSeeds(): Input[] {
  const seeds: Input[] = [];
  let dirs: string[] = [];
  try {
    dirs = readdirSync(FIXTURES).sort();
  } catch {
    dirs = [];
  }
  for (const dir of dirs) {
    let files: string[] = [];
    try {
      if (!statSync(join(FIXTURES, dir)).isDirectory()) continue;
      files = readdirSync(join(FIXTURES, dir)).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      if (!/^input\.[A-Za-z]+$/.test(file)) continue;
      seeds.push({
        code: readFileSync(join(FIXTURES, dir, file), "utf8"),
        filename: `fixtures/transform/${dir}/${file}`,
        root: ROOT,
      });
    }
  }
  const fromFixtures = seeds.length;
  if (fromFixtures < 10)
    for (const seed of BUILTIN_SEEDS)
      seeds.push({ code: seed.code, filename: `src/seeds/${seed.name}${seed.ext}`, root: ROOT });
  return seeds;
}
