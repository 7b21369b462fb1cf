import { afterEach, describe, expect, it } from "vitest";
import {
  CLASS_REGISTRY,
  deserialize,
  getClassRegistry,
  isSerializationError,
  registerSerializableClass,
  serialize,
  WORKFLOW_DESERIALIZE,
  WORKFLOW_SERIALIZE,
} from "./index.js";

class Money {
  constructor(
    readonly cents: bigint,
    readonly currency: string,
  ) {}
  format() {
    return `${this.cents} ${this.currency}`;
  }
  static [WORKFLOW_SERIALIZE](money: Money) {
    return { cents: money.cents, currency: money.currency };
  }
  static [WORKFLOW_DESERIALIZE](data: { cents: bigint; currency: string }) {
    return new Money(data.cents, data.currency);
  }
}

/** Inherits Money's static methods, and is registered under its own ID. */
class Euros extends Money {
  constructor(cents: bigint) {
    super(cents, "EUR");
  }
  static override [WORKFLOW_DESERIALIZE](data: { cents: bigint }) {
    return new Euros(data.cents);
  }
}

const registered: string[] = [];
function register(classId: string, cls: Function) {
  registerSerializableClass(classId, cls);
  registered.push(classId);
}
afterEach(() => {
  for (const classId of registered.splice(0)) getClassRegistry()?.delete(classId);
});

describe("classes with custom serialization", () => {
  it("round-trip through their static methods and the registry", () => {
    register("class//./money//Money", Money);
    const text = serialize({ price: new Money(1999n, "USD") });
    expect(text).toContain('"class//./money//Money"');
    const copy = deserialize(text) as { price: Money };
    expect(copy.price).toBeInstanceOf(Money);
    expect(copy.price.format()).toBe("1999 USD");
  });

  it("registration stamps a non-enumerable classId and fills the global registry", () => {
    register("class//./money//Money", Money);
    expect(Object.getOwnPropertyDescriptor(Money, "classId")).toMatchObject({
      value: "class//./money//Money",
      enumerable: false,
    });
    const registry = (globalThis as Record<symbol, unknown>)[CLASS_REGISTRY] as Map<
      string,
      unknown
    >;
    expect(registry.get("class//./money//Money")).toBe(Money);
  });

  it("keep shared instances shared, also inside Maps and Sets", () => {
    register("class//./money//Money", Money);
    const price = new Money(5n, "USD");
    const copy = deserialize(serialize([price, new Map([[price, new Set([price])]])])) as [
      Money,
      Map<Money, Set<Money>>,
    ];
    expect(copy[1].get(copy[0])?.has(copy[0])).toBe(true);
  });

  it("a subclass needs its own classId (an inherited one would revive the parent)", () => {
    register("class//./money//Money", Money);
    expect(() => serialize(new Euros(1n))).toThrow(/class Euros instance.*no classId/);
    register("class//./money//Euros", Euros);
    const copy = deserialize(serialize(new Euros(250n)));
    expect(copy).toBeInstanceOf(Euros);
    expect((copy as Euros).format()).toBe("250 EUR");
  });

  it("take precedence over built-in handling (an Error subclass with its own methods)", () => {
    class HttpError extends Error {
      constructor(readonly status: number) {
        super(`HTTP ${status}`);
      }
      static [WORKFLOW_SERIALIZE](error: HttpError) {
        return error.status;
      }
      static [WORKFLOW_DESERIALIZE](status: number) {
        return new HttpError(status);
      }
    }
    register("class//./http//HttpError", HttpError);
    const copy = deserialize(serialize(new HttpError(503)));
    expect(copy).toBeInstanceOf(HttpError);
    expect((copy as HttpError).status).toBe(503);
  });

  it("the class itself can be a value", () => {
    register("class//./money//Money", Money);
    expect(deserialize(serialize({ kind: Money }))).toStrictEqual({ kind: Money });
    expect(deserialize(serialize(Money))).toBe(Money);
  });

  it("data the class returns is checked like any value, with a path through it", () => {
    class Formatter {
      static [WORKFLOW_SERIALIZE]() {
        return { locale: "en", format: () => "" };
      }
      static [WORKFLOW_DESERIALIZE]() {
        return new Formatter();
      }
    }
    register("class//./fmt//Formatter", Formatter);
    expect(() => serialize({ fmt: new Formatter() }, { root: "args" })).toThrow(
      "Cannot serialize value: args.fmt<serialized by class Formatter>.format is a function.",
    );
  });

  it("data that leads back to the instance is rejected when serializing", () => {
    class Node {
      next: Node | undefined;
      static [WORKFLOW_SERIALIZE](node: Node) {
        return { next: node.next };
      }
      static [WORKFLOW_DESERIALIZE]() {
        return new Node();
      }
    }
    register("class//./list//Node", Node);
    const a = new Node();
    const b = new Node();
    a.next = b;
    b.next = a;
    try {
      serialize(a);
      expect.unreachable();
    } catch (error) {
      if (!isSerializationError(error)) throw error;
      expect(error.path).toBe(
        "value<serialized by class Node>.next<serialized by class Node>.next",
      );
      expect(error.valueType).toBe("reference back to a class Node instance");
    }
  });

  it("a throwing serialize or deserialize method fails with the cause", () => {
    const boom = new Error("boom");
    class Fragile {
      static [WORKFLOW_SERIALIZE](): never {
        throw boom;
      }
      static [WORKFLOW_DESERIALIZE]() {
        return new Fragile();
      }
    }
    register("class//./fragile//Fragile", Fragile);
    try {
      serialize({ list: [new Fragile()] });
      expect.unreachable();
    } catch (error) {
      if (!isSerializationError(error)) throw error;
      expect(error.code).toBe("SERIALIZATION_CALLBACK_FAILED");
      expect(error.message).toBe(
        'Cannot serialize value: Symbol.for("workflow-serialize") of class Fragile threw at value.list[0]: boom',
      );
      expect(error.cause).toBe(boom);
    }

    class Brittle {
      static [WORKFLOW_SERIALIZE]() {
        return 1;
      }
      static [WORKFLOW_DESERIALIZE](): never {
        throw boom;
      }
    }
    register("class//./fragile//Brittle", Brittle);
    expect(() => deserialize(serialize(new Brittle()))).toThrow(
      'Cannot deserialize value: Symbol.for("workflow-deserialize") of class Brittle threw: boom',
    );
  });

  it("an unknown class ID fails with its own code", () => {
    register("class//./money//Money", Money);
    const text = serialize(new Money(1n, "USD"));
    getClassRegistry()?.delete("class//./money//Money");
    try {
      deserialize(text, { operation: "the run's input" });
      expect.unreachable();
    } catch (error) {
      if (!isSerializationError(error)) throw error;
      expect(error.code).toBe("SERIALIZATION_UNKNOWN_CLASS");
      expect(error.message).toMatch(
        /^Cannot deserialize the run's input: no class is registered as "class\/\/\.\/money\/\/Money"\./,
      );
    }
  });
});
