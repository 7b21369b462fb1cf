/**
 * Renders functions, statements, object literals and classes. They nest in one another (a
 * function body holds statements, a statement declares objects, classes and functions, whose
 * members are functions again), so they live in one module rather than in a cycle of imports.
 */
import { sanitize } from "./directives.js";
import { renderExpr } from "./render-expression.js";
import { renderParams } from "./render-params.js";
import { child, fnScope, local, localName, type Renderer, type Scope } from "./render-scope.js";
import type { ClassSpec, FnSpec, ObjSpec, Stmt } from "./spec.js";
import { CLASS_KEYS, NAME_BASES, PROP_KEYS } from "./vocabulary.js";

function renderBody(fn: FnSpec, r: Renderer, sc: Scope): string {
  const lines: string[] = [];
  // "use strict" in a function with non-simple parameters is a syntax error: keep that out
  const simple = fn.params.every((p) => p === "plain" || p === "this");
  const strict = simple ? '"use strict"' : '"use client"';
  const dir =
    fn.dir && !simple && fn.dir.text === '"use strict"' ? { ...fn.dir, text: strict } : fn.dir;
  if (dir) {
    switch (dir.pos) {
      case "first":
        lines.push(`${dir.text};`);
        break;
      case "noSemi":
        lines.push(dir.text);
        break;
      case "comment":
        lines.push(`/* leading */ ${dir.text};`);
        break;
      case "lineComment":
        lines.push("// leading comment", `${dir.text};`);
        break;
      case "afterStrict":
        lines.push(`${strict};`, `${dir.text};`);
        break;
      case "late":
        break;
    }
  }
  fn.body.forEach((s, i) => {
    lines.push(renderStmt(s, r, sc));
    if (i === 0 && dir?.pos === "late") lines.push(`${dir.text};`);
  });
  if (dir?.pos === "late" && fn.body.length === 0) lines.push("const early = 1;", `${dir.text};`);
  if (lines.length === 0) return "{}";
  return `{\n${lines.map((l) => `${sc.indent}${l}`).join("\n")}\n${sc.indent.slice(2)}}`;
}

/** `[async ]function[*] name(params) body`, `[async ](params) => body`, `[async ][*]key(params) body`. */
export function renderFunction(
  fn: FnSpec,
  r: Renderer,
  outer: Scope,
  kind: "function" | "arrow" | "method",
  opts: {
    name?: string;
    gen?: boolean;
    isStatic?: boolean;
    /** A "use workflow" is legal here (module-level function, static method of a module-level class). */
    workflowOK?: boolean;
    /** No directive is legal here (nested class, private method). */
    noDirective?: boolean;
  } = {},
): string {
  fn = sanitize(fn, r, !!opts.workflowOK, !!opts.noDirective);
  const gen = !!opts.gen && kind !== "arrow";
  const sc = fnScope(outer, fn, kind, gen);
  const params = renderParams(fn, r, sc, kind === "arrow");
  const ret = r.ts && fn.annotate && !gen ? (fn.isAsync ? ": Promise<any>" : ": any") : "";
  const body = renderBody(fn, r, sc);
  const asyncKw = fn.isAsync ? "async " : "";
  if (kind === "arrow") return `${asyncKw}(${params})${ret} => ${body}`;
  if (kind === "method")
    return `${opts.isStatic ? "static " : ""}${asyncKw}${gen ? "*" : ""}${opts.name}(${params})${ret} ${body}`;
  return `${asyncKw}function${gen ? "*" : ""}${opts.name ? ` ${opts.name}` : ""}(${params})${ret} ${body}`;
}

function renderBlock(stmts: Stmt[], r: Renderer, sc: Scope, pre: string[] = []): string {
  const inner = child(sc);
  const lines = [...pre, ...stmts.map((s) => renderStmt(s, r, inner))];
  if (lines.length === 0) return "{}";
  return `{\n${lines.map((l) => `${inner.indent}${l}`).join("\n")}\n${sc.indent}}`;
}

