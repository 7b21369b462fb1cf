/**__internal_workflows{"steps":{"src/object-method-shorthand-step/input.jsx":{"api/getPost":{"stepId":"step//./src/object-method-shorthand-step/input//api/getPost"},"api/getUser":{"stepId":"step//./src/object-method-shorthand-step/input//api/getUser"}}}}*/
export const api = {
  baseUrl: "https://api.example.com",
  getUser: Object.assign(async function (id) {
    const res = await fetch(`https://api.example.com/users/${id}`);
    return res.json();
  }, { stepId: "step//./src/object-method-shorthand-step/input//api/getUser" }),
  getPost: Object.assign(async function (id) {
    return { id };
  }, { stepId: "step//./src/object-method-shorthand-step/input//api/getPost" }),
  version() {
    return 1;
  },
};
