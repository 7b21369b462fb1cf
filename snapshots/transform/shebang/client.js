#!/usr/bin/env node
/**__internal_workflows{"steps":{"src/shebang/input.js":{"ping":{"stepId":"step//./src/shebang/input//ping"}}}}*/

export async function ping(host) {
  return `pong from ${host}`;
}
ping.stepId = "step//./src/shebang/input//ping";
