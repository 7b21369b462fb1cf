export function makeMoney() {
  class Money {
    static [Symbol.for("workflow-serialize")](m: Money) {
      return {};
    }

    static [Symbol.for("workflow-deserialize")]() {
      return new Money();
    }
  }
  return Money;
}
