import { unused } from "./somewhere";
import "./polyfill";

export function add(a: number, b: number) {
  return a + b;
}
