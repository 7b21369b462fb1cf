/**__internal_workflows{"workflows":{"src/defect-06-manifest-full-names-and-escaping/input.ts":{"importA":{"workflowId":"workflow//./src/defect-06-manifest-full-names-and-escaping/input//importA"},"importB":{"workflowId":"workflow//./src/defect-06-manifest-full-names-and-escaping/input//importB"}}},"steps":{"src/defect-06-manifest-full-names-and-escaping/input.ts":{"importA/save":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//importA/save"},"importB/save":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//importB/save"},"save":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//save"},"tools/kebab-key/run":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//tools/kebab-key/run"},"tools/say\"hi*\/":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//tools/say\"hi*\/"}}}}*/
export var save = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-06-manifest-full-names-and-escaping/input//save");

export async function importA() {
var save = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-06-manifest-full-names-and-escaping/input//importA/save");
  
  return save();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-06-manifest-full-names-and-escaping/input//importA", importA);

export async function importB() {
  const save = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-06-manifest-full-names-and-escaping/input//importB/save");
  return save();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-06-manifest-full-names-and-escaping/input//importB", importB);

export const tools = {
  "kebab-key": {
    run: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-06-manifest-full-names-and-escaping/input//tools/kebab-key/run"),
  },
  'say"hi*/': globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-06-manifest-full-names-and-escaping/input//tools/say\"hi*/"),
};
