/** Values of every supported kind, through workflow -> step -> workflow -> caller. */

/** A class with custom serialization: instances cross every boundary as this class. */
export class Money {
  constructor(
    readonly amount: bigint,
    readonly currency: string,
  ) {}

  format() {
    return `${this.amount} ${this.currency}`;
  }

  static [Symbol.for("workflow-serialize")](money: Money) {
    return { amount: money.amount, currency: money.currency };
  }

  static [Symbol.for("workflow-deserialize")](data: { amount: bigint; currency: string }) {
    return new Money(data.amount, data.currency);
  }
}

/** A class without serialization. */
export class Plain {
  value = 1;
}

/** A description of a value's kinds, the same in any realm, for comparing what each side saw. */
function kinds(value: Record<string, unknown>) {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    const tag = Object.prototype.toString.call(item).slice(8, -1);
    out[key] = item instanceof Money ? `Money(${item.format()})` : tag;
  }
  return out;
}

async function echo(value: Record<string, unknown>) {
  "use step";
  return { value, kinds: kinds(value) };
}

export async function roundTrip(value: Record<string, unknown>) {
  "use workflow";
  const before = kinds(value);
  const { value: back, kinds: inStep } = await echo(value);
  return { value: back, kinds: { workflow: before, step: inStep, back: kinds(back) } };
}

async function takes(value: unknown) {
  "use step";
  return typeof value;
}

/** Passes an unsupported value to a step; returns the error the workflow got. */
export async function unsupportedArgument(kind: "function" | "weakmap" | "class") {
  "use workflow";
  const bad = kind === "function" ? () => 1 : kind === "weakmap" ? new WeakMap() : new Plain();
  try {
    await takes({ order: { items: [1, bad] } });
    return "no error";
  } catch (error) {
    return (error as Error).message;
  }
}

async function returnsFunction() {
  "use step";
  return { callback: () => 1 };
}

/** A step whose return value cannot be serialized fails; the workflow sees why. */
export async function unsupportedResult() {
  "use workflow";
  try {
    await returnsFunction();
    return "no error";
  } catch (error) {
    return (error as Error).message;
  }
}

/** A workflow whose return value cannot be serialized fails the run. */
export async function unsupportedReturn() {
  "use workflow";
  return { map: new WeakMap() };
}
