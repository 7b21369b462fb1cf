/** Renders a parameter list, declaring each parameter in the function's scope. */
import { local, type Renderer, type Scope } from "./render-scope.js";
import type { FnSpec } from "./spec.js";

/** The parameter list of `fn`, without parentheses; each name is declared in `sc`. */
export function renderParams(fn: FnSpec, r: Renderer, sc: Scope, arrow: boolean): string {
  const out: string[] = [];
  let rest: string | null = null;
  let i = 0;
  for (const kind of fn.params) {
    const ann = r.ts && fn.annotate;
    switch (kind) {
      case "plain": {
        const name = local(r, sc, ["input", "items", "id", "count"][i++ % 4]!);
        sc.vis.push(name);
        out.push(ann ? `${name}: any` : name);
        break;
      }
      case "default": {
        const name = local(r, sc, "retries");
        sc.vis.push(name);
        out.push(ann ? `${name}: number = 3` : `${name} = 3`);
        break;
      }
      case "object": {
        const a = local(r, sc, "id");
        const b = local(r, sc, "opts");
        sc.vis.push(a, b);
        out.push(`{ ${a}, ${b} = {} }${ann ? ": any" : ""}`);
        break;
      }
      case "array": {
        const a = local(r, sc, "first");
        const b = local(r, sc, "second");
        sc.vis.push(a, b);
        out.push(`[${a}, , ${b}]${ann ? ": any[]" : ""}`);
        break;
      }
      case "rest": {
        if (rest === null) {
          rest = local(r, sc, "rest");
          sc.vis.push(rest);
        }
        break;
      }
      case "this":
        if (r.ts && !arrow && out.length === 0) out.push("this: any");
        break;
    }
  }
  if (rest !== null) out.push(`...${rest}${r.ts && fn.annotate ? ": any[]" : ""}`);
  return out.join(", ");
}
