import { describe, expect, it } from "vitest";
import * as privateModule from "../runtime/internal/private.js";
import { runStepBody, type StepContext } from "../runtime/workflow/step-context.js";
import pkg from "../package.json" with { type: "json" };
import { CLOSURE_VARS_EXPORT, PRIVATE_MODULE, REGISTER_STEP_EXPORT } from "./hooks.js";

describe("runtime hooks the compiler emits", () => {
  it("are exported by the private runtime module under the names the compiler uses", () => {
    expect(typeof (privateModule as Record<string, unknown>)[REGISTER_STEP_EXPORT]).toBe(
      "function",
    );
    expect(typeof (privateModule as Record<string, unknown>)[CLOSURE_VARS_EXPORT]).toBe("function");
  });

  it("import a module path that the package exports", () => {
    const subpath = `.${PRIVATE_MODULE.slice("workflow".length)}`;
    expect(Object.keys(pkg.exports)).toContain(subpath);
    expect(pkg.name).toBe("workflow");
  });

  it("registerStepFunction returns the function stamped with its ID", () => {
    const fn = async () => 1;
    expect(privateModule.registerStepFunction("step//./a//fn", fn)).toBe(fn);
    expect((fn as { stepId?: string }).stepId).toBe("step//./a//fn");
    expect(privateModule.getStepFunction("step//./a//fn")).toBe(fn);
  });

  it("getStepClosureVars returns the variables of the current call", async () => {
    expect(privateModule.getStepClosureVars()).toEqual({});
    const context = { closureVars: { a: 1 } } as Partial<StepContext> as StepContext;
    const seen = await runStepBody(context, async () => {
      await Promise.resolve();
      return privateModule.getStepClosureVars();
    });
    expect(seen).toEqual({ a: 1 });
  });
});
