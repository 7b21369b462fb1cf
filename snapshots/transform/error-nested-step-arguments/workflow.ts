export async function flow() {
  "use workflow";
  const first = async () => {
    "use step";
    return arguments[0];
  };
  return first();
}
