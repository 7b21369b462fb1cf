/** Renders a module spec into an input: its source, file name and module specifier. */
import { type Input, ROOT } from "../input.js";
import { GOOD } from "./directives.js";
import { HELPERS, IMPORTS, TS_ITEMS } from "./module-snippets.js";
import { renderClass, renderFunction, renderObj, renderStmt } from "./render-code.js";
import { renderExpr } from "./render-expression.js";
import { fnScope, moduleScope, Renderer, type Scope } from "./render-scope.js";
import type { Exp, Item, ModuleSpec } from "./spec.js";
import { BASES, COMMENTS, DIRS, SPECIFIERS } from "./vocabulary.js";

function exportPrefix(exp: Exp, r: Renderer, name: string): string {
  if (exp === "named") return r.exportName(name) ? "export " : "";
  if (exp === "list" || exp === "listAlias") {
    if (exp === "listAlias") {
      const alias =
        !r.hasDefault && name.length % 2 === 0 && r.takeDefault()
          ? "default"
          : r.fresh(`${name}Alias`);
      if (r.exportName(alias)) r.exportList.push(`${name} as ${alias}`);
    } else if (r.exportName(name)) r.exportList.push(name);
    return "";
  }
  return "";
}

function renderItem(item: Item, r: Renderer, index: number): string {
  const sc = moduleScope(r);
  // a clean module with a module directive exports async functions only
  const onlyFunctionExports = r.clean && r.moduleDirective;
  const unexport = (text: string) => (onlyFunctionExports ? text.replace(/^export /, "") : text);
  if (onlyFunctionExports && (item.t === "obj" || item.t === "class"))
    item = { ...item, exp: "none" };
  if (onlyFunctionExports && item.t === "fn") {
    const form = item.form === "gen" ? "decl" : item.form;
    const exp = form === "wrapped" || form === "letAssign" ? "none" : item.exp;
    const fn = exp === "none" ? item.fn : { ...item.fn, isAsync: true };
    item = { ...item, form, exp, fn, fn2: { ...item.fn2, isAsync: true } };
  }
  // top-level scope: names are shared across items, so vis is the module list itself
  switch (item.t) {
    case "import": {
      const imp = IMPORTS[item.k % IMPORTS.length]!(r);
      r.moduleFns.push(...(imp.fns ?? []));
      r.moduleVals.push(...(imp.vals ?? []));
      return imp.text;
    }
    case "helper": {
      const name = r.fresh(
        ["helper", "CONFIG", "counter", "util", "legacy", "LIMIT", "Kind", "load"][item.k % 8]!,
      );
      const h = HELPERS[item.k % HELPERS.length]!(r, name);
      if (item.k % HELPERS.length === 5) r.exportName(name);
      if (h.fn) r.moduleFns.push(name);
      else r.moduleVals.push(name);
      return unexport(h.text);
    }
    case "dir":
      return r.clean ? `// ${item.text};` : `${item.text};`;
    case "comment":
      return COMMENTS[item.k % COMMENTS.length]!;
    case "ts":
      return r.ts ? unexport(TS_ITEMS[item.k % TS_ITEMS.length]!(r)) : "// (no TypeScript here)";
    case "stmt":
      return renderStmt(item.s, r, sc);
    case "reexport": {
      if (onlyFunctionExports) return "// (no re-export)";
      if (item.k === 0) return `export * from "./other.js";`;
      const alias = r.fresh("reexported");
      r.exportName(alias);
      return item.k === 1
        ? `export { helper as ${alias} } from "./other.js";`
        : `export * as ${alias} from "./ns.js";`;
    }
    case "obj": {
      if (item.exp === "default" && r.takeDefault())
        return `export default ${renderObj(item.obj, r, sc)};`;
      const name = r.fresh(["agent", "tools", "handlers"][index % 3]!);
      const prefix = exportPrefix(item.exp, r, name);
      const text = `${prefix}const ${name} = ${renderObj(item.obj, r, sc)};`;
      r.moduleVals.push(name);
      return text;
    }
    case "class": {
      const name = r.fresh(["Order", "Money", "Agent", "Account"][index % 4]!);
      r.moduleVals.push(name);
      if (item.asExpr) {
        const prefix = exportPrefix(item.exp === "default" ? "named" : item.exp, r, name);
        const body = renderClass({ ...item.cls, decorator: false }, r, sc, r.fresh(`${name}Impl`));
        return `${prefix}const ${name} = ${body};`;
      }
      if (item.exp === "default" && r.takeDefault()) {
        const deco = item.cls.decorator ? "@sealed\n" : "";
        return (
          deco + renderClass({ ...item.cls, decorator: false }, r, sc, name, "export default ")
        );
      }
      const prefix = exportPrefix(item.exp === "default" ? "named" : item.exp, r, name);
      if (item.cls.decorator)
        return `@sealed\n${renderClass({ ...item.cls, decorator: false }, r, sc, name, prefix)}`;
      return renderClass(item.cls, r, sc, name, prefix);
    }
    case "fn":
      return renderFnItem(item, r, sc, index);
  }
}

