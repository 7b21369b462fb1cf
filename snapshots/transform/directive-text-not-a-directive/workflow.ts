import { log } from "./log";

const label = "use step";

export async function notAStep() {
  `use step`;
  return label;
}

export async function alsoNotAStep() {
  ("use workflow");
  return 2;
}

export function logged() {
  log(label);
}
