import { defineHook } from "workflow";
import { defineHook as other } from "./not-workflow";

const schema = {
  "~standard": { version: 1 as const, vendor: "test", validate: (value: unknown) => ({ value }) },
};

// Named: stamped even without any directive in the file.
export const namedHook = defineHook(schema, "hook//./src/hook-definition-without-id/input//namedHook");

// Not bound to a module-level const: a HOOK_DEFINITION_WITHOUT_ID warning, left as written.
export let reassignable = defineHook(schema);
export const hooks = { inObject: defineHook(schema) };
export function makeHook() {
  return defineHook(schema);
}
export default defineHook(schema);

// Another module's defineHook is not ours.
export const unrelated = other(schema);
