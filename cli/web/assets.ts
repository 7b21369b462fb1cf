/**
 * The page's files, built by `npm run build` (scripts/build-web.mjs) into dist/web/ of this
 * package: found from this module whether it runs from source (cli/web/) or built (dist/cli/web/).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** The folder of the built page: <package>/dist/web. */
export function assetsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, "dist", "web");
}

export interface Asset {
  type: string;
  body: Buffer;
}

/** The named file (index.html, app.js, app.css), read once; undefined for any other name. */
export function createAssets(dir = assetsDir()) {
  const cache = new Map<string, Promise<Asset | undefined>>();
  return (name: string): Promise<Asset | undefined> => {
    if (!/^[a-z-]+\.(html|js|css)$/.test(name)) return Promise.resolve(undefined);
    let found = cache.get(name);
    if (!found) {
      const file = path.join(dir, name);
      found = readFile(file).then(
        (body) => ({ type: TYPES[path.extname(name)]!, body }),
        () => undefined,
      );
      cache.set(name, found);
    }
    return found;
  };
}
