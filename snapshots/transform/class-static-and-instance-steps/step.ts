/**__internal_workflows{"steps":{"src/class-static-and-instance-steps/input.ts":{"Inventory#count":{"stepId":"step//./src/class-static-and-instance-steps/input//Inventory#count"},"Inventory.restock":{"stepId":"step//./src/class-static-and-instance-steps/input//Inventory.restock"}}},"classes":{"src/class-static-and-instance-steps/input.ts":{"Inventory":{"classId":"class//./src/class-static-and-instance-steps/input//Inventory"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export class Inventory {
  constructor(private readonly warehouse: string) {}

  static async restock(sku: string, qty: number) {
    return { sku, qty };
  }

  async count(sku: string) {
    return `${this.warehouse}:${sku}`;
  }

  describe() {
    return `Inventory(${this.warehouse})`;
  }
}
Object.defineProperty(Inventory, "classId", { value: "class//./src/class-static-and-instance-steps/input//Inventory", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/class-static-and-instance-steps/input//Inventory", Inventory);

__wf_registerStepFunction("step//./src/class-static-and-instance-steps/input//Inventory.restock", Inventory.restock);
__wf_registerStepFunction("step//./src/class-static-and-instance-steps/input//Inventory#count", Inventory.prototype.count);
