"use workflow";

export const schedule = "nightly";

export async function run() {
  return schedule;
}

export default 42;
