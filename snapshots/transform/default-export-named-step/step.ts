/**__internal_workflows{"steps":{"src/default-export-named-step/input.ts":{"charge":{"stepId":"step//./src/default-export-named-step/input//charge"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
type Charge = { amount: number; currency?: string };

export default async function charge({ amount, currency = "USD" }: Charge, ...notes: string[]) {
  return `${amount} ${currency} ${notes.join(",")}`;
}

__wf_registerStepFunction("step//./src/default-export-named-step/input//charge", charge);
