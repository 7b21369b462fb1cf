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

describe("Node's promise hooks", () => {
  // Node 20 and 22 mark each promise they track for an AsyncLocalStorage with symbols of their
  // own; Node 24 keeps a storage's value without promise hooks (AsyncContextFrame).
  const hooked =
    Number(process.versions.node.split(".")[0]) < 24 &&
    !process.execArgv.includes("--experimental-async-context-frame");
  const tracked = (promise: Promise<unknown>) =>
    Object.getOwnPropertySymbols(promise).some((s) => String(s) === "Symbol(async_id_symbol)");

  it("track promises while a step body runs, and not once the last one has settled", async () => {
    await tick();
    const before = tracked(Promise.resolve());
    const during = await runStepBody(contextOf("s"), async () => {
      await tick();
      return tracked(Promise.resolve());
    });
    await tick(); // Node switches its hooks off in a microtask
    expect({ before, during, after: tracked(Promise.resolve()) }).toEqual({
      before: false,
      during: hooked,
      after: false,
    });
  });
});
