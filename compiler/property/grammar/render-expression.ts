/** Renders an expression spec; `await`, `as`, JSX only where the scope and file allow them. */
import type { Renderer, Scope } from "./render-scope.js";
import type { Expr } from "./spec.js";
import { GLOBALS, LITERALS } from "./vocabulary.js";

/** The source of one expression. */
export function renderExpr(e: Expr, r: Renderer, sc: Scope): string {
  switch (e.t) {
    case "ref":
      return sc.vis.length > 0 ? sc.vis[e.i % sc.vis.length]! : "undefined";
    case "lit":
      return LITERALS[e.k % LITERALS.length]!;
    case "global":
      return GLOBALS[e.k % GLOBALS.length]!;
    case "helper": {
      const fns = [...sc.fns, ...r.moduleFns];
      if (fns.length === 0) return "helperMissing()";
      const arg = sc.vis.length > 0 ? sc.vis[e.arg % sc.vis.length]! : "";
      return `${fns[e.i % fns.length]!}(${arg})`;
    }
    case "this":
      return "this.value";
    case "bin": {
      const a = renderExpr(e.a, r, sc);
      const b = renderExpr(e.b, r, sc);
      return [`(${a} + ${b})`, `(${a} ?? ${b})`, `${a}?.[${b}]`, `[${a}, ...[${b}]]`][e.op % 4]!;
    }
    case "await":
      return sc.isAsync ? `(await ${renderExpr(e.e, r, sc)})` : renderExpr(e.e, r, sc);
    case "tmpl":
      return `\`value: \${${renderExpr(e.e, r, sc)}} */\``;
    case "arrowExpr":
      return `((item) => item + ${renderExpr(e.e, r, sc)})`;
    case "ts":
      return r.ts ? `(${renderExpr(e.e, r, sc)} as any)` : renderExpr(e.e, r, sc);
    case "jsx":
      return r.jsx
        ? `<div data-x={${renderExpr(e.e, r, sc)}}>{"use step"}</div>`
        : renderExpr(e.e, r, sc);
  }
}
