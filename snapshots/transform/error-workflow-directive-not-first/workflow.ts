export async function flow() {
  const started = Date.now();
  "use workflow";
  return started;
}
