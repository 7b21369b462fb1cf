import { describe, expect, it } from "vitest";
import type { WorkflowSession } from "./session.js";
import { StickyCache } from "./sticky-cache.js";

const session = {} as WorkflowSession; // kept and handed back, never called

describe("StickyCache.forgetOnLoss", () => {
  it("drops every session once the world's lossEpoch moves, and only then", () => {
    const cache = new StickyCache(10);
    expect(cache.forgetOnLoss(0)).toBe(false);
    cache.keep("a", session);
    expect(cache.forgetOnLoss(0)).toBe(false);
    expect(cache.take("a")).toBe(session);
    cache.keep("a", session);
    expect(cache.forgetOnLoss(1)).toBe(true);
    expect(cache.take("a")).toBeUndefined();
  });

  it("never drops for a world without one", () => {
    const cache = new StickyCache(10);
    cache.keep("a", session);
    expect(cache.forgetOnLoss(undefined)).toBe(false);
    expect(cache.forgetOnLoss(undefined)).toBe(false);
    expect(cache.take("a")).toBe(session);
  });
});
