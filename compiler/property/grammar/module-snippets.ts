/**
 * Fixed top-level snippets a module item may pick: imports (with the functions and values they
 * bring into scope), module-level helpers, and TypeScript-only declarations.
 */
import type { Renderer } from "./render-scope.js";

/** Import declarations, with the functions and values they declare (renamed if taken). */
export const IMPORTS: ((r: Renderer) => { text: string; fns?: string[]; vals?: string[] })[] = [
  (r) => {
    const a = r.fresh("sleep");
    const b = r.fresh("FatalError");
    return {
      text: `import { sleep${a === "sleep" ? "" : ` as ${a}`}, FatalError${b === "FatalError" ? "" : ` as ${b}`} } from "workflow";`,
      fns: [a],
      vals: [b],
    };
  },
  (r) => {
    const a = r.fresh("db");
    return { text: `import ${a} from "./db.js";`, vals: [a] };
  },
  (r) => {
    const a = r.fresh("utils");
    return { text: `import * as ${a} from "./utils.js";`, vals: [a] };
  },
  () => ({ text: `import "./polyfill.js";` }),
  (r) => {
    const a = r.fresh("Order");
    return { text: r.ts ? `import type { ${a} } from "./types.js";` : `import "./types.js";` };
  },
  (r) => {
    const a = r.fresh("User");
    const b = r.fresh("getUser");
    return {
      text: r.ts
        ? `import { type ${a}, ${b} } from "./users.js";`
        : `import { ${b} } from "./users.js";`,
      fns: [b],
    };
  },
  (r) => {
    const a = r.fresh("registerStepFunction");
    const b = r.fresh("getStepClosureVars");
    return {
      text: `import { registerStepFunction${a === "registerStepFunction" ? "" : ` as ${a}`}, getStepClosureVars${b === "getStepClosureVars" ? "" : ` as ${b}`} } from "workflow/internal/private";`,
      fns: [a, b],
    };
  },
  (r) => {
    const a = r.fresh("tool");
    const b = r.fresh("Agent");
    return { text: `import { tool as ${a}, Agent as ${b} } from "ai";`, fns: [a] };
  },
  (r) => {
    const a = r.fresh("data");
    return { text: `import ${a} from "./data.json" with { type: "json" };`, vals: [a] };
  },
  (r) => {
    const a = r.fresh("React");
    const b = r.fresh("useState");
    return { text: `import ${a}, { useState as ${b} } from "react";`, vals: [a], fns: [b] };
  },
];

/** Module-level helper declarations named `name`: functions, values, `let`s, an enum. */
export const HELPERS: ((
  r: Renderer,
  name: string,
) => { text: string; fn?: boolean; let?: boolean })[] = [
  (_, n) => ({ text: `function ${n}(x) { return x * 2; }`, fn: true }),
  (_, n) => ({ text: `const ${n} = { retries: 3, name: "cfg" };` }),
  (_, n) => ({ text: `let ${n} = 0;`, let: true }),
  (_, n) => ({ text: `const ${n} = (a, b) => a + b;`, fn: true }),
  (_, n) => ({ text: `var ${n} = "legacy";` }),
  (r, n) => ({ text: `export const ${n} = 42;${r.exportName(n) ? "" : ""}` }),
  (r, n) => ({ text: r.ts ? `enum ${n} { A, B }` : `const ${n} = Object.freeze({ A: 0, B: 1 });` }),
  (_, n) => ({ text: `async function ${n}(x) { return await x; }`, fn: true }),
];

/** TypeScript-only declarations (erased by a TypeScript build). */
export const TS_ITEMS: ((r: Renderer) => string)[] = [
  (r) => `interface ${r.fresh("Shape")} { id: string; run(): Promise<void> }`,
  (r) => `type ${r.fresh("Alias")} = { id: number };`,
  (r) => `declare const ${r.fresh("declared")}: string;`,
  (r) => `export type ${r.fresh("Exported")} = string;`,
  (r) => `abstract class ${r.fresh("Abstract")} { abstract run(): Promise<void>; }`,
  (r) => `declare function ${r.fresh("ambient")}(x: number): Promise<void>;`,
];
