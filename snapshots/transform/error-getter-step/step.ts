export class A {
  static get value() {
    "use step";
    return 1;
  }
}
