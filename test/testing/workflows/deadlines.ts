import { createHook, sleep } from "workflow";

/** Sleeps two hours, then returns: a timeout of one hour ends it first. */
export async function sleepsTwoHours() {
  "use workflow";
  await sleep("2h");
  return "woke";
}

/** Waits for a hook that nobody resumes. */
export async function waitsForApproval(id: string) {
  "use workflow";
  const hook = createHook<{ ok: boolean }>({ token: `approval:${id}` });
  return await hook;
}
