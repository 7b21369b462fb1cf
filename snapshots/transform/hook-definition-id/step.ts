/**__internal_workflows{"workflows":{"src/hook-definition-id/input.ts":{"pay":{"workflowId":"workflow//./src/hook-definition-id/input//pay"}}}}*/
import { defineHook, defineHook as typedHook } from "workflow";
import * as wf from "workflow";

const schema = {
  "~standard": {
    version: 1 as const,
    vendor: "test",
    validate: (value: unknown) => ({ value: value as { amount: number } }),
  },
};

export const paymentHook = defineHook(schema, "hook//./src/hook-definition-id/input//paymentHook");
const approvalHook = typedHook<{ ok: boolean }>(void 0, "hook//./src/hook-definition-id/input//approvalHook");
export const refundHook = wf.defineHook({ schema }, "hook//./src/hook-definition-id/input//refundHook", );

export async function pay(orderId: string) { throw new Error("Workflow \"pay\" was called directly. A workflow runs durably only when started: use start(pay, [args]) from \"workflow/api\"."); }
pay.workflowId = "workflow//./src/hook-definition-id/input//pay";
