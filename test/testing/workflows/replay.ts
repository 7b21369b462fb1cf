/**
 * One workflow in two versions, as before and after a code change: the log of a run of `ship`
 * replayed against `shipChargeFirst` diverges at its first step.
 */
export async function ship(orderId: string) {
  "use workflow";
  const checked = await validate(orderId);
  const paymentId = await charge(orderId);
  return { checked, paymentId };
}

export async function shipChargeFirst(orderId: string) {
  "use workflow";
  const paymentId = await charge(orderId);
  const checked = await validate(orderId);
  return { checked, paymentId };
}

async function validate(orderId: string): Promise<boolean> {
  "use step";
  return orderId.length > 0;
}

async function charge(orderId: string): Promise<string> {
  "use step";
  return `pay_${orderId}`;
}
