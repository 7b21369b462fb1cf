import type * as t from "@babel/types";
import { findPaths } from "./paths.js";

const isWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95;

/**
 * Where identifiers called `name` may start: every place the text occurs between non-word
 * characters, plus identifiers written with `\u` escapes. A superset: a hit inside a string,
 * a comment or a longer non-ASCII identifier is ruled out by whoever looks at the AST there.
 */
export function createOccurrenceFinder(
  code: string,
  program: t.Program,
): (name: string) => number[] {
  const cache = new Map<string, number[]>();
  const hasEscapes = code.includes("\\u");
  let escaped: Map<string, number[]> | undefined;
  const getEscaped = () => {
    if (escaped) return escaped;
    escaped = new Map();
    for (let i = code.indexOf("\\u"); i >= 0; i = code.indexOf("\\u", i + 2)) {
      const paths = findPaths(
        program,
        i,
        (node) => node.type === "Identifier" || node.type === "JSXIdentifier",
      );
      for (const path of paths) {
        const node = path.at(-1)!.node as t.Identifier;
        const list = escaped.get(node.name) ?? [];
        if (!list.includes(node.start!)) list.push(node.start!);
        escaped.set(node.name, list);
      }
    }
    return escaped;
  };
  return (name) => {
    let found = cache.get(name);
    if (found) return found;
    found = [];
    for (let i = code.indexOf(name); i >= 0; i = code.indexOf(name, i + 1)) {
      if (i > 0 && isWordCode(code.charCodeAt(i - 1))) continue;
      if (isWordCode(code.charCodeAt(i + name.length))) continue;
      found.push(i);
    }
    if (hasEscapes) {
      for (const at of getEscaped().get(name) ?? []) if (!found.includes(at)) found.push(at);
      found.sort((a, b) => a - b);
    }
    cache.set(name, found);
    return found;
  };
}
