/**
 * Function IDs: the one place they are made and the one place they are read back.
 *
 *   step//./src/orders//chargePayment          a file of the app: its root-relative path
 *   workflow//order-fees/index@1.0.0//addFee   a file in node_modules: package/subpath@version
 *   class//./src/money//Money                  a serializable class
 *   hook//./src/payments//paymentHook          a hook definition (`const x = defineHook(...)`)
 *   __builtin_response_json                    a step the runtime itself provides
 *
 * The compiler makes them (compiler/analyze.ts), the runtime and the bundle builders read
 * them. Nothing here may import Node: the workflow sandbox bundle includes this module.
 */

export type IdKind = "workflow" | "step" | "class" | "hook";

/** What an ID is made of. `modulePath` is `./<path without extension>` or `pkg/sub@version`. */
export interface ParsedId {
  kind: IdKind;
  modulePath: string;
  /** The function's full name inside its module: `placeOrder`, `flow/helpers/ping`, `Money#total`. */
  name: string;
}

const SEPARATOR = "//";
const BUILTIN_PREFIX = "__builtin";

/** Extensions removed from the module path of an ID; `.d.*` first so that it wins over `.ts`. */
const ID_EXTENSIONS = [
  ".d.ts",
  ".d.mts",
  ".d.cts",
  ".tsx",
  ".jsx",
  ".mts",
  ".cts",
  ".ts",
  ".js",
  ".mjs",
  ".cjs",
];

/** The part of an ID that names the module: the specifier for packages, else `./<path without extension>`. */
export function toModulePath(relativePath: string, moduleSpecifier: string | undefined): string {
  if (moduleSpecifier) return moduleSpecifier;
  const ext = ID_EXTENSIONS.find((e) => relativePath.endsWith(e));
  return `./${ext ? relativePath.slice(0, -ext.length) : relativePath}`;
}

/** Is this the ID of a step the runtime provides (`__builtin_*`), which names no module? */
export function isBuiltinId(id: string): boolean {
  return id.startsWith(BUILTIN_PREFIX);
}

/** The one place an ID is made. */
export function makeId(kind: IdKind, modulePath: string, name: string): string {
  if (kind === "step" && name.startsWith(BUILTIN_PREFIX)) return name;
  return `${kind}${SEPARATOR}${modulePath}${SEPARATOR}${name}`;
}

/** The parts of an ID; null for a builtin step or a string that is not an ID. */
export function parseId(id: string): ParsedId | null {
  const first = id.indexOf(SEPARATOR);
  if (first < 0) return null;
  const kind = id.slice(0, first);
  if (kind !== "workflow" && kind !== "step" && kind !== "class" && kind !== "hook") return null;
  // The module path never holds `//`; the name may (it never does today, but it is last).
  const second = id.indexOf(SEPARATOR, first + SEPARATOR.length);
  if (second < 0) return null;
  return {
    kind,
    modulePath: id.slice(first + SEPARATOR.length, second),
    name: id.slice(second + SEPARATOR.length),
  };
}

/** The name a person reads: `chargePayment` for `step//./src/orders//flow/chargePayment`. */
export function shortNameOf(id: string): string {
  const name = parseId(id)?.name ?? id;
  return name.slice(name.lastIndexOf("/") + 1);
}
