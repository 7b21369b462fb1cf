/**__internal_workflows{"steps":{"src/builtin-step-name/input.js":{"__builtin_now":{"stepId":"__builtin_now"},"__builtin_sleep":{"stepId":"__builtin_sleep"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function __builtin_sleep(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function __builtin_now() {
  return Date.now();
}

__wf_registerStepFunction("__builtin_sleep", __builtin_sleep);
__wf_registerStepFunction("__builtin_now", __builtin_now);
