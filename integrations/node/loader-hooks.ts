/**
 * Module hooks of `workflow/register` (run by Node on its loader thread). App modules get the
 * client transform (workflows stamped with their ID and made to throw when called directly;
 * steps stamped and left callable), then TypeScript and JSX are stripped by esbuild. A TS
 * import written as `./steps.js` or without an extension finds `./steps.ts`.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform as strip } from "esbuild";
import { formatDiagnostic, transform } from "../../compiler/index.js";
import { findSourceFile, moduleSpecifierOf, typescriptAlternatives } from "./source-files.js";

interface HookData {
  root: string;
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

export function initialize(data: HookData | undefined): void {
  if (data?.root) root = data.root;
}

const TYPESCRIPT = /\.(?:ts|tsx|mts|cts)$/;
const TRANSFORMABLE = /\.(?:[cm]?[jt]sx?)$/;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
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
    return { format: "module", source: clientTransform(text, file), shortCircuit: true };
  }
  if (!isTypeScript) {
    const loaded = await next(url, context);
    if (loaded.format !== "module" || loaded.source == null) return loaded;
    const text =
      typeof loaded.source === "string"
        ? loaded.source
        : Buffer.from(loaded.source as Uint8Array).toString("utf8");
    return { format: "module", source: clientTransform(text, file), shortCircuit: true };
  }
  const source = clientTransform(await readFile(file, "utf8"), file);
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

/** The client transform, or a load error with every diagnostic and its code frame. */
function clientTransform(code: string, file: string): string {
  const result = transform(code, {
    filename: file,
    root,
    mode: "client",
    moduleSpecifier: moduleSpecifierOf(file),
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) {
    const error = new SyntaxError(
      `Workflow directives in ${file}:\n\n${errors.map((d) => formatDiagnostic(d)).join("\n\n")}`,
    );
    throw Object.assign(error, { code: "ERR_WORKFLOW_TRANSFORM", diagnostics: errors });
  }
  if (!result.map) return result.code;
  return `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n`;
}
