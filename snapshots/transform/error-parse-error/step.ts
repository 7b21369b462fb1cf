export async function broken() {
  "use step";
  const = 1;
}
