/**
 * Runs two orders through `processOrder` and prints their progress: one that completes (with a
 * payment retry, a sleep and a fan-out), and one with a bad line that fails validation.
 *
 *     node --import workflow/register examples/orders/main.ts
 *
 * Runs are kept in the file world (`.workflow-data/`, or WORKFLOW_DATA_DIR), so every
 * invocation adds two runs to the ones that earlier invocations left there.
 */
import path from "node:path";
import { inspect } from "node:util";
import { getDefaultRuntime, start } from "workflow/api";
import { createProgressPrinter } from "./progress.js";
import { type Order, processOrder } from "./workflow.js";

const runtime = await getDefaultRuntime();
if (!runtime) {
  throw new Error("No workflow runtime: run this file with `node --import workflow/register`.");
}
const progress = createProgressPrinter(runtime);

const ours = new Set<string>();

/** Starts a run for `order`, prints its events and its outcome; true when it completed. */
async function runOrder(order: Order): Promise<boolean> {
  const run = await start(processOrder, [order]);
  ours.add(run.runId);
  console.log(`\norder ${order.orderId}, run ${run.runId}`);
  await progress.follow(run.runId);
  try {
    console.log(`result: ${inspect(await run.returnValue, { breakLength: 100 })}`);
    return true;
  } catch (error) {
    console.log(`returnValue rejected: ${(error as Error).message}`);
    return false;
  }
}

// Goes through: the payment is retried once, the run sleeps, then packs the lines in parallel.
const shipped = await runOrder({
  orderId: "ord-1001",
  email: "ada@example.com",
  lines: [
    { sku: "MUG-01", quantity: 2 },
    { sku: "TEE-M", quantity: 1 },
    { sku: "CAP-02", quantity: 3 },
  ],
});

// A negative quantity: validateOrder throws a FatalError, which fails the run without retries.
const rejected = !(await runOrder({
  orderId: "ord-1002",
  email: "bob@example.com",
  lines: [
    { sku: "MUG-01", quantity: 1 },
    { sku: "TEE-M", quantity: -1 },
  ],
}));
if (!shipped || !rejected) process.exitCode = 1;

// The world lists runs a page at a time, newest first.
const runs = [];
for (let cursor: string | undefined; ;) {
  const page = await runtime.world.listRuns({ limit: 1000, cursor });
  runs.push(...page.runs);
  if (!page.next) break;
  cursor = page.next;
}
const earlier = runs.filter((run) => !ours.has(run.runId)).length;
console.log(
  `\n${runs.length} runs in ${describeWorld(runtime.world.name)} (${earlier} from earlier invocations)`,
);
await runtime.close();

/** Where runs are kept: the file world's directory (relative when below the current one), else the world's name. */
function describeWorld(name: string): string {
  if (!name.startsWith("file:")) return name;
  const dir = name.slice("file:".length);
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith("..") ? relative : dir;
}
