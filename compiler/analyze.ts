import type { NodePath } from "@babel/traverse";
import type * as t from "@babel/types";
import { scanCaptures } from "./captures.js";
import { createDiagnostic, type DiagnosticCode } from "./diagnostics.js";
import { type DirectiveKind, scanDirectives } from "./directives.js";
import { createNameAllocator, makeId, toIdentifier } from "./ids.js";
import { getClassName, getLocalName } from "./naming.js";
import { findExportMarks } from "./module-directive.js";
import { getScopeIndex, type ScopeModel, toAstPath } from "./scope/index.js";
import type { Diagnostic } from "./types.js";
import { visitCandidates } from "./visit-candidates.js";

/** How a marked function sits in its code, which decides how each mode rewrites it. */
export type FunctionForm =
  | "declaration" // function declaration (also exported / default-exported)
  | "bound" // function or arrow that is the whole initializer of `const|let|var name`
  | "expression" // any other expression position: object property, call argument, default export
  | "objectMethod" // method shorthand in an object literal
  | "classMethod";

export interface MarkedFunction {
  kind: DirectiveKind;
  /** Full name: names of the named functions around it, then its own (`order/notify`). */
  name: string;
  id: string;
  path: NodePath<t.Function>;
  form: FunctionForm;
  /** The inline directive; null when only the module directive marks the function. */
  directive: t.Node | null;
  /** Identifier holding the function where it is defined (declarations and bound forms). */
  binding: string | null;
  /** Set for an anonymous `export default async function () {}`: the name the compiler gives it. */
  givenName: string | null;
  /** Defined inside another function, so it closes over variables and must be hoisted. */
  nested: boolean;
  /** The nearest marked function around this one. */
  enclosing: MarkedFunction | null;
  /** The module-level statement that holds it. */
  statement: NodePath<t.Statement>;
  /** Captured variables (nested functions only), sorted. */
  captures: string[];
  /** An arrow using the `this` of its surroundings. */
  lexicalThis: boolean;
  /** Identifier for the module-level copy of a nested step. */
  hoistName: string;
  /** For class methods: the class and how to reach the method from outside. */
  owner: { cls: RegisteredClass; isStatic: boolean; key: string } | null;
}

export interface RegisteredClass {
  name: string;
  id: string;
  path: NodePath<t.Class>;
  statement: NodePath<t.Statement>;
  /** Anonymous `export default class`: the compiler inserts `name`. */
  givenName: boolean;
  /** Custom serialization or step methods: registered in the class registry in every mode. */
  registered: boolean;
}

export interface FileAnalysis {
  program: t.Program;
  /** The module directive statement, removed in every mode. */
  moduleDirective: { kind: DirectiveKind; node: t.Node } | null;
  /** Marked functions in source order (outer before inner). */
  functions: MarkedFunction[];
  classes: RegisteredClass[];
  diagnostics: Diagnostic[];
  /** A fresh identifier that occurs nowhere in the file. */
  allocateName: (wanted: string) => string;
}

export interface AnalyzeInput {
  ast: t.File;
  code: string;
  /** Root-relative file name, for diagnostics. */
  file: string;
  modulePath: string;
  /** Babel's scope analysis of the file, answered on demand. */
  model: ScopeModel;
  /** `findCandidateOffsets(code)`: where directives and serialization keys may be. */
  offsets: number[];
}

const SERDE_SYMBOLS = new Set(["workflow-serialize", "workflow-deserialize"]);
const SERDE_NAMES = new Set(["WORKFLOW_SERIALIZE", "WORKFLOW_DESERIALIZE"]);

function isSerdeKey(member: t.Node): boolean {
  if (
    !("key" in member) ||
    !("static" in member) ||
    !member.static ||
    !("computed" in member) ||
    !member.computed
  )
    return false;
  const key = member.key as t.Node;
  if (key.type === "Identifier") return SERDE_NAMES.has(key.name);
  return (
    key.type === "CallExpression" &&
    key.callee.type === "MemberExpression" &&
    key.callee.object.type === "Identifier" &&
    key.callee.object.name === "Symbol" &&
    key.arguments[0]?.type === "StringLiteral" &&
    SERDE_SYMBOLS.has(key.arguments[0].value)
  );
}

/** The statement directly under Program that holds `path`. */
function getModuleStatement(path: NodePath): NodePath<t.Statement> {
  return path.find((p) => p.parentPath?.isProgram() ?? false) as NodePath<t.Statement>;
}

/** Inside a function, or in a class field initializer or static block (run later, per instance). */
function isNested(path: NodePath): boolean {
  return !!path.parentPath?.findParent(
    (p) => p.isFunction() || p.isClassProperty() || p.isClassPrivateProperty() || p.isStaticBlock(),
  );
}

