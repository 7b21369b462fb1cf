/**
 * Which files the directive transform reads, and how an ID leads back to its file. IDs name a
 * module by its root-relative path without extension (`workflow//./src/orders//placeOrder`) or,
 * for packages, by `name/subpath@version`; the engine only knows IDs, so bundles start here.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

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
  const parts = id.split("//");
  return parts.length >= 3 ? parts[1]! : null;
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
  // `name/subpath@version`, `@scope/name/subpath@version`
  const at = modulePath.lastIndexOf("@");
  const specifier = at > 0 ? modulePath.slice(0, at) : modulePath;
  const segments = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const packageName = segments.slice(0, nameLength).join("/");
  const packageDir = findPackageDir(packageName, root);
  return packageDir && findSourceFile(path.join(packageDir, ...segments.slice(nameLength)));
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

/** `name/subpath@version` for a file inside node_modules (what its IDs are made of), else undefined. */
export function moduleSpecifierOf(file: string): string | undefined {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return undefined;
  const rest = file.slice(at + marker.length).split(path.sep);
  const nameLength = rest[0]?.startsWith("@") ? 2 : 1;
  const packageRoot = file.slice(0, at + marker.length) + rest.slice(0, nameLength).join(path.sep);
  let manifest: { name?: string; version?: string };
  try {
    manifest = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8"));
  } catch {
    return undefined;
  }
  const sub = rest
    .slice(nameLength)
    .join("/")
    .replace(/\.[cm]?[jt]sx?$/, "");
  return `${manifest.name ?? rest.slice(0, nameLength).join("/")}${sub ? `/${sub}` : ""}@${manifest.version ?? "0.0.0"}`;
}
