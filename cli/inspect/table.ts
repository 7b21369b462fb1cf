/**
 * Tables that fit the terminal. Each column says how it gives way when the terminal narrows:
 * a column with `shrink` is cut (with an ellipsis) down to its `min`, and then columns are
 * dropped, lowest `keep` first. The first column is never dropped.
 */

export interface Column<Row> {
  header: string;
  cell: (row: Row) => string;
  /** Higher stays longer as the terminal narrows. @default 1 */
  keep?: number;
  /** May be cut down to this many characters. */
  shrink?: { min: number };
  /** Longest this column ever gets. @default 60 */
  max?: number;
  align?: "left" | "right";
}

const GAP = 2;

/** The table as lines no wider than `width` (when that is possible at all). */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: Column<Row>[],
  width: number,
): string {
  const cells = rows.map((row) => columns.map((column) => oneLine(column.cell(row))));
  let shown = columns.map((column, i) => ({
    column,
    index: i,
    width: Math.min(
      column.max ?? 60,
      Math.max(column.header.length, ...cells.map((r) => (r[i] as string).length)),
    ),
  }));
  const total = () => shown.reduce((sum, c) => sum + c.width, 0) + GAP * (shown.length - 1);
  while (total() > width) {
    const over = total() - width;
    const shrinkable = shown
      .filter((c) => c.column.shrink && c.width > c.column.shrink.min)
      .sort((a, b) => b.width - a.width)[0];
    if (shrinkable) {
      shrinkable.width = Math.max(shrinkable.column.shrink!.min, shrinkable.width - over);
      continue;
    }
    const droppable = shown
      .slice(1)
      .sort((a, b) => (a.column.keep ?? 1) - (b.column.keep ?? 1) || b.index - a.index)[0];
    if (!droppable) break;
    shown = shown.filter((c) => c !== droppable);
  }
  const line = (values: string[]) =>
    shown
      .map(({ column, index, width: w }, position) => {
        const text = fit(values[index] as string, w);
        const last = position === shown.length - 1;
        return column.align === "right" ? text.padStart(w) : last ? text : text.padEnd(w);
      })
      .join(" ".repeat(GAP))
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n") + "\n";
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
