/**__internal_workflows{"steps":{"src/class-serde-with-step/input.ts":{"translate":{"stepId":"step//./src/class-serde-with-step/input//translate"}}},"classes":{"src/class-serde-with-step/input.ts":{"Point":{"classId":"class//./src/class-serde-with-step/input//Point"}}}}*/
export var translate = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/class-serde-with-step/input//translate");
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