function renderFnItem(
  item: Extract<Item, { t: "fn" }>,
  r: Renderer,
  sc: Scope,
  index: number,
): string {
  const name = r.pickName(index * 7 + item.fn.body.length);
  const isDefault = item.exp === "default" && r.takeDefault();
  const exp: Exp = item.exp === "default" && !isDefault ? "named" : item.exp;
  switch (item.form) {
    case "decl":
    case "anonDecl":
    case "gen": {
      r.moduleFns.push(name);
      const gen = item.form === "gen";
      if (isDefault) {
        const anon = item.form === "anonDecl";
        return `export default ${renderFunction(item.fn, r, sc, "function", anon ? { gen, workflowOK: true } : { name, gen, workflowOK: true })}`;
      }
      return `${exportPrefix(exp, r, name)}${renderFunction(item.fn, r, sc, "function", { name, gen, workflowOK: true })}`;
    }
    case "arrow":
    case "fnexpr":
    case "namedFnexpr":
    case "wrapped": {
      const fnText =
        item.form === "arrow"
          ? renderFunction(item.fn, r, sc, "arrow", { workflowOK: true })
          : item.form === "wrapped"
            ? `wrap(${renderFunction(item.fn, r, sc, "function")})`
            : renderFunction(
                item.fn,
                r,
                sc,
                "function",
                item.form === "namedFnexpr"
                  ? { name: r.pickName(index), workflowOK: true }
                  : { workflowOK: true },
              );
      if (isDefault) return `export default ${fnText};`;
      r.moduleFns.push(name);
      return `${exportPrefix(exp, r, name)}const ${name} = ${fnText};`;
    }
    case "arrowExpr": {
      const inner = fnScope(sc, item.fn, "arrow");
      const x = r.fresh("x");
      inner.vis.push(x);
      const text = `${item.fn.isAsync ? "async " : ""}(${x}) => ${renderExpr({ t: "bin", op: 0, a: { t: "ref", i: 0 }, b: { t: "await", e: { t: "global", k: item.fn.body.length } } }, r, inner)}`;
      if (isDefault) return `export default ${text};`;
      r.moduleFns.push(name);
      return `${exportPrefix(exp, r, name)}const ${name} = ${text};`;
    }
    case "multi": {
      const second = r.pickName(index + 11);
      const prefix = exp === "named" && r.exportName(name) && r.exportName(second) ? "export " : "";
      const text = `${prefix}const ${name} = ${renderFunction(item.fn, r, sc, "arrow", { workflowOK: true })}, ${second} = ${renderFunction(item.fn2, r, sc, "function", { workflowOK: true })};`;
      r.moduleFns.push(name, second);
      return text;
    }
    case "letAssign": {
      r.moduleFns.push(name);
      const prefix = exportPrefix(exp === "default" ? "named" : exp, r, name);
      return `${prefix}let ${name};\n${name} = ${renderFunction(item.fn, r, sc, "arrow")};`;
    }
  }
}

/** The source of `spec`, with its file name under `ROOT` (or relative) and specifier. */
export function renderModule(spec: ModuleSpec): Input {
  const ext = spec.ext;
  const ts = [".ts", ".tsx", ".mts", ".cts"].includes(ext);
  const jsx = ext === ".tsx" || ext === ".jsx";
  const r = new Renderer(ts, jsx, spec.clean);
  const parts: string[] = [];
  if (spec.hashbang) parts.push("#!/usr/bin/env node");
  if (spec.leadingComment) parts.push('/**\n * Generated module. "use step" */');
  const prologue = spec.clean
    ? spec.prologue.slice(0, 1).filter((d) => GOOD.has(d))
    : spec.prologue;
  r.moduleDirective = prologue.length > 0 && GOOD.has(prologue[0]!);
  for (const d of prologue) parts.push(`${d};`);
  spec.items.forEach((item, i) => parts.push(renderItem(item, r, i)));
  if (r.exportList.length > 0) parts.push(`export { ${r.exportList.join(", ")} };`);
  const code = parts.join("\n") + "\n";
  const dir = DIRS[spec.dir % DIRS.length]!;
  const rel = `${dir ? `${dir}/` : ""}${BASES[spec.base % BASES.length]!}${ext}`;
  const input: Input = { code, filename: spec.absolute ? `${ROOT}/${rel}` : rel, root: ROOT };
  const specifier = SPECIFIERS[spec.spec];
  if (specifier !== undefined) input.moduleSpecifier = specifier;
  return input;
}
