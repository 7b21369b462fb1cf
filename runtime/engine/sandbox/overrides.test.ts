/**
 * The sandbox installs what overrides.ts lists, with the messages it writes: a global blocked
 * there throws its error when called or constructed, a no-op does nothing.
 */
import { describe, expect, it } from "vitest";
import { createSandbox } from "./create-sandbox.js";
import {
  describeBlockedGlobal,
  NO_OP_GLOBALS,
  SANDBOX_OVERRIDES,
  type SandboxOverrideName,
  THROWING_GLOBALS,
} from "./overrides.js";

const sandbox = () => createSandbox({ now: () => 0, random: () => 0.5 });

/** The message of what `code` throws in a fresh sandbox, or "no error". */
function thrownBy(code: string): string {
  return sandbox().evaluate(
    `(() => { try { ${code}; return "no error"; } catch (error) { return error.message; } })()`,
    "test.js",
  ) as string;
}

describe("sandbox overrides", () => {
  it("lists each global once", () => {
    const names = SANDBOX_OVERRIDES.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("blocks WeakRef and FinalizationRegistry, among others", () => {
    expect(THROWING_GLOBALS).toEqual(expect.arrayContaining(["WeakRef", "FinalizationRegistry"]));
  });

  it.each(THROWING_GLOBALS)("%s throws its error when called and when constructed", (name) => {
    const message = describeBlockedGlobal(name as SandboxOverrideName);
    expect(message).toMatch(
      new RegExp(`^${name} is not available in workflow functions\\. .+: .+\\.$`),
    );
    expect(thrownBy(`${name}()`)).toBe(message);
    expect(thrownBy(`new ${name}(() => {})`)).toBe(message);
  });

  it.each(NO_OP_GLOBALS)("%s does nothing", (name) => {
    expect(thrownBy(`${name}(1)`)).toBe("no error");
  });

  it("crypto.subtle names the method it refuses", () => {
    expect(thrownBy(`crypto.subtle.encrypt()`)).toBe(
      describeBlockedGlobal("crypto.subtle", "crypto.subtle.encrypt"),
    );
  });
});
