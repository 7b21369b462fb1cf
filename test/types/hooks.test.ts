/** createHook(), defineHook(), createWebhook() and resumeHook(): payload types end to end. */
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { resumeHook } from "../../runtime/api/index.js";
import {
  createHook,
  createWebhook,
  defineHook,
  type Hook,
  type RequestWithResponse,
  type ResumedHook,
  type TypedHook,
  type Webhook,
} from "../../runtime/workflow/index.js";

interface Approval {
  approved: boolean;
  comment?: string;
}

/** Type checks only: never called (hooks exist only inside a running workflow). */
function typeOnly(_check: () => unknown): void {}

describe("createHook()", () => {
  it("types the payloads the workflow receives", () => {
    typeOnly(async () => {
      const hook = createHook<Approval>({ token: "approval:doc-1" });
      expectTypeOf(hook).toEqualTypeOf<Hook<Approval>>();
      expectTypeOf(hook.token).toEqualTypeOf<string>();
      expectTypeOf(await hook).toEqualTypeOf<Approval>();
      for await (const payload of hook) expectTypeOf(payload).toEqualTypeOf<Approval>();
      expectTypeOf(await createHook()).toEqualTypeOf<unknown>();
      // @ts-expect-error the payload is an Approval, not a string
      const text: string = await hook;
      void text;
    });
  });

  it("createWebhook() receives requests", () => {
    typeOnly(async () => {
      const webhook = createWebhook();
      expectTypeOf(webhook).toEqualTypeOf<Webhook>();
      expectTypeOf(webhook.url).toEqualTypeOf<string>();
      expectTypeOf(await webhook).toEqualTypeOf<RequestWithResponse>();
      const request = await webhook;
      expectTypeOf(request.json).returns.toEqualTypeOf<Promise<any>>();
      expectTypeOf(request.respondWith).parameter(0).toEqualTypeOf<Response>();
    });
  });

  it("resumeHook() takes any payload and says which run it resumed", () => {
    typeOnly(async () => {
      const info = await resumeHook("approval:doc-1", { approved: true });
      expectTypeOf(info.runId).toEqualTypeOf<string>();
      await resumeHook<Approval>("approval:doc-1", { approved: true });
      // @ts-expect-error approved is a boolean
      await resumeHook<Approval>("approval:doc-1", { approved: "yes" });
    });
  });
});

describe("defineHook()", () => {
  it("without a schema: one payload type for create() and resume()", () => {
    const approval = defineHook<Approval>();
    expectTypeOf(approval).toEqualTypeOf<TypedHook<Approval>>();
    expectTypeOf(approval.create).returns.toEqualTypeOf<Hook<Approval>>();
    expectTypeOf(approval.resume).parameter(1).toEqualTypeOf<Approval>();
    expectTypeOf(approval.resume).returns.toEqualTypeOf<Promise<ResumedHook>>();
    typeOnly(async () => {
      await approval.resume("t", { approved: false, comment: "no" });
      // @ts-expect-error comment is a string
      await approval.resume("t", { approved: false, comment: 1 });
      // @ts-expect-error approved is required
      await approval.resume("t", {});
    });
  });

  it("with a schema: resume() takes its input, the workflow gets its output", () => {
    const payment = defineHook(
      z.object({ orderId: z.string(), cents: z.string().transform((text) => Number(text)) }),
    );
    expectTypeOf(payment.resume).parameter(1).toEqualTypeOf<{ orderId: string; cents: string }>();
    expectTypeOf(payment.create).returns.toEqualTypeOf<Hook<{ orderId: string; cents: number }>>();
    const wrapped = defineHook({ schema: z.object({ ok: z.boolean() }) });
    expectTypeOf(wrapped.create).returns.toEqualTypeOf<Hook<{ ok: boolean }>>();
    typeOnly(async () => {
      await payment.resume("t", { orderId: "o-1", cents: "1200" });
      // @ts-expect-error the schema's input has cents as a string
      await payment.resume("t", { orderId: "o-1", cents: 1200 });
    });
  });
});
