/**
 * The runs page: newest first, filtered by status and workflow, a page at a time with the
 * world's cursor; the first page is live (server-sent events), so a run started after the page
 * opened appears without a reload. A run ID typed in the search box opens that run.
 */
import type { RunRow, RunsPage } from "../api-types.js";
import { getJson } from "./api.js";
import { formatDuration, formatTime, h, shortName, statusBadge } from "./dom.js";

const STATUSES = ["pending", "running", "completed", "failed", "cancelled"];

interface RunsState {
  status: string;
  workflow: string;
  /** Cursors of the pages before this one ("" for the first); the last is this page's. */
  cursors: string[];
}

const state: RunsState = { status: "", workflow: "", cursors: [""] };
/** Full workflow names seen so far, for the workflow filter's suggestions. */
const workflows = new Set<string>();

export function renderRunsPage(root: HTMLElement): () => void {
  const table = h("tbody");
  const live = h("span", { class: "live", role: "status" });
  const older = h("button", { type: "button" }, "Older runs →");
  const newer = h("button", { type: "button" }, "← Newer runs");
  const suggestions = h("datalist", { id: "workflow-names" });
  const status = h(
    "select",
    { id: "filter-status", name: "status" },
    h("option", { value: "" }, "All"),
    STATUSES.map((s) => h("option", { value: s, selected: s === state.status }, s)),
  );
  const workflow = h("input", {
    id: "filter-workflow",
    name: "workflow",
    list: "workflow-names",
    placeholder: "any",
    value: state.workflow,
  });
  const search = h("input", {
    id: "search-run",
    name: "runId",
    placeholder: "wrun_…",
    autocomplete: "off",
  });
  let source: EventSource | undefined;
  let pageRuns: RunRow[] = [];

  const query = () => {
    const q = new URLSearchParams();
    if (state.status) q.set("status", state.status);
    const name = [...workflows].find((w) => shortName(w) === state.workflow) ?? state.workflow;
    if (name) q.set("workflow", name);
    return q;
  };
  const show = (page: RunsPage) => {
    pageRuns = page.runs;
    for (const run of page.runs) workflows.add(run.workflowName);
    suggestions.replaceChildren(...[...workflows].map((w) => h("option", { value: shortName(w) })));
    table.replaceChildren(
      ...(page.runs.length
        ? page.runs.map(runRow)
        : [h("tr", {}, h("td", { colSpan: 5 }, "No runs."))]),
    );
    older.disabled = page.next === null;
    older.onclick = () => {
      state.cursors.push(page.next!);
      void load();
    };
    newer.disabled = state.cursors.length === 1;
    // For bench/web: when the first page of runs was on screen, on the page's own clock.
    if (performance.getEntriesByName("runs-shown").length === 0) performance.mark("runs-shown");
  };
  const load = async () => {
    source?.close();
    source = undefined;
    const cursor = state.cursors.at(-1)!;
    const q = query();
    if (cursor === "") {
      // The first page: the live feed sends it now and again whenever it changes.
      live.textContent = "Live";
      source = new EventSource(`/api/live/runs?${q}`);
      source.addEventListener("runs", (e) =>
        show(JSON.parse((e as MessageEvent).data) as RunsPage),
      );
      source.onerror = () => (live.textContent = "Reconnecting…");
      source.onopen = () => (live.textContent = "Live");
      return;
    }
    live.textContent = `Page ${state.cursors.length}`;
    q.set("cursor", cursor);
    show(await getJson<RunsPage>(`/api/runs?${q}`));
  };
  newer.onclick = () => {
    state.cursors.pop();
    void load();
  };
  const refilter = () => {
    state.status = status.value;
    state.workflow = workflow.value.trim();
    state.cursors = [""];
    void load();
  };
  status.onchange = refilter;
  workflow.onchange = refilter;

  root.replaceChildren(
    h("h1", {}, "Runs"),
    h(
      "form",
      {
        class: "filters",
        role: "search",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const id = search.value.trim();
          if (id) location.hash = `#/run/${encodeURIComponent(id)}`;
        },
      },
      h("label", { for: "filter-status" }, "Status ", status),
      h("label", { for: "filter-workflow" }, "Workflow ", workflow, suggestions),
      h("label", { for: "search-run" }, "Run ID ", search),
      h("button", { type: "submit" }, "Open run"),
      live,
    ),
    h(
      "table",
      { class: "runs" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Run ID", "Workflow", "Status", "Created", "Duration"].map((t) =>
            h("th", { scope: "col" }, t),
          ),
        ),
      ),
      table,
    ),
    h("nav", { class: "pager", "aria-label": "Pages of runs" }, newer, older),
  );
  void load();
  // Durations of running runs grow: update them every second (only the text: focus stays).
  const clock = setInterval(() => {
    pageRuns.forEach((run, i) => {
      const cell = table.rows[i]?.cells[4];
      if (cell && run.completedAt === undefined) cell.textContent = durationOf(run);
    });
  }, 1000);
  return () => {
    source?.close();
    clearInterval(clock);
  };
}

function runRow(run: RunRow): HTMLElement {
  return h(
    "tr",
    { "data-run-id": run.runId },
    h(
      "td",
      {},
      h("a", { href: `#/run/${encodeURIComponent(run.runId)}`, class: "mono" }, run.runId),
    ),
    h("td", { title: run.workflowName }, shortName(run.workflowName)),
    h("td", {}, statusBadge(run.status), ...(inLine(run) ? [" in line"] : [])),
    h("td", {}, formatTime(run.createdAt)),
    h("td", { class: "num" }, durationOf(run)),
  );
}

/** Waits for a slot of its concurrency key (status stays "pending"). */
function inLine(run: RunRow): boolean {
  return run.status === "pending" && run.concurrency !== undefined && run.admittedAt === undefined;
}

function durationOf(run: RunRow): string {
  const begin = run.startedAt ?? run.createdAt;
  return run.completedAt !== undefined
    ? formatDuration(run.completedAt - begin)
    : `${formatDuration(Date.now() - begin)}…`;
}