/** A statement, declaring what it declares in `sc`. */
export function renderStmt(s: Stmt, r: Renderer, sc: Scope): string {
  const aw = sc.isAsync ? "await " : "";
  switch (s.t) {
    case "const": {
      const value = renderExpr(s.e, r, sc);
      const name = local(r, sc, ["data", "value", "config", "step"][sc.vis.length % 4]!);
      sc.vis.push(name);
      return `const ${name} = ${value};`;
    }
    case "let": {
      const value = renderExpr(s.e, r, sc);
      const name = local(r, sc, "counter");
      sc.vis.push(name);
      sc.lets.push(name);
      return `let ${name} = ${value};`;
    }
    case "assign":
      return sc.lets.length > 0 ? `${sc.lets[s.i % sc.lets.length]!} += 1;` : "void 0;";
    case "expr": {
      const text = renderExpr(s.e, r, sc);
      return text.startsWith("{") ? `(${text});` : `${text};`;
    }
    case "call": {
      const fns = [...sc.fns, ...r.moduleFns];
      const callee = fns.length > 0 ? fns[s.i % fns.length]! : "doWork";
      return `${aw}${callee}(${s.args.map((a) => renderExpr(a, r, sc)).join(", ")});`;
    }
    case "return":
      return sc.inFunction ? `return ${renderExpr(s.e, r, sc)};` : `${renderExpr(s.e, r, sc)};`;
    case "dir":
      return r.clean ? `void ${s.text};` : `${s.text};`;
    case "this":
      return "this.count = (this.count ?? 0) + 1;";
    case "super":
      return sc.superOK && !r.clean ? "super.toString();" : "void super_;";
    case "newTarget":
      return sc.newTargetOK ? "const target = new.target;" : "void target_;";
    case "arguments":
      return sc.argumentsOK && !r.clean ? "console.log(arguments.length);" : "void args_;";
    case "jsx": {
      if (!r.jsx) return "void 0;";
      const ref = sc.vis.length > 0 ? sc.vis[s.i % sc.vis.length]! : "null";
      const name = local(r, sc, "element");
      sc.vis.push(name);
      return `const ${name} = <Widget value={${ref}}><>{"*/"}</></Widget>;`;
    }
    case "forOf": {
      const source = sc.vis.length > 0 ? sc.vis[s.i % sc.vis.length]! : "[1, 2, 3]";
      const inner = child(sc);
      const v = local(r, inner, ["item", "i", "entry"][s.i % 3]!);
      inner.vis.push(v);
      const lines = s.body.map((b) => renderStmt(b, r, inner));
      const header = s.isAwait && sc.isAsync ? "for await" : "for";
      const body =
        lines.length === 0
          ? "{}"
          : `{\n${lines.map((l) => `${inner.indent}${l}`).join("\n")}\n${sc.indent}}`;
      return `${header} (const ${v} of ${source}) ${body}`;
    }
    case "forI": {
      const inner = child(sc);
      const v = local(r, inner, "i");
      inner.vis.push(v);
      inner.lets.push(v);
      const lines = s.body.map((b) => renderStmt(b, r, inner));
      const body =
        lines.length === 0
          ? "{}"
          : `{\n${lines.map((l) => `${inner.indent}${l}`).join("\n")}\n${sc.indent}}`;
      return `for (let ${v} = 0; ${v} < 3; ${v}++) ${body}`;
    }
    case "if":
      return `if (${renderExpr(s.e, r, sc)}) ${renderBlock(s.body, r, sc)} else ${renderBlock(s.alt, r, sc)}`;
    case "try": {
      const handlerScope = child(sc);
      const err = local(r, handlerScope, "error");
      handlerScope.vis.push(err);
      const handler = s.handler.map((b) => renderStmt(b, r, handlerScope));
      const handlerBody =
        handler.length === 0
          ? "{}"
          : `{\n${handler.map((l) => `${handlerScope.indent}${l}`).join("\n")}\n${sc.indent}}`;
      return `try ${renderBlock(s.body, r, sc)} catch (${err}) ${handlerBody} finally {}`;
    }
    case "block":
      return renderBlock(s.body, r, sc);
    case "nested":
      return renderNested(s, r, sc);
    case "obj": {
      const name = local(r, sc, "tools");
      const text = `const ${name} = ${renderObj(s.obj, r, sc)};`;
      sc.vis.push(name);
      return text;
    }
    case "class": {
      const name = local(r, sc, "Local");
      const text = renderClass(s.cls, r, sc, name);
      sc.vis.push(name);
      return text;
    }
  }
}

