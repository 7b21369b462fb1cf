/**
 * One step on the way from the root to a nested value. Steps are recorded raw
 * while walking and formatted only when an error needs the path.
 */
export type PathKey = string | number | symbol | PathStep;

/** A step that is not a property access. */
export type PathStep =
  | { readonly kind: "map-key"; readonly position: number }
  | { readonly kind: "map-value"; readonly key: unknown; readonly position: number }
  | { readonly kind: "set-value"; readonly position: number }
  /** Data that stands in for the value, e.g. what a class's serialize method returned. */
  | { readonly kind: "note"; readonly text: string };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Renders the path as JavaScript-like text: `args[1].customer.get("id").onUpdate`. */
export function formatPath(root: string, keys: readonly PathKey[]): string {
  let text = root;
  for (const key of keys) text += formatKey(key);
  return text;
}

function formatKey(key: PathKey): string {
  switch (typeof key) {
    case "number":
      return `[${key}]`;
    case "string":
      return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    case "symbol":
      return `[${formatSymbol(key)}]`;
  }
  switch (key.kind) {
    case "map-key":
      return `.keys()[${key.position}]`;
    case "map-value":
      return isPrimitive(key.key)
        ? `.get(${formatPrimitive(key.key)})`
        : `.values()[${key.position}]`;
    case "set-value":
      return `.values()[${key.position}]`;
    case "note":
      return `<${key.text}>`;
  }
}

function formatSymbol(symbol: symbol): string {
  const registered = Symbol.keyFor(symbol);
  return registered === undefined ? String(symbol) : `Symbol.for(${JSON.stringify(registered)})`;
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

function formatPrimitive(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return formatSymbol(value);
  if (Object.is(value, -0)) return "-0";
  return String(value);
}
