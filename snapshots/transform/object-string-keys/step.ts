/**__internal_workflows{"steps":{"src/object-string-keys/input.ts":{"handlers/end*\/key":{"stepId":"step//./src/object-string-keys/input//handlers/end*\/key"},"handlers/kebab-key/run":{"stepId":"step//./src/object-string-keys/input//handlers/kebab-key/run"},"handlers/quote\"key":{"stepId":"step//./src/object-string-keys/input//handlers/quote\"key"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const handlers = {
  "kebab-key": {
    run: __wf_registerStepFunction("step//./src/object-string-keys/input//handlers/kebab-key/run", async () => {
      return "kebab";
    }),
  },
  'quote"key': __wf_registerStepFunction("step//./src/object-string-keys/input//handlers/quote\"key", async () => {
    return "quote";
  }),
  "end*/key": __wf_registerStepFunction("step//./src/object-string-keys/input//handlers/end*/key", async () => {
    return "comment end";
  }),
};
