/**
 * The grammar: fast-check arbitraries that build modules from imports, module directives,
 * functions of every shape, object literals, classes and workflows with nested steps, with
 * directives in right and wrong places and misspelt. A spec is drawn (`module-arbitrary.ts`), then
 * rendered to source (`render-module.ts`), so fast-check shrinks the spec, not the text.
 */
import type fc from "fast-check";
import type { Input } from "../input.js";
import { moduleSpecArb } from "./module-arbitrary.js";
import { renderModule } from "./render-module.js";

export { directiveArb } from "./directives.js";

/** Generated modules, as inputs. */
export const generatedArb = (): fc.Arbitrary<Input> => moduleSpecArb().map(renderModule);