/**
 * A declaration or binding inside a block at module level (`for (…) { async function f() {} }`)
 * is invisible from the module scope, so it is treated like a nested function: it gets a
 * module-level copy instead of a module-level registration that would name an undeclared variable.
 */
function isBlockScoped(model: ScopeModel, path: NodePath<t.Function>, form: FunctionForm): boolean {
  const node = path.node;
  const parent = path.parentPath;
  let name: string | null = null;
  if (form === "declaration" && node.type === "FunctionDeclaration" && node.id) name = node.id.name;
  if (form === "bound" && parent?.isVariableDeclarator() && parent.node.id.type === "Identifier")
    name = parent.node.id.name;
  if (name === null || !parent) return false;
  const at = toAstPath(parent);
  const scope = getScopeIndex(at, at.length - 1);
  if (scope === 0) return false; // in the module scope, the name can only be a module binding
  const binding = model.resolveFromScope(name, at, scope);
  return !!binding && binding.scope.type !== "Program";
}

function getFormOf(path: NodePath<t.Function>): FunctionForm {
  if (path.isFunctionDeclaration()) return "declaration";
  if (path.isObjectMethod()) return "objectMethod";
  if (path.isClassMethod() || path.isClassPrivateMethod()) return "classMethod";
  const parent = path.parentPath;
  if (parent.isVariableDeclarator() && path.key === "init" && parent.node.id.type === "Identifier")
    return "bound";
  return "expression";
}

