/**
 * Entry points of this package that only run on the server (they need Node and the world), and
 * the error for workflow code that still imports one once the transform removed the step bodies:
 * `resumeHook`, `start` or `getRun` called by the workflow itself. Without this check esbuild
 * would follow the import into the package and blame our own file that imports `node:crypto`.
 */
import type { PartialMessage } from "esbuild";
import { parseModule } from "../../compiler/parse.js";

/** `workflow/api` and the integrations; `workflow`, `workflow/errors` and `workflow/ai` run in the sandbox. */
const SERVER_ONLY_ENTRY =
  /^workflow\/(?:api|runtime|register|next|vite|webpack|rollup|esbuild|compiler|internal\/private)(?:\/|$)/;

export function isServerOnlyEntry(specifier: string): boolean {
  return SERVER_ONLY_ENTRY.test(specifier);
}

/** A cheap test before keeping a file's text for {@link findServerOnlyImport}. */
export function mayImportServerOnlyEntry(code: string): boolean {
  return code.includes("workflow/");
}

/** What a file imports from a server-only entry, as far as its text tells. */
export interface ServerOnlyImport {
  /** `resumeHook`, `default`, `* as api`; empty when unknown (a dynamic import). */
  names: string[];
  /** Where the first such import's specifier starts (1-based line, 0-based column). */
  at?: { line: number; column: number; length: number };
}

/**
 * What `code` (a file as the workflow bundle sees it, step bodies removed) still imports or
 * re-exports from `specifier`.
 */
export function findServerOnlyImport(
  code: string,
  filename: string,
  specifier: string,
): ServerOnlyImport {
  let program;
  try {
    program = parseModule(code, filename).program;
  } catch {
    return { names: [] };
  }
  const names: string[] = [];
  let at: ServerOnlyImport["at"];
  for (const node of program.body) {
    if (
      (node.type !== "ImportDeclaration" && node.type !== "ExportNamedDeclaration") ||
      node.source?.value !== specifier
    )
      continue;
    if (node.type === "ImportDeclaration" && node.importKind === "type") continue;
    if (node.type === "ExportNamedDeclaration" && node.exportKind === "type") continue;
    const start = node.source.loc?.start;
    at ??= start && { ...start, length: node.source.end! - node.source.start! };
    for (const spec of node.specifiers) {
      if ("importKind" in spec && spec.importKind === "type") continue;
      if ("exportKind" in spec && spec.exportKind === "type") continue;
      if (spec.type === "ImportNamespaceSpecifier") names.push(`* as ${spec.local.name}`);
      else if (spec.type === "ImportDefaultSpecifier") names.push("default");
      else if (spec.type === "ImportSpecifier" || spec.type === "ExportSpecifier") {
        const name = spec.type === "ImportSpecifier" ? spec.imported : spec.local;
        names.push(name.type === "Identifier" ? name.name : name.value);
      }
    }
  }
  return { names: [...new Set(names)], ...(at ? { at } : {}) };
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * The error for `file` (root-relative), which the workflow bundle includes, importing `names`
 * from the server-only `specifier`. esbuild adds the import's place; the plugin maps it back to
 * the user's line and adds the code frame.
 */
export function createServerOnlyImportError(
  file: string,
  specifier: string,
  names: readonly string[],
): PartialMessage {
  const what = names.length ? `${list(names)} from "${specifier}"` : `"${specifier}"`;
  const them =
    names.length === 0
      ? `what it imports from "${specifier}"`
      : names.length === 1 && !names[0]!.startsWith("*")
        ? names[0]
        : "them";
  return {
    id: "SERVER_ONLY_IMPORT",
    text:
      `SERVER_ONLY_IMPORT: ${file} is bundled into the workflow sandbox, and its code outside steps uses ${what}, ` +
      `which runs only on the server: the sandbox cannot load "${specifier}".`,
    notes: [
      {
        text:
          `Call ${them} from an API route or a script, or from a step ("use step") that the workflow calls: ` +
          `imports used only inside steps are left out of the workflow bundle.` +
          (names.includes("start")
            ? " To start another workflow from this one, call start() in a step."
            : ""),
      },
    ],
  };
}
