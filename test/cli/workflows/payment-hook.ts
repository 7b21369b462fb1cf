// A hook definition in a module of its own, without directives: the app finds it by its ID.
import { defineHook } from "workflow";
import { z } from "zod";

export const paymentHook = defineHook(
  z.object({
    order: z.object({ amount: z.coerce.number().positive() }),
    currency: z.string().length(3).default("EUR"),
  }),
);
