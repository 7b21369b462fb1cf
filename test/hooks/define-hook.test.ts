import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { setDefaultRuntime } from "../../runtime/api/index.js";
import { HookPayloadInvalidError } from "../../runtime/errors/index.js";
import { defineHook } from "../../runtime/workflow/index.js";
import { validateHookPayload } from "../../runtime/workflow/define-hook.js";
import { getHookDefinition } from "../../runtime/workflow/hook-registry.js";
import {
  createHookTestEnv,
  ENGINE_MODES,
  type HookTestEnv,
  importClientModule,
  ofType,
  workflow,
} from "./harness.js";

type PaymentModule = typeof import("./workflows/payment.js");

const paymentWorkflow = workflow<[string], void>("payment", "paymentWorkflow");
const valid = {
  transactionId: "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
  status: "success",
  amount: 42.5,
  currency: "EUR",
} as const;

describe("defineHook (unit)", () => {
  it("validates with any Standard Schema and returns the schema's output", async () => {
    const schema = z.object({ n: z.string().transform(Number) });
    expect(await validateHookPayload(schema, "t", { n: "7" })).toEqual({ n: 7 });
    const error = await validateHookPayload(schema, "t", { n: 7 }).catch((e: unknown) => e);
    expect(HookPayloadInvalidError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Invalid payload for hook "t": n: /);
  });

  it("takes a schema, { schema }, or nothing, and refuses anything else", () => {
    expect(defineHook(z.string())).toHaveProperty("resume");
    expect(defineHook({ schema: z.string() })).toHaveProperty("create");
    expect(defineHook<{ a: number }>()).toHaveProperty("resume");
    expect(() => defineHook({ schema: { parse() {} } } as never)).toThrow(/Standard Schema/);
  });

  it("registers the schema under the ID the compiler passes, for wf resume", () => {
    const schema = z.string();
    const id = "hook//./test/unit//registered";
    (defineHook as (schema: unknown, id: string) => unknown)(schema, id);
    expect(getHookDefinition(id)).toEqual({ schema });
    defineHook(z.number());
    expect(getHookDefinition("hook//./test/unit//unnamed")).toBeUndefined();
  });

  it("create() outside a workflow says where it belongs", () => {
    expect(() => defineHook(z.string()).create()).toThrow(/only be called inside a workflow/);
  });
});

describe.each(ENGINE_MODES)("defineHook with zod ($mode)", ({ stickyCacheSize }) => {
  let env: HookTestEnv;
  let payment: PaymentModule;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize });
    setDefaultRuntime(env.runtime);
    payment = await importClientModule<PaymentModule>("payment");
  });
  afterAll(async () => {
    setDefaultRuntime(undefined);
    await env.close();
  });

  it("the app's client module registers its definition by the compiler's ID", () => {
    expect(getHookDefinition("hook//./test/hooks/workflows/payment//paymentHook")).toBeDefined();
  });

  it("refuses an invalid payload naming the fields, and writes nothing", async () => {
    const orderId = `order-invalid-${stickyCacheSize}`;
    const run = await env.start(paymentWorkflow, [orderId]);
    await env.waitForHooks(run.runId, 1);
    const before = await env.events(run.runId);

    const error = await payment.paymentHook
      .resume(`payment:${orderId}`, {
        ...valid,
        transactionId: "not-a-uuid",
        // @ts-expect-error the schema wants a number: resume() is typed by it
        amount: "10",
      })
      .catch((e: unknown) => e);
    expect(HookPayloadInvalidError.is(error)).toBe(true);
    expect((error as HookPayloadInvalidError).issues.map((i) => i.path)).toEqual([
      ["transactionId"],
      ["amount"],
    ]);
    expect((error as Error).message).toMatch(/transactionId: .*; amount: /);
    expect(await env.events(run.runId)).toEqual(before);
    expect(await run.status).toBe("running");

    // The run is untouched: a valid payload still resumes it.
    const result = await payment.paymentHook.resume(`payment:${orderId}`, valid);
    expect(result.runId).toBe(run.runId);
    await run.returnValue;
    expect(ofType(await env.events(run.runId), "hook_received")).toHaveLength(1);
  });

  it("resumes with a valid payload and returns the runId", async () => {
    const orderId = `order-ok-${stickyCacheSize}`;
    const run = await env.start(paymentWorkflow, [orderId]);
    await env.waitForHooks(run.runId, 1);
    const result = await payment.paymentHook.resume(`payment:${orderId}`, valid);
    expect(result).toMatchObject({ runId: run.runId, token: `payment:${orderId}` });
    await run.returnValue;
    expect(
      await env.waitForNote("fulfilled", (note: { orderId: string }) => note.orderId === orderId),
    ).toEqual({ orderId, transactionId: valid.transactionId });
  });
});
