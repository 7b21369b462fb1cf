/**
 * Which files the directive transform reads, and how an ID leads back to its file. IDs name a
 * module by its root-relative path without extension (`workflow//./src/orders//placeOrder`) or,
 * for packages, by `name/subpath@version`; the engine only knows IDs, so bundles start here.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseId } from "../../protocol/ids.js";
import { splitModuleSpecifier } from "../../protocol/module-specifier.js";

export { moduleSpecifierOf } from "../../protocol/module-specifier.js";

/** Extensions tried, in order, when an ID or an import names a module without one. */
export const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", ".cts", ".cjs"];

/** Files the transform may need to see: JavaScript and TypeScript sources, not declarations. */
export const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

const TYPESCRIPT_TO_JAVASCRIPT: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

/** The module path of an ID: `./src/orders` or `my-pkg/steps@1.0.0`; null for builtins. */
export function modulePathOf(id: string): string | null {
  return parseId(id)?.modulePath ?? null;
}

/** First existing file among `base` + each extension, `base` itself, or `base/index.*`. */
export function findSourceFile(base: string): string | null {
  if (/\.[cm]?[jt]sx?$/.test(base) && existsSync(base)) return base;
  for (const ext of SOURCE_EXTENSIONS) if (existsSync(base + ext)) return base + ext;
  for (const ext of SOURCE_EXTENSIONS) {
    const index = path.join(base, `index${ext}`);
    if (existsSync(index)) return index;
  }
  return null;
}

/** `./steps.js` written in TypeScript source means `./steps.ts`: the candidates to try. */
export function typescriptAlternatives(file: string): string[] {
  const ext = path.extname(file);
  return (TYPESCRIPT_TO_JAVASCRIPT[ext] ?? []).map((alt) => file.slice(0, -ext.length) + alt);
}

/** The file that holds the function with this ID, or null when it cannot be found. */
export function fileOfId(id: string, root: string): string | null {
  const modulePath = modulePathOf(id);
  if (!modulePath) return null;
  if (modulePath.startsWith("./")) return findSourceFile(path.join(root, modulePath));
  const { packageName, subpath } = splitModuleSpecifier(modulePath);
  const packageDir = findPackageDir(packageName, root);
  return packageDir && findSourceFile(path.join(packageDir, ...subpath));
}

/** The folder of an installed package, as Node would find it from `root`; null if none. */
function findPackageDir(packageName: string, root: string): string | null {
  try {
    const manifest = createRequire(path.join(root, "package.json")).resolve(
      `${packageName}/package.json`,
    );
    return path.dirname(manifest);
  } catch {
    // An `exports` map that does not list package.json: look in node_modules folders instead.
  }
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", packageName);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}
