/**__internal_workflows{"steps":{"src/jsx-component-step/input.tsx":{"addToCart":{"stepId":"step//./src/jsx-component-step/input//addToCart"}}}}*/
export var addToCart = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/jsx-component-step/input//addToCart");
import { useState } from "react";
import { formatPrice } from "./format";


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
