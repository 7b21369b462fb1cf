/**
 * The Chromium that browser tests drive: the headless shell that the `@sparticuz/chromium`
 * devDependency ships inside its npm package, so `npm install` brings it (no system browser, no
 * download), launched by playwright-core.
 *
 * The package unpacks it into os.tmpdir() (/tmp/chromium, its GL libraries loose in /tmp) and
 * reuses any /tmp/chromium it finds: one that another process is still writing, or one of another
 * version. So it is unpacked here once per package version into node_modules/.cache/chromium/,
 * by a child process whose TMPDIR is a fresh folder that is renamed into place when complete:
 * test files that start at once may each unpack (about 2 s, 200 MB), and the first rename wins.
 *
 * package.json pins 147.0.0: the last version that runs on Node 20 (later ones need Node 22).
 * Its binary is for Linux x64.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

/**
 * Flags chosen here rather than the package's `chromium.args`, which are for AWS Lambda: its
 * `--single-process` (Lambda forbids the zygote; elsewhere one renderer crash takes the browser
 * down, and Playwright's contexts are unreliable in it), `--disable-web-security` and
 * `--allow-running-insecure-content` (a test of a page must see CORS as a user's browser does),
 * and its own `--disable-features`, which would replace Playwright's.
 */
const ARGS = [
  // Chromium calls no Google host: the network here and in CI is closed, and a test must not
  // wait on it.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-domain-reliability",
  "--no-pings",
  // No GPU here; the package's SwiftShader serves WebGL, which the test pages do not use.
  "--disable-gpu",
  // Chromium refuses to start as root (CI) with its sandbox on.
  "--no-sandbox",
];

const UNPACKING = ".unpacking-";

let executable: Promise<string> | undefined;

/** Chromium's headless shell, started with flags that keep it off the network. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await (executable ??= unpackChromium().catch((error: unknown) => {
    executable = undefined;
    throw error;
  }));
  try {
    return await chromium.launch({ executablePath, args: ARGS });
  } catch (error) {
    throw new Error(
      `Chromium from @sparticuz/chromium (${executablePath}) did not start: ${String(error)}\n` +
        `A missing system library shows in: ldd ${executablePath} | grep "not found"`,
      { cause: error },
    );
  }
}

/** The path of the unpacked binary, unpacking it first if this version has not been. */
async function unpackChromium(): Promise<string> {
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(
      `@sparticuz/chromium ships Chromium for Linux x64 only; this is ${process.platform} ${process.arch}.`,
    );
  // The package's exports hide package.json: its entry is build/cjs/index.cjs.
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  const packageDir = path.resolve(entry, "../../..");
  const { version } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8"));
  const cache = path.resolve(packageDir, "../../.cache/chromium");
  const target = path.join(cache, String(version));
  if (existsSync(path.join(target, "chromium"))) return path.join(target, "chromium");

  await mkdir(cache, { recursive: true });
  await removeAbandoned(cache);
  const staging = await mkdtemp(path.join(cache, `${UNPACKING}${process.pid}-`));
  try {
    await runUnpack(entry, staging);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const { code } = error as NodeJS.ErrnoException;
    // Another test file renamed its copy into place first: use that one.
    if ((code === "ENOTEMPTY" || code === "EEXIST") && existsSync(path.join(target, "chromium")))
      return path.join(target, "chromium");
    throw error;
  }
  return path.join(target, "chromium");
}

/** Runs the package's own unpacking with os.tmpdir() pointed at `dir`. */
function runUnpack(entry: string, dir: string): Promise<void> {
  const script =
    "require(process.argv[1]).executablePath()" +
    ".then((p) => process.stdout.write(p), (e) => { console.error(e); process.exit(1); })";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script, entry], {
      env: { ...process.env, TMPDIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data: Buffer) => void (stdout += data));
    child.stderr.on("data", (data: Buffer) => void (stderr += data));
    child.on("error", reject);
    child.on("close", (code) => {
      // It must have unpacked into `dir`, not reused a /tmp/chromium.
      if (code === 0 && stdout === path.join(dir, "chromium") && existsSync(stdout))
        return resolve();
      reject(
        new Error(
          `Could not unpack Chromium from @sparticuz/chromium into ${dir} (exit ${code}): ` +
            `${stdout}${stderr}`,
        ),
      );
    });
  });
}

/** Removes the staging folders of processes that died while unpacking (200 MB each). */
async function removeAbandoned(cache: string): Promise<void> {
  for (const name of await readdir(cache)) {
    if (!name.startsWith(UNPACKING)) continue;
    const pid = Number(name.slice(UNPACKING.length).split("-")[0]);
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(path.join(cache, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
