/**__internal_workflows{"steps":{"src/module-step-default-arrow/input.ts":{"default":{"stepId":"step//./src/module-step-default-arrow/input//default"}}}}*/
export default Object.assign(async (x: number) => x * 2, { stepId: "step//./src/module-step-default-arrow/input//default" });
