import { getWritable } from "workflow";

/** Three steps at once; returns the order in which the workflow saw them complete. */
export async function completionOrder(label: string) {
  "use workflow";
  const seen: string[] = [];
  await Promise.all(
    ["a", "b", "c"].map((name) => echo(label, name).then((value) => seen.push(value))),
  );
  return seen;
}

export async function echo(label: string, name: string): Promise<string> {
  "use step";
  return `${label}:${name}`;
}

/** Writes `count` chunks to the run's output stream in one step, and closes it in another. */
export async function streamChunks(count: number) {
  "use workflow";
  await writeChunks(count);
  await closeOutput();
  return count;
}

export async function writeChunks(count: number): Promise<void> {
  "use step";
  const writer = getWritable<number>().getWriter();
  for (let i = 0; i < count; i++) await writer.write(i);
  writer.releaseLock();
}

/** Writes `count` chunks and closes the stream, in one step. */
export async function writeAndClose(count: number): Promise<number> {
  "use workflow";
  await writeAllThenClose(count);
  return count;
}

export async function writeAllThenClose(count: number): Promise<void> {
  "use step";
  const writer = getWritable<number>().getWriter();
  for (let i = 0; i < count; i++) await writer.write(i);
  await writer.close();
}

export async function closeOutput(): Promise<void> {
  "use step";
  await getWritable().close();
}

/**
 * THE PLANTED BUG. A fraud check and a stock reservation run at once, and whichever finishes
 * last charges the card. The stock branch marks the order charged only after the charge
 * returns: when the stock reservation completes first and the fraud check completes while that
 * charge is still running, both branches charge.
 */
export async function checkoutWithRace(orderId: string) {
  "use workflow";
  let charged = false;
  let charges = 0;
  const fraud = checkFraud(orderId).then(async () => {
    if (charged) return;
    charged = true;
    await chargeOrder(orderId, "fraud branch");
    charges++;
  });
  const stock = reserveStock(orderId).then(async () => {
    if (charged) return;
    await chargeOrder(orderId, "stock branch");
    charged = true; // too late: the other branch may have looked meanwhile
    charges++;
  });
  await Promise.all([fraud, stock]);
  return { orderId, charges: Math.min(charges, 1) };
}

/** The same workflow, fixed: each branch marks the order charged before charging. */
export async function checkoutFixed(orderId: string) {
  "use workflow";
  let charged = false;
  const chargeOnce = async (by: string) => {
    if (charged) return;
    charged = true;
    await chargeOrder(orderId, by);
  };
  await Promise.all([
    checkFraud(orderId).then(() => chargeOnce("fraud branch")),
    reserveStock(orderId).then(() => chargeOnce("stock branch")),
  ]);
  return { orderId, charges: 1 };
}

export async function checkFraud(orderId: string): Promise<boolean> {
  "use step";
  return orderId.length > 0;
}

export async function reserveStock(orderId: string): Promise<string> {
  "use step";
  return `res-${orderId}`;
}

export async function chargeOrder(orderId: string, by: string): Promise<string> {
  "use step";
  return `charged ${orderId} (${by})`;
}

/** Three steps at once that take real time (a: none, b: 10 ms, c: 20 ms); the order seen. */
export async function timedOrder(label: string) {
  "use workflow";
  const seen: string[] = [];
  await Promise.all(
    (
      [
        ["a", 0],
        ["b", 10],
        ["c", 20],
      ] as const
    ).map(([name, ms]) => slowEcho(label, name, ms).then((value) => seen.push(value))),
  );
  return seen;
}

export async function slowEcho(label: string, name: string, ms: number): Promise<string> {
  "use step";
  await new Promise((resolve) => setTimeout(resolve, ms));
  return `${label}:${name}`;
}
