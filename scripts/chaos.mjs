// The full chaos session (issue 10 item 7): test/chaos/chaos.test.ts with 30 SIGKILLs per world
// instead of the short session `npm test` runs. Prints the seed; pass it back to replay a failure
// (the kill delays are the same; the processes' timing still varies).
//
//   npm run chaos                          # 30 kills on the file world, then on Postgres
//   npm run chaos -- --seed 123456789      # the same kill delays as that session
//   npm run chaos -- --kills 50 --world file --delay 5-100   # kills 5 to 100 ms after ready
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE =
  "usage: npm run chaos -- [--seed <n>] [--kills <n>] [--world file|postgres|both] [--delay <min>-<max>]";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(`--${name}`);
  return at < 0 ? fallback : argv[at + 1];
};
const seed = Number(option("seed", 1 + Math.floor(Math.random() * 2 ** 31)));
const kills = Number(option("kills", 30));
const world = option("world", "both");
const delay = option("delay", "20-400");
if (
  argv.includes("--help") ||
  !Number.isInteger(seed) ||
  seed <= 0 ||
  !Number.isInteger(kills) ||
  kills <= 0 ||
  !["file", "postgres", "both"].includes(world) ||
  !/^\d+-\d+$/.test(delay)
) {
  console.log(USAGE);
  process.exit(argv.includes("--help") ? 0 : 1);
}

console.log(
  `chaos: seed ${seed}, ${kills} kills per world ${delay} ms after ready, world ${world}`,
);
const child = spawn(
  path.join(ROOT, "node_modules/.bin/vitest"),
  ["run", "test/chaos/chaos.test.ts"],
  {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      CHAOS_SEED: String(seed),
      CHAOS_KILLS: String(kills),
      CHAOS_WORLDS: world === "both" ? "file,postgres" : world,
      CHAOS_DELAY_MS: delay,
    },
  },
);
child.on("exit", (code, signal) => {
  if (code !== 0)
    console.log(
      `chaos failed; replay with: npm run chaos -- --seed ${seed} --kills ${kills} --world ${world} --delay ${delay}`,
    );
  process.exit(code ?? (signal ? 1 : 0));
});
