/** Plain workflow-side code in another module: stack frames must name this file too. */
export function checkOrder(order: { items: string[] }) {
  if (order.items.length === 0) {
    throw new Error("Order has no items");
  }
  return order.items.length;
}
