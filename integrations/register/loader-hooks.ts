/**
 * Module hooks of `workflow/register` (run by Node on its loader thread). App modules get the
 * client transform (workflows stamped with their ID and made to throw when called directly;
 * steps stamped and left callable), then TypeScript and JSX are stripped by esbuild. A TS
 * import written as `./steps.js` or without an extension finds `./steps.ts`.
 */
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform as strip } from "esbuild";
import { hash, readCached, writeAtomic } from "../bundling/disk-cache.js";
import { AI_ALIAS, AI_TARGET } from "../shared/ai-alias.js";
import { compileModule, isOwnFile, shouldCompile } from "../shared/compile-module.js";
import { DirectiveError } from "../shared/directive-error.js";
import {
  findSourceFile,
  moduleSpecifierOf,
  SOURCE_FILE,
  typescriptAlternatives,
} from "../shared/source-files.js";

interface HookData {
  root: string;
  /** Where client-transformed modules are kept between processes; none when undefined. */
  cacheDir?: string;
}

interface ResolveContext {
  parentURL?: string;
  conditions: string[];
}
type NextResolve = (
  specifier: string,
  context?: ResolveContext,
) => Promise<{ url: string; format?: string | null }>;
interface LoadContext {
  format?: string | null;
  conditions: string[];
}
type NextLoad = (
  url: string,
  context?: LoadContext,
) => Promise<{
  format: string;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}>;

let root = process.cwd();
let cacheDir: string | undefined;
/** Part of every cache key: a rebuilt compiler (its files' time) invalidates older entries. */
let compilerStamp = "";

export function initialize(data: HookData | undefined): void {
  if (data?.root) root = data.root;
  cacheDir = data?.cacheDir;
  try {
    compilerStamp = String(
      statSync(fileURLToPath(new URL("../../compiler/transform.js", import.meta.url))).mtimeMs,
    );
  } catch {
    cacheDir = undefined; // running from sources: no stable stamp, no cache
  }
}

const TYPESCRIPT = /\.(?:ts|tsx|mts|cts)$/;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  if (AI_ALIAS.test(specifier)) return next(specifier.replace(AI_ALIAS, AI_TARGET), context);
  try {
    return await next(specifier, context);
  } catch (error) {
    const parent = context.parentURL;
    const relative =
      specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/");
    if (
      !relative ||
      !parent?.startsWith("file:") ||
      (error as { code?: string }).code !== "ERR_MODULE_NOT_FOUND"
    )
      throw error;
    const wanted = fileURLToPath(new URL(specifier, parent));
    const found =
      typescriptAlternatives(wanted).find((file) => findSourceFile(file) === file) ??
      findSourceFile(wanted);
    if (!found) throw error;
    return {
      url: pathToFileURL(found).href,
      shortCircuit: true,
      format: found.endsWith(".cts") || found.endsWith(".cjs") ? "commonjs" : "module",
    };
  }
}

export async function load(url: string, context: LoadContext, next: NextLoad) {
  if (!url.startsWith("file:")) return next(url, context);
  const file = fileURLToPath(url.split("?")[0]!);
  // This package's own files pass untouched: the runtime an app imports (and the compiler,
  // which the engine imports once a bundle must be built) is not parsed on every start.
  if (!SOURCE_FILE.test(file) || file.endsWith(".d.ts") || isOwnFile(file))
    return next(url, context);
  const isTypeScript = TYPESCRIPT.test(file) || file.endsWith(".jsx");
  if (!isTypeScript) {
    const loaded = await next(url, context);
    if (loaded.format !== "module" || loaded.source == null) return loaded;
    const text =
      typeof loaded.source === "string"
        ? loaded.source
        : Buffer.from(loaded.source as Uint8Array).toString("utf8");
    // Packages are loaded as they are, unless they may hold directives (shouldCompile).
    if (file.includes("/node_modules/") && !shouldCompile(file, text)) return loaded;
    return { format: "module", source: await clientTransform(text, file), shortCircuit: true };
  }
  const source = await clientTransform(await readFile(file, "utf8"), file);
  const loader = file.endsWith("x") ? (file.endsWith(".tsx") ? "tsx" : "jsx") : "ts";
  const format = file.endsWith(".cts") ? "commonjs" : "module";
  const stripped = await strip(source, {
    loader,
    format: format === "module" ? "esm" : "cjs",
    sourcefile: file,
    sourcemap: "inline",
    target: "node20",
    jsx: "automatic",
  });
  return { format, source: stripped.code, shortCircuit: true };
}

/**
 * The client transform, or a load error (`DirectiveError`: every mistake with its file, line,
 * column and code frame, and no stack of this loader's). The compiler is imported when a file
 * first needs it (compileModule), so that a process whose modules hold no directive (one that
 * only resumes runs, say) does not load Babel on this thread. Its own modules pass through
 * these hooks untouched (`isOwnFile`); anything else would wait for itself.
 */
async function clientTransform(code: string, file: string): Promise<string> {
  if (!shouldCompile(file, code)) return code;
  // Loading Babel costs about a second per process: a module seen before comes from the cache.
  const key = [compilerStamp, root, file, moduleSpecifierOf(file) ?? "", code].join("\0");
  const cached = cacheDir && path.join(cacheDir, `client-${hash(key)}.js`);
  const hit = cached && (await readCached(cached));
  if (hit !== undefined && hit !== "") return hit;
  const result = await compileModule({ code, file, root, mode: "client" });
  if (result.errors.length) throw new DirectiveError(file, result.errors);
  const output = result.map
    ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n`
    : result.code;
  // A cache that cannot be written only makes the next start slower.
  if (cached) await writeAtomic(cached, output).catch(() => {});
  return output;
}
