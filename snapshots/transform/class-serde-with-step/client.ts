/**__internal_workflows{"steps":{"src/class-serde-with-step/input.ts":{"translate":{"stepId":"step//./src/class-serde-with-step/input//translate"}}},"classes":{"src/class-serde-with-step/input.ts":{"Point":{"classId":"class//./src/class-serde-with-step/input//Point"}}}}*/
export class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}

  static [Symbol.for("workflow-serialize")](p: Point) {
    return [p.x, p.y];
  }

  static [Symbol.for("workflow-deserialize")]([x, y]: [number, number]) {
    return new Point(x, y);
  }
}
Object.defineProperty(Point, "classId", { value: "class//./src/class-serde-with-step/input//Point", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/class-serde-with-step/input//Point", Point);

export async function translate(p: Point, dx: number) {
  return new Point(p.x + dx, p.y);
}
translate.stepId = "step//./src/class-serde-with-step/input//translate";
