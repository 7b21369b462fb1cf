export function Widget() {
  const load = async () => {
    "use step";
    return new.target;
  };
  return load;
}
