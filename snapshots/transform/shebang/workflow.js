#!/usr/bin/env node
/**__internal_workflows{"steps":{"src/shebang/input.js":{"ping":{"stepId":"step//./src/shebang/input//ping"}}}}*/
export var ping = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/shebang/input//ping");

