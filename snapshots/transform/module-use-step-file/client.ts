/**__internal_workflows{"steps":{"src/module-use-step-file/input.ts":{"cancelOrder":{"stepId":"step//./src/module-use-step-file/input//cancelOrder"},"createOrder":{"stepId":"step//./src/module-use-step-file/input//createOrder"},"refundOrder":{"stepId":"step//./src/module-use-step-file/input//refundOrder"}}}}*/

import { db } from "./db";

export type OrderId = string;

export async function createOrder(item: string) {
  return db.insert("orders", { item: await normalize(item) });
}
createOrder.stepId = "step//./src/module-use-step-file/input//createOrder";

export const cancelOrder = async (id: OrderId) => {
  return db.delete("orders", id);
};
cancelOrder.stepId = "step//./src/module-use-step-file/input//cancelOrder";

async function normalize(item: string) {
  return item.trim().toLowerCase();
}

async function refundOrder(id: OrderId) {
  return db.update("orders", id, { refunded: true });
}
refundOrder.stepId = "step//./src/module-use-step-file/input//refundOrder";

export { refundOrder };
