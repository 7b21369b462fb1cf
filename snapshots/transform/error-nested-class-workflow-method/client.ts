export function makeFlows() {
  return class Flows {
    static async run() {
      "use workflow";
      return 1;
    }
  };
}
