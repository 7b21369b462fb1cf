/**__internal_workflows{"steps":{"src/builtin-step-name/input.js":{"__builtin_now":{"stepId":"__builtin_now"},"__builtin_sleep":{"stepId":"__builtin_sleep"}}}}*/
export var __builtin_now = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("__builtin_now");
export var __builtin_sleep = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("__builtin_sleep");

