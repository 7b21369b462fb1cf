import { paymentHook } from "./payment-hook.js";

export async function awaitPayment(token: string) {
  "use workflow";
  return await paymentHook.create({ token, metadata: { shown: "to getHookByToken" } });
}
