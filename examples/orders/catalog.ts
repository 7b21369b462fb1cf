/**
 * The shop's catalog and stock. A real app reads these from its database; here they are
 * constants so that the example runs anywhere. Only steps read them, so the workflow bundle
 * does not include this file.
 */

/** A product that can be ordered. */
export interface Product {
  name: string;
  /** Unit price in cents. */
  priceCents: number;
  /** Units on hand when the process starts. */
  stock: number;
}

export const CATALOG: Record<string, Product> = {
  "MUG-01": { name: "Enamel mug", priceCents: 1450, stock: 40 },
  "TEE-M": { name: "T-shirt, size M", priceCents: 2200, stock: 12 },
  "CAP-02": { name: "Canvas cap", priceCents: 1900, stock: 8 },
};
