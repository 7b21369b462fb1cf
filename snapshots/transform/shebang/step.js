#!/usr/bin/env node
/**__internal_workflows{"steps":{"src/shebang/input.js":{"ping":{"stepId":"step//./src/shebang/input//ping"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";

export async function ping(host) {
  return `pong from ${host}`;
}

__wf_registerStepFunction("step//./src/shebang/input//ping", ping);
