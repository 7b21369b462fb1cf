/**
 * An order, start to finish: validate, reserve stock, take payment, wait for the warehouse,
 * pack every line in parallel, confirm. Each step is retried on failure; the workflow itself
 * is replayed from its event log, so it survives restarts of the process that runs it.
 */
import { FatalError, getStepMetadata, RetryableError, sleep } from "workflow";
import { CATALOG } from "./catalog.js";

export interface OrderLine {
  sku: string;
  quantity: number;
}

export interface Order {
  orderId: string;
  email: string;
  lines: OrderLine[];
}

export async function processOrder(order: Order) {
  "use workflow";
  const totalCents = await validateOrder(order);
  const reservationId = await reserveInventory(order);
  const paymentId = await chargePayment(order.orderId, totalCents);
  // The warehouse picks up new orders in batches. Nothing runs while the run sleeps; if the
  // process restarts meanwhile, the next one wakes the run when the time is up.
  await sleep("2s");
  const parcels = await Promise.all(order.lines.map((line) => packLine(order.orderId, line)));
  await sendConfirmation(order.email, order.orderId, parcels);
  return {
    orderId: order.orderId,
    total: formatCents(totalCents),
    reservationId,
    paymentId,
    parcels,
  };
}

/** Formats cents as dollars: 10800 -> "$108.00". Plain code: workflows may call it directly. */
function formatCents(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** Checks every line against the catalog and returns the total in cents. */
async function validateOrder(order: Order): Promise<number> {
  "use step";
  if (order.lines.length === 0) throw new FatalError(`order ${order.orderId} has no lines`);
  let totalCents = 0;
  for (const [index, { sku, quantity }] of order.lines.entries()) {
    const product = CATALOG[sku];
    // Retrying cannot fix bad input: FatalError fails the step at once.
    if (!product) throw new FatalError(`line ${index + 1}: unknown SKU "${sku}"`);
    if (!Number.isInteger(quantity) || quantity <= 0) {
      throw new FatalError(
        `line ${index + 1} (${sku}): quantity must be a positive whole number, got ${quantity}`,
      );
    }
    totalCents += product.priceCents * quantity;
  }
  return totalCents;
}

/** Holds stock for every line. */
async function reserveInventory(order: Order): Promise<string> {
  "use step";
  // Check every line before taking any stock, so a failed reservation holds nothing.
  for (const { sku, quantity } of order.lines) {
    const { stock } = CATALOG[sku]!;
    if (stock < quantity) throw new FatalError(`${sku}: ${quantity} wanted, ${stock} in stock`);
  }
  for (const { sku, quantity } of order.lines) CATALOG[sku]!.stock -= quantity;
  return `res-${order.orderId}`;
}

/**
 * Charges the card. The payment provider here rate-limits the first attempt of every charge,
 * so the example always shows a retry.
 */
async function chargePayment(orderId: string, totalCents: number): Promise<string> {
  "use step";
  const { attempt, stepId } = getStepMetadata();
  if (attempt === 1) {
    throw new RetryableError("payment provider busy (HTTP 429)", { retryAfter: "500ms" });
  }
  // stepId is the same on every attempt: a real provider gets it as the idempotency key,
  // so a charge that went through before a crash is not taken twice.
  return `pay_${orderId}_${totalCents}_${stepId.slice(-6).toLowerCase()}`;
}

/** Packs one order line; the workflow runs one of these per line, in parallel. */
async function packLine(orderId: string, line: OrderLine): Promise<string> {
  "use step";
  return `${orderId}/${line.sku}x${line.quantity}`;
}

/** Emails the customer their parcels. */
async function sendConfirmation(email: string, orderId: string, parcels: string[]) {
  "use step";
  return `sent to ${email}: order ${orderId} ships in ${parcels.length} parcels`;
}
