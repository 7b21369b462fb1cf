import { describe, expect, it } from "vitest";
import { getStepContext, runStepBody, type StepContext } from "./step-context.js";

const contextOf = (name: string) =>
  ({ step: { stepName: name } }) as Partial<StepContext> as StepContext;
const nameSeen = () => getStepContext()?.step.stepName;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("runStepBody", () => {
  it("gives each body its own context through its awaits while others start and end", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const long = runStepBody(contextOf("long"), async () => {
      const before = nameSeen();
      await held;
      await tick();
      return [before, nameSeen()];
    });
    // A body that ends while "long" still runs must not switch the storage off under it.
    expect(await runStepBody(contextOf("short"), async () => (await tick(), nameSeen()))).toBe(
      "short",
    );
    expect(nameSeen()).toBeUndefined();
    release();
    expect(await long).toEqual(["long", "long"]);
  });

  it("switches the context on again for the next body once all have ended", async () => {
    await runStepBody(contextOf("first"), async () => tick());
    expect(nameSeen()).toBeUndefined();
    const seen = await runStepBody(contextOf("second"), async () => {
      await tick();
      await Promise.all([tick(), tick()]);
      return nameSeen();
    });
    expect(seen).toBe("second");
  });

  it("counts a body that throws at once or rejects as ended", async () => {
    await expect(
      runStepBody(contextOf("throws"), () => {
        throw new Error("at once");
      }),
    ).rejects.toThrow("at once");
    await expect(
      runStepBody(contextOf("rejects"), async () => {
        await tick();
        throw new Error("later");
      }),
    ).rejects.toThrow("later");
    expect(await runStepBody(contextOf("after"), async () => (await tick(), nameSeen()))).toBe(
      "after",
    );
    expect(nameSeen()).toBeUndefined();
  });
});
