/** hook_created.metadata: the user's metadata round-trips, with a hook definition's ID beside it. */
import { describe, expect, it } from "vitest";
import { serialize } from "../serialization/index.js";
import { decodeHookMetadata, encodeHookMetadata } from "./hook-metadata.js";

const ID = "hook//./src/payments//paymentHook";

describe("hook metadata", () => {
  it("stores a plain hook's metadata as is, and reads metadata stored before definitions had IDs", () => {
    const text = encodeHookMetadata("t", { order: 7 });
    expect(text).toBe(serialize({ order: 7 }));
    expect(decodeHookMetadata(text, false)).toEqual({
      metadata: { order: 7 },
      respondWith: undefined,
    });
    expect(encodeHookMetadata("t", undefined)).toBeUndefined();
  });

  it("records the definition of a hook made by defineHook().create(), giving back the user's metadata", () => {
    expect(decodeHookMetadata(encodeHookMetadata("t", { order: 7 }, undefined, ID), false)).toEqual(
      { metadata: { order: 7 }, respondWith: undefined, definition: ID },
    );
    expect(decodeHookMetadata(encodeHookMetadata("t", undefined, undefined, ID), false)).toEqual({
      metadata: undefined,
      respondWith: undefined,
      definition: ID,
    });
  });

  it("does not read a user's object with other keys as an envelope", () => {
    const mine = { "~hookDefinition": "mine", note: "x" };
    expect(decodeHookMetadata(encodeHookMetadata("t", mine), false)).toEqual({
      metadata: mine,
      respondWith: undefined,
    });
  });

  it("keeps a webhook's envelope as it was (webhooks have no definition)", () => {
    const text = encodeHookMetadata("t", { a: 1 }, { respondWith: "manual" }, ID);
    expect(decodeHookMetadata(text, true)).toEqual({ metadata: { a: 1 }, respondWith: "manual" });
  });
});
