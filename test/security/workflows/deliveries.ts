/** A workflow with one step that counts its executions (in this process's global object). */
async function countRun(label: string): Promise<string> {
  "use step";
  const g = globalThis as { __deliveriesStepRuns?: number };
  g.__deliveriesStepRuns = (g.__deliveriesStepRuns ?? 0) + 1;
  return `ran ${label}`;
}

export async function countOnce(label: string): Promise<string> {
  "use workflow";
  return await countRun(label);
}
