export async function flow() {
  "use workflw";
  return 1;
}
