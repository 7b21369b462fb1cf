// The seed's defineHook example, as written (zod 4).
import { defineHook } from "workflow";
import { z } from "zod";
import { postNote } from "./notes.js";

// Define hook schema once
export const paymentHook = defineHook(
  z.object({
    transactionId: z.string().uuid(),
    status: z.enum(["success", "failed", "pending"]),
    amount: z.number().positive(),
    currency: z.string().length(3),
  }),
);

// Use in workflow
export async function paymentWorkflow(orderId: string) {
  "use workflow";

  const hook = paymentHook.create({
    token: `payment:${orderId}`,
  });

  const result = await hook;
  // result is fully typed!

  if (result.status === "success") {
    await fulfillOrder(orderId, result.transactionId);
  }
}

async function fulfillOrder(orderId: string, transactionId: string) {
  "use step";
  await postNote("fulfilled", { orderId, transactionId });
}
