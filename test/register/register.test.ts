/**
 * Issue 3 item 7: `node --import workflow/register app.ts` (or app.mjs) runs the seed's
 * `start(workflow, args)` / `await run.returnValue` and exits by itself; directive mistakes,
 * Node built-ins and server-only `workflow/api` calls in workflow code fail with the user's file,
 * line, column and a code frame; the bundles are cached on disk, reused by the next process and
 * rebuilt when a source changes.
 *
 * Each test copies a fixture app into a temp folder whose node_modules/workflow links to this
 * package, as an installed app would have it.
 */
import { spawn } from "node:child_process";
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, PACKAGE_ROOT } from "../crash/worker.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const apps: string[] = [];

beforeAll(() => ensureBuilt());
afterAll(async () => {
  await Promise.all(apps.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of `fixtures/<name>` that resolves `workflow` to this package. */
async function copyApp(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `wf-register-${name}-`));
  apps.push(dir);
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  await mkdir(path.join(dir, "node_modules"));
  await symlink(PACKAGE_ROOT, path.join(dir, "node_modules", "workflow"), "dir");
  return dir;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import workflow/register <entry>` in `dir` until it exits by itself. */
function runApp(dir: string, entry: string, dataDir = "data"): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WORKFLOW_TARGET_WORLD: "file",
      WORKFLOW_DATA_DIR: path.join(dir, dataDir),
    };
    delete env.WORKFLOW_ROOT;
    delete env.WORKFLOW_CACHE_DIR;
    const child = spawn(process.execPath, ["--import", "workflow/register", entry], {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A process that does not exit by itself fails the test instead of hanging it.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${entry} did not exit within 30 s:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const resultOf = (run: Result) => {
  const line = /^result (.*)$/m.exec(run.stdout)?.[1];
  if (line === undefined) throw new Error(`no result (exit ${run.code}):\n${run.stderr}`);
  return JSON.parse(line) as unknown;
};

/** The bundle cache's files with their modification times. */
async function cacheFiles(dir: string): Promise<Record<string, number>> {
  const cache = path.join(dir, "node_modules", ".cache", "workflow");
  const files: Record<string, number> = {};
  for (const name of (await readdir(cache)).sort()) {
    files[name] = (await stat(path.join(cache, name))).mtimeMs;
  }
  return files;
}

describe("node --import workflow/register", () => {
  it("runs a TypeScript app's workflow, exits by itself, and reuses its cached bundles", async () => {
    const dir = await copyApp("ts-app");
    const first = await runApp(dir, "app.ts");
    expect(first.code, first.stderr).toBe(0);
    expect(resultOf(first)).toEqual({ text: "HELLO ADA!", length: 10 });
    const cached = await cacheFiles(dir);
    expect(Object.keys(cached).some((name) => name.startsWith("workflow-"))).toBe(true);
    expect(Object.keys(cached).some((name) => name.startsWith("step-"))).toBe(true);

    // A second process finds every bundle in the cache: nothing is written again.
    const second = await runApp(dir, "app.ts", "data-2");
    expect(second.code, second.stderr).toBe(0);
    expect(resultOf(second)).toEqual({ text: "HELLO ADA!", length: 10 });
    expect(await cacheFiles(dir)).toEqual(cached);

    // A changed source is rebuilt, and the new code runs.
    const steps = path.join(dir, "steps.ts");
    await writeFile(steps, (await readFile(steps, "utf8")).replace("}!`", "}?`"));
    const third = await runApp(dir, "app.ts", "data-3");
    expect(third.code, third.stderr).toBe(0);
    expect(resultOf(third)).toEqual({ text: "HELLO ADA?", length: 10 });
    const rebuilt = await cacheFiles(dir);
    const added = Object.keys(rebuilt).filter((name) => !(name in cached));
    expect(added.some((name) => name.startsWith("step-"))).toBe(true);
  });

  it("runs a plain .mjs app", async () => {
    const dir = await copyApp("mjs-app");
    const run = await runApp(dir, "app.mjs");
    expect(run.code, run.stderr).toBe(0);
    expect(resultOf(run)).toEqual({ doubled: 42 });
  });

  it("fails on a misspelled directive with the file, line, column and code frame", async () => {
    const dir = await copyApp("typo-app");
    const run = await runApp(dir, "app.ts");
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain("result");
    expect(run.stderr).toContain(path.join(dir, "typo.ts"));
    expect(run.stderr).toContain("typo.ts:7:3");
    expect(run.stderr).toContain('Did you mean "use step"?');
    expect(run.stderr).toMatch(/> 7 \|\s+"use stpe";/);
    expect(run.stderr).toMatch(/\|\s+\^+/);
    // The loader's own frames are noise here.
    expect(run.stderr).not.toContain("loader-hooks");
  });

  it("fails a run whose workflow code imports node:fs, saying to move it into a step", async () => {
    const dir = await copyApp("node-fs-app");
    const run = await runApp(dir, "app.ts");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("run failed");
    expect(run.stderr).toContain('imports the Node.js module "node:fs"');
    expect(run.stderr).toContain('into a step ("use step")');
    // At the import's own line in the user's file (not the transformed text's).
    expect(run.stderr).toContain("flow.ts:1:30:");
    expect(run.stderr).toMatch(/> 1 \| import \{ readFileSync \} from "node:fs";/);
  });

  it("fails a run whose workflow calls resumeHook and getRun, at the user's imports of workflow/api", async () => {
    const dir = await copyApp("server-only-app");
    const run = await runApp(dir, "app.ts");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("run failed");
    // The user's import (line 2, column of "workflow/api"), with a code frame.
    expect(run.stderr).toContain(
      'flow.ts:2:43: SERVER_ONLY_IMPORT: flow.ts is bundled into the workflow sandbox, and its code outside steps uses getRun and resumeHook from "workflow/api", which runs only on the server',
    );
    expect(run.stderr).toMatch(
      /> 2 \| import \{ getRun, resumeHook, start \} from "workflow\/api";/,
    );
    expect(run.stderr).toContain(
      'Call them from an API route or a script, or from a step ("use step") that the workflow calls',
    );
    // The same for a helper without directives that the workflow calls.
    expect(run.stderr).toContain(
      'notify.ts:1:28: SERVER_ONLY_IMPORT: notify.ts is bundled into the workflow sandbox, and its code outside steps uses resumeHook from "workflow/api"',
    );
    expect(run.stderr).toMatch(/> 1 \| import \{ resumeHook \} from "workflow\/api";/);
    expect(run.stderr).toContain("Call resumeHook from an API route or a script, or from a step");
    // start is used only by a step: not part of the complaint; nor is this package's own code.
    expect(run.stderr).not.toMatch(/uses [^\n]*start/);
    expect(run.stderr).not.toContain("node:crypto");
    expect(run.stderr).not.toContain("dist/runtime");
  });
});
