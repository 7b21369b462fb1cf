/**
 * The console workflow code calls, made safe to print: Node's inspect calls a value's
 * `[util.inspect.custom](depth, options, inspect)` with host functions, which would hand
 * workflow code the host's `Function`. So every argument is formatted here with
 * `customInspect: false`, and the console behind it only ever prints strings.
 */
import util from "node:util";
import { CONSOLE_METHODS } from "../replay-console.js";

const plain = { customInspect: false } as const;
const format = (args: unknown[]) => util.formatWithOptions(plain, ...args);
const inspect = (value: unknown) => util.inspect(value, plain);

/** Host data for console.table: arrays and plain objects copied two levels, the rest as text. */
function toTableData(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth > 1) return inspect(value);
  if (Array.isArray(value)) return value.map((v) => toTableData(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto.constructor?.name !== "Object") return inspect(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    out[key] = toTableData((value as Record<string, unknown>)[key], depth + 1);
  return out;
}

const label = (value: unknown) => (value === undefined ? undefined : String(value));

/** Calls through to `target` (the session's console) with what workflow code passed, as strings. */
export function createSafeConsole(
  target: Record<string, (...args: unknown[]) => void>,
): Record<string, (args: unknown[]) => void> {
  const out: Record<string, (args: unknown[]) => void> = {};
  for (const method of CONSOLE_METHODS) {
    if (typeof target[method] !== "function") continue;
    const call = (...args: unknown[]) => target[method]!(...args);
    switch (method) {
      case "assert":
        out[method] = ([condition, ...rest]) =>
          rest.length ? call(Boolean(condition), format(rest)) : call(Boolean(condition));
        break;
      case "dir": {
        out[method] = ([value, options]) => {
          const depth = (options as { depth?: unknown } | undefined)?.depth;
          target.log!(
            util.inspect(value, { ...plain, depth: typeof depth === "number" ? depth : 2 }),
          );
        };
        break;
      }
      case "table":
        out[method] = ([data]) => call(toTableData(data));
        break;
      case "count":
      case "countReset":
      case "time":
      case "timeEnd":
      case "groupEnd":
        out[method] = ([name]) => call(label(name));
        break;
      case "timeLog":
        out[method] = ([name, ...rest]) =>
          rest.length ? call(label(name), format(rest)) : call(label(name));
        break;
      default:
        out[method] = (args) => (args.length ? call(format(args)) : call());
    }
  }
  return out;
}
