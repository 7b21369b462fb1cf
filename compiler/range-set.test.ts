import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRangeSet, type Range } from "./range-set.js";

const rangeArb = fc
  .tuple(fc.nat(200), fc.nat(60))
  .map(([start, length]): Range => [start, start + length]);

describe("createRangeSet", () => {
  it("answers like a scan of every range, as ranges are added", () => {
    fc.assert(
      fc.property(
        fc.array(rangeArb, { maxLength: 12 }),
        fc.array(rangeArb, { maxLength: 12 }),
        fc.array(rangeArb, { maxLength: 20 }),
        (initial, added, queries) => {
          const set = createRangeSet(initial);
          const all = [...initial];
          const check = () => {
            for (const [start, end] of queries) {
              expect(set.holds(start, end)).toBe(all.some(([a, b]) => start >= a && end <= b));
              expect(set.holdsOffset(start)).toBe(all.some(([a, b]) => start >= a && start < b));
            }
          };
          check();
          for (const [start, end] of added) {
            set.add(start, end);
            all.push([start, end]);
            check();
          }
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });
});
