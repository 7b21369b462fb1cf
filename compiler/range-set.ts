/** A `[start, end)` range of the input. */
export type Range = readonly [start: number, end: number];

/** Ranges that can be added to and asked whether they hold an offset or a whole node. */
export interface RangeSet {
  add(start: number, end: number): void;
  /** Does one of the ranges hold `[start, end)` entirely? */
  holds(start: number, end: number): boolean;
  /** Does one of the ranges hold the offset `pos`? */
  holdsOffset(pos: number): boolean;
}

/**
 * Ranges kept sorted by start, with the largest end so far at each index: the ranges that start
 * at or before an offset are a prefix, and one of them reaches a given end exactly when the
 * prefix's largest end does. So a query is one binary search, though ranges nest and overlap.
 */
export function createRangeSet(initial: Iterable<Range> = []): RangeSet {
  const starts: number[] = [];
  const ends: number[] = [];
  const maxEnds: number[] = [];
  /** Number of ranges that start at or before `pos`. */
  const countUpTo = (pos: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const reach = (pos: number) => {
    const n = countUpTo(pos);
    return n === 0 ? -Infinity : maxEnds[n - 1]!;
  };
  const add = (start: number, end: number) => {
    const at = countUpTo(start);
    starts.splice(at, 0, start);
    ends.splice(at, 0, end);
    maxEnds.splice(at, 0, 0);
    for (let i = at; i < starts.length; i++)
      maxEnds[i] = i === 0 ? ends[i]! : Math.max(maxEnds[i - 1]!, ends[i]!);
  };
  const sorted = [...initial].sort((x, y) => x[0] - y[0]);
  for (const [start, end] of sorted) {
    starts.push(start);
    ends.push(end);
    maxEnds.push(Math.max(maxEnds.at(-1) ?? -Infinity, end));
  }
  return {
    add,
    holds: (start, end) => reach(start) >= end,
    holdsOffset: (pos) => reach(pos) > pos,
  };
}
