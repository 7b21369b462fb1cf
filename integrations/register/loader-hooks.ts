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
import { mayNeedTransform } from "../../compiler/directives.js";
import { AI_ALIAS, AI_TARGET } from "../shared/ai-alias.js";
import { hash, readCached, writeAtomic } from "../bundling/disk-cache.js";
import {
  findSourceFile,
  moduleSpecifierOf,
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

/**
 * This package's compiled files (`dist/`): never user code, though some mention the directives
 * in messages. Left alone, so that the runtime an app imports (and the compiler, which the
 * engine imports once a bundle must be built) is not parsed by the transform on every start.
 */
const OWN_DIST = new URL("../../", import.meta.url).href;
const isOwnFile = (url: string) => OWN_DIST.endsWith("/dist/") && url.startsWith(OWN_DIST);
const TRANSFORMABLE = /\.(?:[cm]?[jt]sx?)$/;

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
  if (!url.startsWith("file:") || isOwnFile(url)) return next(url, context);
  const file = fileURLToPath(url.split("?")[0]!);
  if (!TRANSFORMABLE.test(file) || file.endsWith(".d.ts")) return next(url, context);
  const isTypeScript = TYPESCRIPT.test(file) || file.endsWith(".jsx");
  const inPackages = file.includes("/node_modules/");
  if (inPackages && !isTypeScript) {
    // Packages are loaded as they are, unless they hold directives (cheap string check first).
    const loaded = await next(url, context);
    if (loaded.format !== "module" || loaded.source == null) return loaded;
    const text =
      typeof loaded.source === "string"
        ? loaded.source
        : Buffer.from(loaded.source as Uint8Array).toString("utf8");
    if (!text.includes("use workflow") && !text.includes("use step")) return loaded;
    return { format: "module", source: await clientTransform(text, file), shortCircuit: true };
  }
  if (!isTypeScript) {
    const loaded = await next(url, context);
    if (loaded.format !== "module" || loaded.source == null) return loaded;
    const text =
      typeof loaded.source === "string"
        ? loaded.source
        : Buffer.from(loaded.source as Uint8Array).toString("utf8");
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
 * The client transform, or a load error with every diagnostic and its code frame. The compiler
 * is imported when a file first needs it, so that a process whose modules hold no directive (one
 * that only resumes runs, say) does not load Babel on this thread. Its own modules pass through
 * these hooks untouched (`isOwnFile`); anything else would wait for itself.
 */
async function clientTransform(code: string, file: string): Promise<string> {
  if (!mayNeedTransform(code)) return code;
  // Loading Babel costs about a second per process: a module seen before comes from the cache.
  const moduleSpecifier = moduleSpecifierOf(file);
  const key = [compilerStamp, root, file, moduleSpecifier ?? "", code].join("\0");
  const cached = cacheDir && path.join(cacheDir, `client-${hash(key)}.js`);
  const hit = cached && (await readCached(cached));
  if (hit !== undefined && hit !== "") return hit;
  const { formatDiagnostic, transform } = await import("../../compiler/index.js");
  const result = transform(code, {
    filename: file,
    root,
    mode: "client",
    moduleSpecifier,
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) {
    const error = new SyntaxError(
      `Workflow directives in ${file}:\n\n${errors.map((d) => formatDiagnostic(d)).join("\n\n")}`,
    );
    // The frames would be this loader's, which say nothing about the user's file: the message
    // has its place. The diagnostics stay available as data without being printed twice.
    error.stack = `${error.name}: ${error.message}`;
    Object.defineProperty(error, "diagnostics", { value: errors, enumerable: false });
    throw Object.assign(error, { code: "ERR_WORKFLOW_TRANSFORM" });
  }
  const output = result.map
    ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n`
    : result.code;
  // A cache that cannot be written only makes the next start slower.
  if (cached) await writeAtomic(cached, output).catch(() => {});
  return output;
}
