/**
 * isOwnFile: this package's compiled code is never user code, however the app has the package:
 * this checkout's dist/, an installed copy's path through node_modules when it is a link to
 * us (a linked checkout: `npm link`, `file:`, a workspace, whose real path is outside any
 * node_modules), but never a user's file or another package's dist/.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOwnFile } from "./own-files.js";

const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");
const OWN = path.join("dist", "runtime", "workflow", "index.js");

describe("isOwnFile", () => {
  let app: string;

  beforeAll(async () => {
    app = await mkdtemp(path.join(tmpdir(), "wf-own-files-"));
    await mkdir(path.join(app, "node_modules", "other", "dist"), { recursive: true });
    await writeFile(path.join(app, "node_modules", "other", "dist", "index.js"), "");
    // The linked copy: a symlink to this checkout, whose real path has no node_modules.
    await symlink(PACKAGE_ROOT, path.join(app, "node_modules", "workflow"), "dir");
  });
  afterAll(() => rm(app, { recursive: true, force: true }));

  it("counts this checkout's dist/", () => {
    expect(isOwnFile(path.join(PACKAGE_ROOT, OWN))).toBe(true);
  });

  it("counts a linked copy's files, reached through the app's node_modules", () => {
    expect(PACKAGE_ROOT.includes(`${path.sep}node_modules${path.sep}`)).toBe(false);
    expect(isOwnFile(path.join(app, "node_modules", "workflow", OWN))).toBe(true);
  });

  it("leaves the user's files and other packages alone", () => {
    expect(isOwnFile(path.join(app, "src", "workflows", "order.ts"))).toBe(false);
    expect(isOwnFile(path.join(app, "node_modules", "other", "dist", "index.js"))).toBe(false);
    // Sources of this checkout are not its compiled code.
    expect(isOwnFile(path.join(PACKAGE_ROOT, "runtime", "workflow", "index.ts"))).toBe(false);
  });
});
