/**
 * How a file inside node_modules is named in IDs: `name/subpath@version`, read from the
 * package's own package.json, so that the same package gives the same IDs wherever it is
 * installed. Beside ids.ts, apart from it only because it reads the disk.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

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

/** The package name and the subpath of a module path (`@scope/pkg/sub@1.0.0`), for finding its file. */
export function splitModuleSpecifier(modulePath: string): {
  packageName: string;
  subpath: string[];
} {
  const at = modulePath.lastIndexOf("@");
  const specifier = at > 0 ? modulePath.slice(0, at) : modulePath;
  const segments = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  return {
    packageName: segments.slice(0, nameLength).join("/"),
    subpath: segments.slice(nameLength),
  };
}