function renderNested(s: Extract<Stmt, { t: "nested" }>, r: Renderer, sc: Scope): string {
  const aw = sc.isAsync ? "await " : "";
  const call = (name: string) =>
    s.callIt ? `\n${sc.indent}${aw}${name}(${sc.vis[0] ?? ""});` : "";
  switch (s.form) {
    case "decl": {
      const name = localName(r, sc, sc.vis.length + 3);
      sc.fns.push(name);
      return renderFunction(s.fn, r, sc, "function", { name }) + call(name);
    }
    case "gen": {
      const name = local(r, sc, "stream");
      sc.fns.push(name);
      return renderFunction(s.fn, r, sc, "function", { name, gen: true });
    }
    case "arrow": {
      const name = localName(r, sc, sc.vis.length + 5);
      const text = `const ${name} = ${renderFunction(s.fn, r, sc, "arrow")};`;
      sc.fns.push(name);
      return text + call(name);
    }
    case "fnexpr":
    case "namedFnexpr": {
      const name = localName(r, sc, sc.vis.length + 7);
      const inner =
        s.form === "namedFnexpr" ? NAME_BASES[(sc.vis.length + 1) % NAME_BASES.length]! : undefined;
      const text = `const ${name} = ${renderFunction(s.fn, r, sc, "function", inner ? { name: inner } : {})};`;
      sc.fns.push(name);
      return text + call(name);
    }
    case "map": {
      const source = sc.vis.length > 0 ? sc.vis[sc.vis.length - 1]! : "[1, 2, 3]";
      return `${aw}Promise.all(${source}.map(${renderFunction(s.fn, r, sc, "arrow")}));`;
    }
    case "callback":
      return `${aw}withRetry(${renderFunction(s.fn, r, sc, "function")});`;
    case "iife":
      return `${aw}(${renderFunction(s.fn, r, sc, "arrow")})();`;
    case "objMethod": {
      const name = local(r, sc, "helpers");
      const text = `const ${name} = {\n${sc.indent}  ${renderFunction(s.fn, r, child(sc), "method", { name: "run" })},\n${sc.indent}};`;
      sc.vis.push(name);
      return text;
    }
    case "letAssign": {
      const name = localName(r, sc, sc.vis.length + 2);
      const text = `let ${name};\n${sc.indent}${name} = ${renderFunction(s.fn, r, sc, "arrow")};`;
      sc.fns.push(name);
      sc.lets.push(name);
      return text + call(name);
    }
    case "returned":
      return !sc.inFunction
        ? `export const returned${++r.n} = ${renderFunction(s.fn, r, sc, "arrow")};`
        : `return ${renderFunction(s.fn, r, sc, "arrow")};`;
  }
}

const OBJ_WRAPS: ((body: string, ts: boolean) => string)[] = [
  (b) => b,
  (b) => `tool(${b})`,
  (b) => `new Agent({ name: "agent", tools: ${b} })`,
  (b) => `defineConfig(${b})`,
  (b) => `Object.freeze(${b})`,
  (b, ts) => (ts ? `(${b}) as const` : `(${b})`),
  (b) => `[${b}][0]`,
  (b) => `{ nested: { deeper: ${b} } }`,
];

