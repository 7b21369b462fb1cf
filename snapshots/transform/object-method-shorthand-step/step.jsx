/**__internal_workflows{"steps":{"src/object-method-shorthand-step/input.jsx":{"api/getPost":{"stepId":"step//./src/object-method-shorthand-step/input//api/getPost"},"api/getUser":{"stepId":"step//./src/object-method-shorthand-step/input//api/getUser"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const api = {
  baseUrl: "https://api.example.com",
  getUser: __wf_registerStepFunction("step//./src/object-method-shorthand-step/input//api/getUser", async function (id) {
    const res = await fetch(`https://api.example.com/users/${id}`);
    return res.json();
  }),
  getPost: __wf_registerStepFunction("step//./src/object-method-shorthand-step/input//api/getPost", async function (id) {
    return { id };
  }),
  version() {
    return 1;
  },
};
