/**
 * validateResumePayload: the schema of the hook's definition, from the registry or loaded
 * through the runtime's bundles; a note when neither has it; nothing to do for other hooks.
 */
import { describe, expect, it } from "vitest";
import type { Runtime } from "../engine/runtime.js";
import { encodeHookMetadata } from "../engine/hook-metadata.js";
import { HookPayloadInvalidError } from "../errors/index.js";
import type { StandardSchemaV1 } from "../workflow/define-hook.js";
import { registerHookDefinition } from "../workflow/hook-registry.js";
import type { HookState } from "../worlds/shared/state/types.js";
import { validateResumePayload } from "./validate-resume.js";

/** Accepts `{ amount }` with a positive number (a numeric string is coerced). */
const amountSchema: StandardSchemaV1<unknown, { amount: number }> = {
  "~standard": {
    version: 1,
    vendor: "test",
    validate(value) {
      const amount = Number((value as { amount?: unknown } | null)?.amount);
      return amount > 0
        ? { value: { amount } }
        : { issues: [{ message: "must be a positive number", path: [{ key: "amount" }] }] };
    },
  },
};

function hookOf(definition: string | undefined): HookState {
  return {
    hookId: "hook_1",
    token: "tok",
    metadata: encodeHookMetadata("tok", { mine: true }, undefined, definition),
    isWebhook: false,
    status: "active",
    createdAt: 0,
    received: 0,
  };
}

/** A runtime whose bundles record what was asked and run `onLoad` (what importing step code does). */
function runtimeWith(onLoad: () => void = () => {}) {
  const asked: string[] = [];
  const runtime = {
    bundles: {
      getWorkflowBundle: () => Promise.reject(new Error("none")),
      getStep: async (id: string) => {
        asked.push(id);
        onLoad();
        return undefined;
      },
    },
  } as unknown as Runtime;
  return { runtime, asked };
}

describe("validateResumePayload", () => {
  it("validates with a registered definition and resumes with its output", async () => {
    const id = `hook//./src/a-${Date.now()}//registered`;
    registerHookDefinition(id, amountSchema);
    const { runtime, asked } = runtimeWith();
    expect(await validateResumePayload(runtime, hookOf(id), { amount: "5" })).toEqual({
      value: { amount: 5 },
    });
    const refused = validateResumePayload(runtime, hookOf(id), { amount: -1 });
    await expect(refused).rejects.toBeInstanceOf(HookPayloadInvalidError);
    await expect(refused).rejects.toThrow(/amount: must be a positive number/);
    expect(asked).toEqual([]);
  });

  it("loads the step code of the definition's module when it is not registered yet", async () => {
    const module = `./src/b-${Date.now()}`;
    const id = `hook//${module}//loaded`;
    const { runtime, asked } = runtimeWith(() => registerHookDefinition(id, amountSchema));
    await expect(validateResumePayload(runtime, hookOf(id), { amount: 0 })).rejects.toThrow(
      HookPayloadInvalidError,
    );
    expect(asked).toEqual([`step//${module}//~hookDefinition`]);
  });

  it("resumes unvalidated with a note when the definition cannot be found", async () => {
    const id = `hook//./src/c-${Date.now()}//missing`;
    const { runtime } = runtimeWith();
    const checked = await validateResumePayload(runtime, hookOf(id), { amount: -1 });
    expect(checked.value).toEqual({ amount: -1 });
    expect(checked.note).toMatch(/^The payload was not validated: hook "tok" comes from hook\/\//);
  });

  it("leaves the payload of a hook without a definition alone", async () => {
    const { runtime, asked } = runtimeWith();
    expect(await validateResumePayload(runtime, hookOf(undefined), { amount: -1 })).toEqual({
      value: { amount: -1 },
    });
    expect(asked).toEqual([]);
  });
});
