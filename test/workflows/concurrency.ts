import { createHook } from "workflow";

/** Appends `<what> <label>` to a list the test reads (steps run in the test's process). */
async function mark(what: string, label: string) {
  "use step";
  const g = globalThis as { __concurrencyMarks?: string[] };
  (g.__concurrencyMarks ??= []).push(`${what} ${label}`);
}

/**
 * Marks its start, then waits on the hook `gate:<label>` and ends as the payload says: the test
 * decides when each run frees its slot, and how (completed or failed).
 */
export async function gated(label: string) {
  "use workflow";
  await mark("start", label);
  const { fail } = await createHook<{ fail?: boolean }>({ token: `gate:${label}` });
  await mark("end", label);
  if (fail) throw new Error(`${label} failed as asked`);
  return label;
}
