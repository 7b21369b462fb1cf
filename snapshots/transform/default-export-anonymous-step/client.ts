/**__internal_workflows{"steps":{"src/default-export-anonymous-step/input.ts":{"default":{"stepId":"step//./src/default-export-anonymous-step/input//default"}}}}*/
export default async function __default (url: string) {
  const res = await fetch(url);
  return res.status;
}
__default.stepId = "step//./src/default-export-anonymous-step/input//default";
