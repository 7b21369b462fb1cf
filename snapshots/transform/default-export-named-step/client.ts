/**__internal_workflows{"steps":{"src/default-export-named-step/input.ts":{"charge":{"stepId":"step//./src/default-export-named-step/input//charge"}}}}*/
type Charge = { amount: number; currency?: string };

export default async function charge({ amount, currency = "USD" }: Charge, ...notes: string[]) {
  return `${amount} ${currency} ${notes.join(",")}`;
}
charge.stepId = "step//./src/default-export-named-step/input//charge";
