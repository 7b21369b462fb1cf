import vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
  isSerializationError,
  SERIALIZATION_ERROR_MARKER,
  SerializationError,
  serialize,
  WORKFLOW_SERIALIZE,
} from "./index.js";

const STEP_ARGS = { operation: 'arguments of step "step//./src/order//charge"', root: "args" };

/** The SerializationError that serializing `value` throws. */
function failure(
  value: unknown,
  context: Parameters<typeof serialize>[1] = STEP_ARGS,
): SerializationError {
  try {
    serialize(value, context);
  } catch (error) {
    if (isSerializationError(error)) return error;
    throw error;
  }
  throw new Error("serialize did not throw");
}

describe("unsupported values", () => {
  it("names the operation, the path and the type, and says what to do", () => {
    const error = failure([{ id: 7 }, { customer: { name: "Ada", onUpdate: () => {} } }]);
    expect(error.message).toBe(
      'Cannot serialize arguments of step "step//./src/order//charge": args[1].customer.onUpdate is a function. ' +
        'Functions cannot be serialized: pass plain data instead, or a step function (one marked "use step").',
    );
    expect(error).toBeInstanceOf(SerializationError);
    expect(error.name).toBe("SerializationError");
    expect(error.code).toBe("SERIALIZATION_UNSUPPORTED_VALUE");
    expect(error.operation).toBe('arguments of step "step//./src/order//charge"');
    expect(error.path).toBe("args[1].customer.onUpdate");
    expect(error.valueType).toBe("function");
  });

  it("points at the exact place, however it is nested", () => {
    class Foo {}
    const cases: [unknown, string, string][] = [
      [
        [{ settings: new Map([["theme", Symbol("dark")]]) }],
        'args[0].settings.get("theme")',
        "Symbol",
      ],
      [[new Map([[1, { deep: [new WeakMap()] }]])], "args[0].get(1).deep[0]", "WeakMap"],
      [[new Map([[{}, new WeakSet()]])], "args[0].values()[0]", "WeakSet"],
      [[new Map([[() => {}, 1]])], "args[0].keys()[0]", "function"],
      [[{ tags: new Set(["a", "b", Promise.resolve()]) }], "args[0].tags.values()[2]", "Promise"],
      [
        [{ items: [1, 2, 3, { owner: new Foo() }] }],
        "args[0].items[3].owner",
        "class Foo instance",
      ],
      [[{ "first name": { "x-y": Symbol.iterator } }], 'args[0]["first name"]["x-y"]', "Symbol"],
      [[[, , { later: new WeakRef({}) }]], "args[0][2].later", "WeakRef"],
      [[Object.assign(Object.create(null), { cb: function named() {} })], "args[0].cb", "function"],
      [
        [{ error: new Error("x"), list: [new (class Registry extends Map {})()] }],
        "args[0].list[0]",
        "class Registry instance",
      ],
      [[Object.create({ inherited: 1 })], "args[0]", "object with a custom prototype"],
      [[{ type: Foo }], "args[0].type", "class Foo"],
      [[{ stream: new ReadableStream() }], "args[0].stream", "ReadableStream"],
      [
        [{ request: new Request("https://example.com", { method: "POST", body: "x" }) }],
        "args[0].request.body",
        "ReadableStream",
      ],
      [[new Uint8Array(new SharedArrayBuffer(4))], "args[0].buffer", "SharedArrayBuffer"],
    ];
    for (const [value, path, type] of cases) {
      const error = failure(value);
      expect({ path: error.path, type: error.valueType }).toStrictEqual({ path, type });
      expect(error.message).toContain(`: ${path} is a`);
    }
  });

  it("gives advice that fits the type", () => {
    class Order {
      total = 1;
    }
    expect(failure([new Order()]).message).toBe(
      'Cannot serialize arguments of step "step//./src/order//charge": args[0] is a class Order instance. ' +
        'Pass plain data, or give the class static Symbol.for("workflow-serialize") / Symbol.for("workflow-deserialize") methods.',
    );
    expect(failure([Promise.resolve(1)]).hint).toBe("Await it, and pass the result instead.");
    expect(failure([Symbol("s")]).hint).toBe("Symbols cannot be serialized: use a string instead.");
    expect(failure([new ReadableStream()]).hint).toMatch(/Streams are not supported here/);
    expect(failure([new WeakMap()]).message).toMatch(
      /args\[0\] is a WeakMap\. A WeakMap cannot be serialized/,
    );
  });

  it("rejects enumerable Symbol keys, and ignores non-enumerable ones", () => {
    const error = failure({ visible: 1, [Symbol("secret")]: 2 }, {});
    expect(error.message).toBe(
      "Cannot serialize value: value[Symbol(secret)] is a Symbol-keyed property. Symbol keys cannot be serialized: use a string key instead.",
    );
    expect(failure({ [Symbol.for("app.id")]: 1 }, {}).path).toBe('value[Symbol.for("app.id")]');
    const hidden = Object.defineProperty({ a: 1 }, Symbol("hidden"), {
      value: 2,
      enumerable: false,
    });
    expect(serialize(hidden)).toBe('[{"a":1},1]');
  });

  it("uses 'value' for the operation and the root by default", () => {
    expect(failure({ f() {} }, {}).message).toMatch(
      /^Cannot serialize value: value\.f is a function\. /,
    );
  });

  it("is recognisable across realms by its marker, and carries no marker otherwise", () => {
    const error = failure([() => {}]);
    expect(error[SERIALIZATION_ERROR_MARKER]).toBe(true);
    expect(SerializationError.is(error)).toBe(true);
    const foreign = vm.runInContext(
      'Object.assign(new Error("x"), { [Symbol.for("workflow.serialization-error")]: true })',
      vm.createContext(),
    );
    expect(foreign).not.toBeInstanceOf(SerializationError);
    expect(isSerializationError(foreign)).toBe(true);
    expect(isSerializationError(new Error("x"))).toBe(false);
    expect(isSerializationError(null)).toBe(false);
  });

  it("says when a class with custom serialization was never registered", () => {
    class Money {
      static [WORKFLOW_SERIALIZE](money: Money) {
        return { cents: 1, money };
      }
    }
    const error = failure([new Money()]);
    expect(error.code).toBe("SERIALIZATION_UNSUPPORTED_VALUE");
    expect(error.valueType).toBe("class Money instance");
    expect(error.hint).toMatch(
      /has a static Symbol\.for\("workflow-serialize"\) method but no classId/,
    );
    expect(error.hint).toMatch(/registerSerializableClass\(\)/);
  });
});
