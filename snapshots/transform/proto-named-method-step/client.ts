/**__internal_workflows{"steps":{"src/proto-named-method-step/input.ts":{"handlers/__proto__":{"stepId":"step//./src/proto-named-method-step/input//handlers/__proto__"}}}}*/
export const handlers = {
  fallback: () => "none",
  ["__proto__"]: Object.assign(async function (input: string) {
    return input.toUpperCase();
  }, { stepId: "step//./src/proto-named-method-step/input//handlers/__proto__" }),
};
