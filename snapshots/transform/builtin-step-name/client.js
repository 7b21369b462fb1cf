/**__internal_workflows{"steps":{"src/builtin-step-name/input.js":{"__builtin_now":{"stepId":"__builtin_now"},"__builtin_sleep":{"stepId":"__builtin_sleep"}}}}*/
export async function __builtin_sleep(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
__builtin_sleep.stepId = "__builtin_sleep";

export async function __builtin_now() {
  return Date.now();
}
__builtin_now.stepId = "__builtin_now";
