/**
 * Issue 3 item 5: values of every supported kind cross caller -> workflow -> step -> workflow ->
 * caller intact; an unsupported value fails with the step, the path in the value and its type.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkflowRunFailedError } from "../../runtime/errors/index.js";
import {
  createTestEngine,
  ENGINE_MODES,
  importClientModule,
  stepId,
  type TestEngine,
  workflow,
} from "./harness.js";

type Serde = typeof import("../workflows/serde.js");

describe.each(ENGINE_MODES)("serialization through the engine ($mode)", ({ stickyCacheSize }) => {
  let engine: TestEngine;
  let Money: Serde["Money"];
  let Plain: Serde["Plain"];
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize });
    // The client form registers Money for serialization, as it is in an app.
    ({ Money, Plain } = await importClientModule<Serde>("serde"));
  });
  afterAll(() => engine.close());

  it("round-trips every supported kind of value", async () => {
    const value = {
      text: "null \0 byte \u2028 and \ud83d\ude00",
      undef: undefined,
      big: 12345678901234567890n,
      date: new Date("2024-01-02T03:04:05.678Z"),
      map: new Map<unknown, unknown>([
        ["a", 1],
        [2, { b: true }],
      ]),
      set: new Set([1, "two"]),
      regexp: /a+\/b/gi,
      url: new URL("https://example.com/x?y=1#z"),
      params: new URLSearchParams("a=1&b=2&a=3"),
      bytes: new Uint8Array([0, 1, 255]),
      floats: new Float64Array([1.5, -0, NaN]),
      bigints: new BigInt64Array([-1n, 2n ** 62n]),
      buffer: new Uint8Array([9, 8]).buffer,
      headers: new Headers({ "x-one": "1", "content-type": "text/plain" }),
      error: new RangeError("out of range"),
      money: new Money(100n, "EUR"),
      numbers: [NaN, Infinity, -Infinity, -0, null],
    };
    const run = await engine.start(workflow("serde", "roundTrip"), [value]);
    const result = (await run.returnValue) as {
      value: typeof value;
      kinds: Record<string, unknown>;
    };
    const back = result.value;

    expect(back.text).toBe(value.text);
    expect("undef" in back && back.undef === undefined).toBe(true);
    expect(back.big).toBe(value.big);
    expect(back.date).toEqual(value.date);
    expect(back.map).toEqual(value.map);
    expect(back.set).toEqual(value.set);
    expect(back.regexp.source).toBe(value.regexp.source);
    expect(back.regexp.flags).toBe("gi");
    expect(back.url.href).toBe(value.url.href);
    expect(back.params.getAll("a")).toEqual(["1", "3"]);
    expect(back.bytes).toEqual(value.bytes);
    expect(Array.from(back.floats)).toEqual([1.5, -0, NaN]);
    expect(Object.is(back.floats[1], -0)).toBe(true);
    expect(back.bigints).toEqual(value.bigints);
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array([9, 8]));
    expect([...back.headers]).toEqual([...value.headers]);
    expect(back.error).toBeInstanceOf(Error);
    expect(back.error.name).toBe("RangeError");
    expect(back.error.message).toBe("out of range");
    // A Money of some copy of the class (the step bundle's, registered last), not plain data.
    expect(Object.hasOwn(back.money.constructor, "classId")).toBe(true);
    // The step bundle keeps the user's class names (esbuild renames self-referencing classes).
    expect(back.money.constructor.name).toBe("Money");
    expect(back.money.format()).toBe("100 EUR");
    expect(back.numbers).toEqual(value.numbers);
    expect(Object.is(back.numbers[3], -0)).toBe(true);

    // Each side saw real values of each kind (the class as its class), not plain objects.
    const expected = {
      text: "String",
      undef: "Undefined",
      big: "BigInt",
      date: "Date",
      map: "Map",
      set: "Set",
      regexp: "RegExp",
      url: "URL",
      params: "URLSearchParams",
      bytes: "Uint8Array",
      floats: "Float64Array",
      bigints: "BigInt64Array",
      buffer: "ArrayBuffer",
      headers: "Headers",
      error: "Error",
      money: "Money(100 EUR)",
      numbers: "Array",
    };
    expect(result.kinds).toEqual({ workflow: expected, step: expected, back: expected });
  });

  it.each([
    ["function", /args\[0\]\.order\.items\[1\].*function/],
    ["weakmap", /args\[0\]\.order\.items\[1\].*WeakMap/],
    ["class", /args\[0\]\.order\.items\[1\].*Plain/],
  ] as const)(
    "an unsupported %s in step arguments names the step, the path and the type",
    async (kind, detail) => {
      const run = await engine.start(workflow("serde", "unsupportedArgument"), [kind]);
      const message = (await run.returnValue) as string;
      expect(message).toContain(`step "${stepId("serde", "takes")}"`);
      expect(message).toMatch(detail);
    },
  );

  it("an unsupported step result fails the step with the step, the path and the type", async () => {
    const run = await engine.start(workflow("serde", "unsupportedResult"), []);
    const message = (await run.returnValue) as string;
    expect(message).toContain(`return value of step "${stepId("serde", "returnsFunction")}"`);
    expect(message).toMatch(/callback.*function/);
  });

  it("an unsupported workflow return value fails the run, naming the workflow", async () => {
    const run = await engine.start(workflow("serde", "unsupportedReturn"), []);
    const error = await run.returnValue.catch((e: unknown) => e);
    expect(WorkflowRunFailedError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/serde\/\/unsupportedReturn.*map.*WeakMap/);
  });

  it("an unsupported start() argument throws at once, naming the workflow, the path and the type", async () => {
    await expect(
      engine.start(workflow("serde", "roundTrip"), [{ plain: new Plain() }]),
    ).rejects.toThrow(/arguments of workflow ".*serde\/\/roundTrip".*args\[0\]\.plain.*Plain/);
  });
});
