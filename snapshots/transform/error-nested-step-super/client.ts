class Base {
  describe() {
    return "base";
  }
}

export class Child extends Base {
  describe() {
    const save = async () => {
      "use step";
      return super.describe();
    };
    return save();
  }
}
