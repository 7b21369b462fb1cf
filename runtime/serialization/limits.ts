/**
 * How big a value may be, as code that walks it sees it. Both walkers (reader.ts,
 * writer.ts) measure with a {@link GraphMeter}, so a value the writer accepts is one the
 * reader accepts under the same limits, and the refusal happens where the value is made.
 *
 * What is counted: the format shares values (an entry referenced twice is stored once), so
 * about 1 KB of text can describe a graph in which each of 60 arrays holds the previous one
 * twice: 61 distinct values, but 2^60 leaves for any code that follows references (a
 * recursive walk, JSON.stringify, a deep equal, a template). Counting distinct values
 * would let that through, so `maxNodes` counts *logical* nodes: every reference counts the
 * whole value it reaches, as if shared values were copied. A reference back to a value that
 * is still being walked (a cycle) counts 1, as a walker that tracks its ancestors stops
 * there. Each value's weight is computed once and added per reference, so measuring costs
 * one step per reference, not per logical node. Legitimate sharing still decodes as long as
 * the expanded size stays under the limit (a thousand items sharing a 100-key object is
 * about 100,000 nodes).
 *
 * `maxDepth` likewise counts the longest path from the root to a leaf through references,
 * root and leaf included (`[[1]]` is 3 deep), not the depth of the walk that built it.
 */
import { SerializationError } from "./serialization-error.js";

/** Limits on the values `serialize` writes and `deserialize` reads. */
export interface SerializationLimits {
  /**
   * Longest path from the root to a leaf, counting both, through shared references.
   * @default 1000
   */
  readonly maxDepth?: number;
  /**
   * Logical nodes: every value, counted once per reference to it (shared values are
   * counted as if copied; a reference back into a cycle counts 1).
   * @default 1000000
   */
  readonly maxNodes?: number;
}

/** The one place the default limits are set. */
export const DEFAULT_SERIALIZATION_LIMITS: Required<SerializationLimits> = {
  maxDepth: 1000,
  maxNodes: 1_000_000,
};

/** Who is measuring, for the error message. */
interface MeterOwner {
  readonly direction: "serialize" | "deserialize";
  readonly operation: string;
  /** Where in the value the limit was hit (serialize only). */
  path?(): string;
}

/**
 * Measures one value during its walk. The walker calls `enter`/`leave` around each entry
 * it builds (or writes), `reference` for a reference to an entry entered before, and
 * `leaf` for a constant that has no entry.
 */
export class GraphMeter {
  private readonly maxDepth: number;
  private readonly maxNodes: number;
  private readonly owner: MeterOwner;
  private count = 0;
  /** Logical nodes of each finished entry (0: not finished, so a reference is a cycle). */
  private readonly weights: number[] = [];
  private readonly heights: number[] = [];
  /** For each entry being walked: the count at its start and its tallest child so far. */
  private readonly starts: number[] = [];
  private readonly tallest: number[] = [];

  constructor(owner: MeterOwner, limits: SerializationLimits = {}) {
    this.owner = owner;
    this.maxDepth = limits.maxDepth ?? DEFAULT_SERIALIZATION_LIMITS.maxDepth;
    this.maxNodes = limits.maxNodes ?? DEFAULT_SERIALIZATION_LIMITS.maxNodes;
  }

  enter(): void {
    if (this.starts.length >= this.maxDepth) throw this.exceeded("maxDepth");
    this.starts.push(this.count);
    this.tallest.push(0);
    this.add(1);
  }

  leave(index: number): void {
    const start = this.starts.pop()!;
    const height = this.tallest.pop()! + 1;
    this.weights[index] = this.count - start;
    this.heights[index] = height;
    this.report(height);
  }

  reference(index: number): void {
    const weight = this.weights[index];
    // Not finished: a cycle back to a value still being walked.
    if (weight === undefined || weight === 0) return this.leaf();
    this.add(weight);
    this.report(this.heights[index]!);
  }

  leaf(): void {
    this.add(1);
    this.report(1);
  }

  /** The state to go back to when a best-effort write is undone. */
  mark(): { count: number; open: number } {
    return { count: this.count, open: this.starts.length };
  }

  restore(mark: { count: number; open: number }): void {
    this.count = mark.count;
    this.starts.length = mark.open;
    this.tallest.length = mark.open;
  }

  private add(nodes: number): void {
    this.count += nodes;
    if (this.count > this.maxNodes) throw this.exceeded("maxNodes");
  }

  /** A child of the entry being walked is `height` tall. */
  private report(height: number): void {
    const top = this.tallest.length - 1;
    if (top < 0) return;
    if (height + this.starts.length > this.maxDepth) throw this.exceeded("maxDepth");
    if (height > this.tallest[top]!) this.tallest[top] = height;
  }

  private exceeded(limit: keyof SerializationLimits): SerializationError {
    return createLimitError(
      this.owner,
      limit,
      limit === "maxDepth" ? this.maxDepth : this.maxNodes,
    );
  }
}

function createLimitError(
  owner: MeterOwner,
  limit: keyof SerializationLimits,
  value: number,
): SerializationError {
  const what =
    limit === "maxDepth"
      ? `it is nested deeper than the limit of ${value} levels (${limit})`
      : `it has more than the limit of ${value} values, shared references counted each time (${limit})`;
  const path = owner.path?.();
  const hint = `Send smaller data, or raise limits.${limit} in the serialization context if this value is legitimate.`;
  return new SerializationError(
    "SERIALIZATION_LIMIT",
    `Cannot ${owner.direction} ${owner.operation}: ${what}${path ? ` at ${path}` : ""}. ${hint}`,
    { operation: owner.operation, ...(path ? { path } : {}), hint, limit: { name: limit, value } },
  );
}
