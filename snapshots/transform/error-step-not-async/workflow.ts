function add(a: number, b: number) {
  "use step";
  return a + b;
}

export async function sum() {
  "use workflow";
  return add(1, 2);
}
