/**__internal_workflows{"steps":{"src/object-string-keys/input.ts":{"handlers/end*\/key":{"stepId":"step//./src/object-string-keys/input//handlers/end*\/key"},"handlers/kebab-key/run":{"stepId":"step//./src/object-string-keys/input//handlers/kebab-key/run"},"handlers/quote\"key":{"stepId":"step//./src/object-string-keys/input//handlers/quote\"key"}}}}*/
export const handlers = {
  "kebab-key": {
    run: Object.assign(async () => {
      return "kebab";
    }, { stepId: "step//./src/object-string-keys/input//handlers/kebab-key/run" }),
  },
  'quote"key': Object.assign(async () => {
    return "quote";
  }, { stepId: "step//./src/object-string-keys/input//handlers/quote\"key" }),
  "end*/key": Object.assign(async () => {
    return "comment end";
  }, { stepId: "step//./src/object-string-keys/input//handlers/end*/key" }),
};