/** Finds every step, workflow and registered class of a module, names them and checks them. */
export function analyze(input: AnalyzeInput): FileAnalysis {
  const { ast, code, file, modulePath, model } = input;
  const diagnostics: Diagnostic[] = [];
  const report = (code_: DiagnosticCode, node: t.Node, ...args: string[]) =>
    diagnostics.push(
      (createDiagnostic as (...a: unknown[]) => Diagnostic)(code_, file, code, node, ...args),
    );
  const allocateName = createNameAllocator(code);
  const program = ast.program;

  const moduleScan = scanDirectives(program);
  const moduleDirective = moduleScan.marker;
  for (const m of moduleScan.misplaced) {
    report(
      m.kind === "step" ? "MODULE_STEP_DIRECTIVE_NOT_FIRST" : "MODULE_WORKFLOW_DIRECTIVE_NOT_FIRST",
      m.node,
    );
  }
  for (const m of moduleScan.nearMisses) {
    report(m.kind === "step" ? "STEP_DIRECTIVE_TYPO" : "WORKFLOW_DIRECTIVE_TYPO", m.node, m.text);
  }
  const exportMarks = moduleDirective
    ? findExportMarks(program, model, moduleDirective.kind, (code_, node) => report(code_, node))
    : new Set<t.Node>();
  // Only nodes around a directive-like string, a serialization key or a marked export need a visit.
  let offsets = input.offsets;
  if (exportMarks.size)
    offsets = [...offsets, ...[...exportMarks].map((node) => node.start!)].sort((a, b) => a - b);

  const classes = new Map<t.Class, RegisteredClass | null>();
  const classOf = (cls: NodePath<t.Class>): RegisteredClass | null => {
    if (classes.has(cls.node)) return classes.get(cls.node)!;
    let entry: RegisteredClass | null = null;
    if (!isNested(cls)) {
      const statement = getModuleStatement(cls);
      const isDefault = cls.parentPath.isExportDefaultDeclaration();
      const local = getClassName(cls);
      const name = local ?? (isDefault ? allocateName("__DefaultClass") : null);
      if (
        name !== null &&
        (statement.node === cls.node ||
          cls.parentPath.isExportDeclaration() ||
          cls.parentPath.isVariableDeclarator())
      ) {
        entry = {
          name,
          id: makeId("class", modulePath, name),
          path: cls,
          statement,
          givenName: local === null,
          registered: false,
        };
      }
    }
    classes.set(cls.node, entry);
    return entry;
  };

  const functions: MarkedFunction[] = [];
  const byNode = new Map<t.Node, MarkedFunction>();
  const anonymousCounters = new Map<string, number>();
  const usedNames: Record<DirectiveKind, Set<string>> = { step: new Set(), workflow: new Set() };

  const prefixOf = (path: NodePath): string[] => {
    const names: string[] = [];
    for (let p = path.getFunctionParent(); p; p = p.parentPath.getFunctionParent()) {
      const marked = byNode.get(p.node);
      if (marked) return [marked.name, ...names];
      const local = getLocalName(p, getClassName);
      if (local !== null) names.unshift(local);
    }
    return names;
  };

  visitCandidates(ast, offsets, {
    Class(path) {
      const serde = path.node.body.body.some(isSerdeKey);
      if (!serde) return;
      const cls = classOf(path);
      if (cls) cls.registered = true;
      else report("NESTED_CLASS_SERIALIZATION", path.node);
    },
    Function(path) {
      const node = path.node;
      const scan = node.body.type === "BlockStatement" ? scanDirectives(node.body) : null;
      for (const m of scan?.misplaced ?? []) {
        report(
          m.kind === "step" ? "STEP_DIRECTIVE_NOT_FIRST" : "WORKFLOW_DIRECTIVE_NOT_FIRST",
          m.node,
        );
      }
      for (const m of scan?.nearMisses ?? []) {
        report(
          m.kind === "step" ? "STEP_DIRECTIVE_TYPO" : "WORKFLOW_DIRECTIVE_TYPO",
          m.node,
          m.text,
        );
      }
      const kind = scan?.marker?.kind ?? (exportMarks.has(node) ? moduleDirective!.kind : null);
      if (!kind) return;

      const form = getFormOf(path);
      const nested = isNested(path) || isBlockScoped(model, path, form);
      const isMethodLike =
        node.type === "ObjectMethod" ||
        node.type === "ClassMethod" ||
        node.type === "ClassPrivateMethod";
      if (!node.async || (isMethodLike && node.kind !== "method")) {
        report(kind === "step" ? "STEP_NOT_ASYNC" : "WORKFLOW_NOT_ASYNC", node);
        return;
      }

      let owner: MarkedFunction["owner"] = null;
      if (form === "classMethod") {
        const method = node as t.ClassMethod | t.ClassPrivateMethod;
        if (method.type === "ClassPrivateMethod") {
          report("PRIVATE_METHOD_STEP", node);
          return;
        }
        if (kind === "workflow" && !method.static) {
          report("INSTANCE_METHOD_WORKFLOW", node);
          return;
        }
        const cls = classOf(path.parentPath.parentPath as NodePath<t.Class>);
        const key = method.computed
          ? null
          : method.key.type === "Identifier"
            ? method.key.name
            : null;
        const keyName = key ?? (method.key.type === "StringLiteral" ? method.key.value : null);
        if (!cls || keyName === null) {
          report(
            kind === "step" ? "NESTED_CLASS_STEP_METHOD" : "NESTED_CLASS_WORKFLOW_METHOD",
            node,
          );
          return;
        }
        if (kind === "step") cls.registered = true;
        owner = { cls, isStatic: method.static, key: keyName };
      } else if (kind === "workflow") {
        if (nested) {
          report("NESTED_WORKFLOW", node);
          return;
        }
        const parent = path.parentPath;
        const allowed =
          form === "declaration" || form === "bound" || parent.isExportDefaultDeclaration();
        if (!allowed) {
          report("WORKFLOW_POSITION", node);
          return;
        }
      }

      const captures = nested && kind === "step" ? scanCaptures(model, toAstPath(path)) : null;
      for (const u of captures?.unportable ?? [])
        report("STEP_USES_SUPER_OR_ARGUMENTS", u.node, u.what);

      const prefix = prefixOf(path);
      let local = getLocalName(path, (c) => classOf(c)?.name ?? getClassName(c));
      if (local === null) {
        const key = prefix.join("/");
        const n = anonymousCounters.get(key) ?? 0;
        anonymousCounters.set(key, n + 1);
        local = `_anonymous${kind === "step" ? "Step" : "Workflow"}${n}`;
      }
      let name = [...prefix, local].join("/");
      for (let i = 2; usedNames[kind].has(name); i++) name = `${[...prefix, local].join("/")}$${i}`;
      usedNames[kind].add(name);

      const directive = scan?.marker?.node ?? null;
      const isAnonymousDefault = node.type === "FunctionDeclaration" && !node.id;
      const binding =
        form === "declaration"
          ? ((node as t.FunctionDeclaration).id?.name ?? null)
          : form === "bound"
            ? ((path.parentPath.node as t.VariableDeclarator).id as t.Identifier).name
            : null;
      const givenName = isAnonymousDefault ? allocateName("__default") : null;
      const marked: MarkedFunction = {
        kind,
        name,
        id: makeId(kind, modulePath, name),
        path,
        form,
        directive,
        binding: binding ?? givenName,
        givenName,
        nested,
        enclosing: null,
        statement: getModuleStatement(path),
        captures: captures?.names ?? [],
        lexicalThis: captures?.lexicalThis ?? false,
        hoistName: nested ? allocateName(toIdentifier(name)) : "",
        owner,
      };
      const around = path.parentPath.findParent((p) => byNode.has(p.node));
      marked.enclosing = around ? byNode.get(around.node)! : null;
      functions.push(marked);
      byNode.set(node, marked);
    },
  });

  return {
    program,
    moduleDirective,
    functions,
    classes: [...classes.values()].filter((c): c is RegisteredClass => c !== null),
    diagnostics,
    allocateName,
  };
}
