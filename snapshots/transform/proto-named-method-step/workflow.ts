/**__internal_workflows{"steps":{"src/proto-named-method-step/input.ts":{"handlers/__proto__":{"stepId":"step//./src/proto-named-method-step/input//handlers/__proto__"}}}}*/
export const handlers = {
  fallback: () => "none",
  ["__proto__"]: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/proto-named-method-step/input//handlers/__proto__"),
};
