/**
 * The setup module `withWorkflow` writes when the workflow or step bundle cannot be built (a
 * directive mistake, a Node.js built-in in a workflow): it makes the app's build fail at the
 * mistake, instead of the config failing to load. Next loads the config before it builds
 * anything, and prints an error thrown there as "Failed to load next.config.mjs" with a stack.
 *
 * - A directive mistake is the same in every mode of the transform (the analysis finds it), so
 *   the loader's client transform reports it in the file itself: the module imports that file,
 *   which a helper that only workflow code imports would otherwise never reach the app's build.
 * - Anything else (what only the workflow bundle forbids) is written into the module, and the
 *   loader fails the module with it (build-error-export.ts).
 *
 * Every generated route imports this module, so the build fails once per mistake whichever
 * routes are compiled; the next generation (a build, or a save under `next dev`) rewrites it.
 */
import path from "node:path";
import type { Message } from "esbuild";
import { type BundleBuildError, formatBundleMessage } from "../bundling/build-bundles.js";
import { toBuildErrorExport } from "./build-error-export.js";

/** A message of the transform: its `detail` is the compiler's diagnostic (directive-plugin.ts). */
function isDirectiveMistake(m: Message): boolean {
  const detail = m.detail as { code?: unknown; loc?: unknown } | undefined;
  return typeof detail?.code === "string" && typeof detail.loc === "object" && !!m.location;
}

function toImportPath(from: string, to: string): string {
  const relative = path.relative(path.dirname(from), to).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

export interface FailedSetupOptions {
  /** The comment the generated files start with. */
  header: string;
  /** Absolute path of the setup module. */
  setup: string;
  /** The project root, which esbuild's locations are relative to. */
  root: string;
  error: BundleBuildError;
}

/** The text of the setup module after a failed bundle build. */
export function createFailedSetup({ header, setup, root, error }: FailedSetupOptions): string {
  const files = new Set<string>();
  const others: Message[] = [];
  for (const m of error.messages) {
    if (isDirectiveMistake(m)) files.add(path.resolve(root, m.location!.file));
    else others.push(m);
  }
  const imports = [...files]
    .sort()
    .map((file) => `import ${JSON.stringify(toImportPath(setup, file))};\n`);
  const message = others.map(formatBundleMessage).join("\n\n");
  const exported = message ? toBuildErrorExport(message) : "";
  return `${header}// The workflow bundles could not be built: the build fails at the mistakes, in the files
// imported here (the loader reports them) or with the message below.
${imports.join("")}${exported}
throw new Error("workflow: the workflow bundles were not built; the build error says why.");
`;
}
