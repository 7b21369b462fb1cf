/**__internal_workflows{"workflows":{"src/class-static-workflow/input.ts":{"Restock.nightly":{"workflowId":"workflow//./src/class-static-workflow/input//Restock.nightly"}}}}*/
import { Inventory } from "./inventory";

export class Restock {
  static async nightly(skus: string[]) {
    for (const sku of skus) await Inventory.restock(sku, 10);
    return skus.length;
  }
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/class-static-workflow/input//Restock.nightly", Restock.nightly);
