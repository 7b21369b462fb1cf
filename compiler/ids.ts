import path from "node:path";

/** IDs are made and read in protocol/ids.ts, shared with the runtime; the compiler uses these. */
export { makeId, toModulePath } from "../protocol/ids.js";

/** The root-relative path of a file with forward slashes (what the manifest is keyed by). */
export function toRelativePath(filename: string, root: string): string {
  const absolute = path.isAbsolute(filename) ? filename : path.join(root, filename);
  return path.relative(root, absolute).split(path.sep).join("/");
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Turns a function's full name (`flow/helpers/ping`) into an identifier (`flow$helpers$ping`). */
export function toIdentifier(name: string): string {
  const id = name.replace(/[/.#]/g, "$").replace(/[^\w$]/g, "_");
  return IDENTIFIER.test(id) ? id : `_${id}`;
}

const isWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95;
const isDigitCode = (c: number) => c >= 48 && c <= 57;

/**
 * Is `name` one of the tokens `/[A-Za-z_$][\w$]*\/g` finds in `code`? A token is a run of word
 * characters without its leading digits, so `name` must end a run that only digits precede.
 */
function occursAsToken(code: string, name: string): boolean {
  for (let i = code.indexOf(name); i >= 0; i = code.indexOf(name, i + 1)) {
    if (isWordCode(code.charCodeAt(i + name.length))) continue;
    let start = i;
    while (start > 0 && isDigitCode(code.charCodeAt(start - 1))) start--;
    if (start === 0 || !isWordCode(code.charCodeAt(start - 1))) return true;
  }
  return false;
}

/**
 * Hands out names that occur nowhere in the file (identifiers the compiler adds). Only the
 * names asked for are looked up, instead of collecting every word of the file up front.
 */
export function createNameAllocator(code: string): (wanted: string) => string {
  const given = new Set<string>();
  const taken = (name: string) => given.has(name) || occursAsToken(code, name);
  return (wanted) => {
    let name = wanted;
    for (let i = 2; taken(name); i++) name = `${wanted}$${i}`;
    given.add(name);
    return name;
  };
}
