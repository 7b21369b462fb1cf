/**__internal_workflows{"classes":{"src/class-custom-serialization/input.ts":{"Money":{"classId":"class//./src/class-custom-serialization/input//Money"}}}}*/
export class Money {
  constructor(
    public amount: number,
    public currency: string,
  ) {}

  static [Symbol.for("workflow-serialize")](value: Money) {
    return { amount: value.amount, currency: value.currency };
  }

  static [Symbol.for("workflow-deserialize")](data: { amount: number; currency: string }) {
    return new Money(data.amount, data.currency);
  }
}
Object.defineProperty(Money, "classId", { value: "class//./src/class-custom-serialization/input//Money", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/class-custom-serialization/input//Money", Money);
