/**__internal_workflows{"steps":{"src/object-method-shorthand-step/input.jsx":{"api/getPost":{"stepId":"step//./src/object-method-shorthand-step/input//api/getPost"},"api/getUser":{"stepId":"step//./src/object-method-shorthand-step/input//api/getUser"}}}}*/
export const api = {
  baseUrl: "https://api.example.com",
  getUser: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-method-shorthand-step/input//api/getUser"),
  getPost: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-method-shorthand-step/input//api/getPost"),
  version() {
    return 1;
  },
};
