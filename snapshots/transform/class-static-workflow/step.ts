/**__internal_workflows{"workflows":{"src/class-static-workflow/input.ts":{"Restock.nightly":{"workflowId":"workflow//./src/class-static-workflow/input//Restock.nightly"}}}}*/
import { Inventory } from "./inventory";

export class Restock {
  static async nightly(skus: string[]) { throw new Error("Workflow \"Restock.nightly\" was called directly. A workflow runs durably only when started: use start(Restock.nightly, [args]) from \"workflow/api\"."); }
}
Restock.nightly.workflowId = "workflow//./src/class-static-workflow/input//Restock.nightly";
