import { describe, expect, it } from "vitest";
import { type Column, renderTable } from "./table.js";

interface Row {
  id: string;
  name: string;
  status: string;
  created: string;
}
const rows: Row[] = [
  {
    id: "wrun_01M91G4E8Q3JBHJ4W2E4446Y2F",
    name: "processOrderWithAVeryLongName",
    status: "completed",
    created: "2026-12-04 21:42:28",
  },
  {
    id: "wrun_01M91G4GS8P0HVRRP06BH8WWYW",
    name: "refund",
    status: "failed",
    created: "2026-12-04 21:42:31",
  },
];
const columns: Column<Row>[] = [
  { header: "RUN ID", cell: (r) => r.id },
  { header: "WORKFLOW", cell: (r) => r.name, keep: 4, shrink: { min: 8 } },
  { header: "STATUS", cell: (r) => r.status, keep: 5 },
  { header: "CREATED", cell: (r) => r.created, keep: 2 },
];
const widest = (text: string) =>
  Math.max(
    ...text
      .trimEnd()
      .split("\n")
      .map((l) => l.length),
  );

describe("renderTable", () => {
  it("shows every column in full when the terminal is wide enough", () => {
    const text = renderTable(rows, columns, 200);
    expect(text.split("\n")[0]).toMatch(/^RUN ID\s+WORKFLOW\s+STATUS\s+CREATED$/);
    expect(text).toContain("processOrderWithAVeryLongName");
    expect(widest(text)).toBeLessThanOrEqual(200);
  });

  it("cuts a shrinkable column first, then drops the least kept, never the first", () => {
    const cut = renderTable(rows, columns, 80);
    expect(widest(cut)).toBeLessThanOrEqual(80);
    expect(cut).toContain("CREATED");
    expect(cut).toMatch(/processOrder\w*…/);

    const dropped = renderTable(rows, columns, 60);
    expect(widest(dropped)).toBeLessThanOrEqual(60);
    expect(dropped).not.toContain("CREATED");
    expect(dropped).toContain("STATUS");

    const narrow = renderTable(rows, columns, 45);
    expect(widest(narrow)).toBeLessThanOrEqual(45);
    expect(narrow.split("\n")[0]).toMatch(/^RUN ID\s+STATUS$/);
    expect(narrow).toContain("wrun_01M91G4E8Q3JBHJ4W2E4446Y2F");

    // Narrower than the first column: only it remains.
    expect(renderTable(rows, columns, 10).split("\n")[1]).toBe("wrun_01M91G4E8Q3JBHJ4W2E4446Y2F");
  });
});
