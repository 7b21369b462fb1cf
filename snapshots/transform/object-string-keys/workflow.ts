/**__internal_workflows{"steps":{"src/object-string-keys/input.ts":{"handlers/end*\/key":{"stepId":"step//./src/object-string-keys/input//handlers/end*\/key"},"handlers/kebab-key/run":{"stepId":"step//./src/object-string-keys/input//handlers/kebab-key/run"},"handlers/quote\"key":{"stepId":"step//./src/object-string-keys/input//handlers/quote\"key"}}}}*/
export const handlers = {
  "kebab-key": {
    run: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-string-keys/input//handlers/kebab-key/run"),
  },
  'quote"key': globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-string-keys/input//handlers/quote\"key"),
  "end*/key": globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-string-keys/input//handlers/end*/key"),
};
