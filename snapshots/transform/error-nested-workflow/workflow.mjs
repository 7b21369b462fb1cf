export function register() {
  async function inner() {
    "use workflow";
    return 1;
  }
  return inner;
}
