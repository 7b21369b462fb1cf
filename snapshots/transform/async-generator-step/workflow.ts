/**__internal_workflows{"workflows":{"src/async-generator-step/input.ts":{"collect":{"workflowId":"workflow//./src/async-generator-step/input//collect"}}},"steps":{"src/async-generator-step/input.ts":{"streamLines":{"stepId":"step//./src/async-generator-step/input//streamLines"}}}}*/
export var streamLines = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/async-generator-step/input//streamLines");

export async function collect(url: string) {
  const lines: string[] = [];
  for await (const line of await streamLines(url)) lines.push(line);
  return lines;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/async-generator-step/input//collect", collect);