/** An object literal, in one of the wraps of `OBJ_WRAPS`. */
export function renderObj(obj: ObjSpec, r: Renderer, sc: Scope): string {
  const inner = child(sc);
  const props = obj.props.map((p) => {
    const key = PROP_KEYS[p.key % PROP_KEYS.length]!;
    switch (p.val.t) {
      case "method":
        return renderFunction(p.val.fn, r, inner, "method", {
          name: key,
          gen: p.val.gen && p.key % 3 === 0,
        });
      case "arrow":
        return `${key}: ${renderFunction(p.val.fn, r, inner, "arrow")}`;
      case "fnexpr":
        return `${key}: ${renderFunction(p.val.fn, r, inner, "function", p.val.named ? { name: NAME_BASES[p.key % NAME_BASES.length]! } : {})}`;
      case "obj":
        return `${key}: ${renderObj(p.val.obj, r, inner)}`;
      case "value":
        return `${key}: ${renderExpr(p.val.e, r, inner)}`;
      case "getter":
        return `get ${key}() { return 1; }`;
      case "spread":
        return `...${sc.vis.length > 0 ? sc.vis[p.val.i % sc.vis.length]! : "{}"}`;
    }
  });
  const body = `{\n${props.map((p) => `${inner.indent}${p},`).join("\n")}\n${sc.indent}}`;
  return OBJ_WRAPS[obj.wrap % OBJ_WRAPS.length]!(body, r.ts);
}

/** A class declaration called `name`; `header` precedes `class` (`export `, ...). */
export function renderClass(
  cls: ClassSpec,
  r: Renderer,
  sc: Scope,
  name: string,
  header = "",
): string {
  const inner = child(sc);
  const members: string[] = [];
  // classes inside functions may not hold steps, workflows or serialization (in clean modules)
  const nested = sc.inFunction;
  let ctor = false;
  let priv = 0;
  for (const m of cls.members) {
    const key = CLASS_KEYS[m.key % CLASS_KEYS.length]!;
    const st = m.isStatic ? "static " : "";
    switch (m.kind) {
      case "method":
        members.push(
          renderFunction(m.fn, r, inner, "method", {
            name: key,
            gen: m.gen,
            isStatic: m.isStatic,
            workflowOK: m.isStatic && !nested,
            noDirective: nested,
          }),
        );
        break;
      case "ser":
        if (r.clean && nested) break;
        members.push(
          `static [Symbol.for("workflow-serialize")](instance) { return { value: instance.value }; }`,
        );
        break;
      case "deser":
        if (r.clean && nested) break;
        members.push(
          `static [Symbol.for("workflow-deserialize")](data) { return new ${name}(data.value); }`,
        );
        break;
      case "field":
        members.push(
          `${st}${key === "async" || key === "get" || key === "static" ? "field" : key} = 1;`,
        );
        break;
      case "fieldArrow": {
        const fieldScope = child(inner, { argumentsOK: false, superOK: true });
        members.push(`${st}handler${++r.n} = ${renderFunction(m.fn, r, fieldScope, "arrow")};`);
        break;
      }
      case "getter":
        members.push(`${st}get ${key}() { return this.value; }`);
        break;
      case "ctor":
        if (!ctor) {
          ctor = true;
          members.push(`constructor(value) {${cls.ext ? " super();" : ""} this.value = value; }`);
        }
        break;
      case "privField":
        members.push(`${st}#secret${++priv} = 0;`);
        break;
      case "privMethod":
        members.push(
          renderFunction(m.fn, r, inner, "method", {
            name: `#hidden${++priv}`,
            isStatic: m.isStatic,
            noDirective: true,
          }),
        );
        break;
      case "staticBlock": {
        const blockScope = child(inner, { isAsync: false, argumentsOK: false, superOK: true });
        members.push(`static ${renderBlock(m.fn.body.slice(0, 2), r, blockScope)}`);
        break;
      }
    }
  }
  const body =
    members.length === 0
      ? "{}"
      : `{\n${members.map((m) => `${inner.indent}${m}`).join("\n")}\n${sc.indent}}`;
  const deco = cls.decorator ? "@sealed\n" + sc.indent : "";
  return `${deco}${header}class ${name}${cls.ext ? " extends Base" : ""} ${body}`;
}
