/**__internal_workflows{"workflows":{"src/defect-06-manifest-full-names-and-escaping/input.ts":{"importA":{"workflowId":"workflow//./src/defect-06-manifest-full-names-and-escaping/input//importA"},"importB":{"workflowId":"workflow//./src/defect-06-manifest-full-names-and-escaping/input//importB"}}},"steps":{"src/defect-06-manifest-full-names-and-escaping/input.ts":{"importA/save":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//importA/save"},"importB/save":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//importB/save"},"save":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//save"},"tools/kebab-key/run":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//tools/kebab-key/run"},"tools/say\"hi*\/":{"stepId":"step//./src/defect-06-manifest-full-names-and-escaping/input//tools/say\"hi*\/"}}}}*/
export async function save(x: string) {
  return x;
}
save.stepId = "step//./src/defect-06-manifest-full-names-and-escaping/input//save";

export async function importA() { throw new Error("Workflow \"importA\" was called directly. A workflow runs durably only when started: use start(importA, [args]) from \"workflow/api\"."); }
importA.workflowId = "workflow//./src/defect-06-manifest-full-names-and-escaping/input//importA";

export async function importB() { throw new Error("Workflow \"importB\" was called directly. A workflow runs durably only when started: use start(importB, [args]) from \"workflow/api\"."); }
importB.workflowId = "workflow//./src/defect-06-manifest-full-names-and-escaping/input//importB";

export const tools = {
  "kebab-key": {
    run: Object.assign(async () => {
      return 1;
    }, { stepId: "step//./src/defect-06-manifest-full-names-and-escaping/input//tools/kebab-key/run" }),
  },
  'say"hi*/': Object.assign(async () => {
    return 2;
  }, { stepId: "step//./src/defect-06-manifest-full-names-and-escaping/input//tools/say\"hi*/" }),
};
