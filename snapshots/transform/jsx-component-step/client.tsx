/**__internal_workflows{"steps":{"src/jsx-component-step/input.tsx":{"addToCart":{"stepId":"step//./src/jsx-component-step/input//addToCart"}}}}*/
import { useState } from "react";
import { formatPrice } from "./format";
import { saveCart } from "./cart-db";

export async function addToCart(sku: string, qty: number) {
  await saveCart(sku, qty);
  return { sku, qty, label: formatPrice(qty * 10) };
}
addToCart.stepId = "step//./src/jsx-component-step/input//addToCart";

export function AddButton({ sku }: { sku: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await addToCart(sku, 1);
        setBusy(false);
      }}
    >
      Add <strong>{sku}</strong> for {formatPrice(10)}
    </button>
  );
}
