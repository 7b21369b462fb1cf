/**
 * One run: its status and values, its actions, its timeline, its output streams (live while it
 * runs: the page asks for new chunks), and time travel over its event log. While the run is not
 * over, the page reads it again every second and redraws what changed.
 */
import type { RunDetail, StreamChunks } from "../api-types.js";
import { ApiCallError, getJson } from "./api.js";
import { renderActions } from "./actions-view.js";
import { formatDuration, formatTime, h, shortName, statusBadge, valueBlock } from "./dom.js";
import { createTimeTravel, type TimeTravel } from "./time-travel.js";
import { renderTimeline } from "./timeline-view.js";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const POLL_MS = 1000;

export function renderRunPage(root: HTMLElement, runId: string): () => void {
  const summary = h("section", { class: "summary" });
  const actions = h("div");
  const values = h("section", { class: "values", "aria-labelledby": "values-title" });
  const timeline = h("section", { class: "timeline-section", "aria-labelledby": "timeline-title" });
  const streams = h("section", { class: "streams", "aria-labelledby": "streams-title" });
  const travelSlot = h("div");
  let travel: TimeTravel | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let actionsKey = "";
  let valuesKey = "";
  const streamViews = new Map<string, { pre: HTMLElement; from: number; done: boolean }>();

  root.replaceChildren(
    h("p", {}, h("a", { href: "#/" }, "← All runs")),
    h("h1", { class: "mono" }, runId),
    summary,
    actions,
    values,
    timeline,
    streams,
    travelSlot,
  );

  const refresh = async () => {
    let detail: RunDetail;
    try {
      detail = await getJson<RunDetail>(`/api/runs/${encodeURIComponent(runId)}`);
    } catch (error) {
      const text =
        error instanceof ApiCallError && error.code === "RUN_NOT_FOUND"
          ? `No run ${runId}.`
          : String(error);
      summary.replaceChildren(h("p", { role: "alert" }, text));
      return;
    }
    const { run } = detail;
    summary.replaceChildren(
      h(
        "dl",
        {},
        h("dt", {}, "Status"),
        h("dd", { id: "run-status" }, statusBadge(run.status)),
        ...(run.slotText ? [h("dt", {}, "Slot"), h("dd", { id: "run-slot" }, run.slotText)] : []),
        h("dt", {}, "Workflow"),
        h("dd", { title: run.workflowName }, shortName(run.workflowName)),
        h("dt", {}, "Created"),
        h("dd", {}, formatTime(run.createdAt)),
        h("dt", {}, "Took"),
        h(
          "dd",
          {},
          run.completedAt !== undefined
            ? formatDuration(run.completedAt - (run.startedAt ?? run.createdAt))
            : "still running",
        ),
      ),
    );
    // Redrawn only when they change, so a payload being typed or a focused button stays.
    const nextActions = JSON.stringify([
      run.status,
      run.hooks.map((x) => [x.token, x.status]),
      detail.actions,
    ]);
    if (nextActions !== actionsKey) {
      actionsKey = nextActions;
      actions.replaceChildren(renderActions(detail, () => void refresh()));
    }
    const nextValues = JSON.stringify([run.inputText, run.outputText, run.error]);
    if (nextValues !== valuesKey) {
      valuesKey = nextValues;
      values.replaceChildren(
        h("h2", { id: "values-title" }, "Input and output"),
        h("h3", {}, "Input"),
        valueBlock(run.inputText, "Input"),
        h("h3", {}, "Output"),
        valueBlock(run.outputText, "Output"),
        run.error
          ? h(
              "div",
              { class: "error", role: "note" },
              h("h3", {}, "Error"),
              h(
                "pre",
                {},
                `${run.error.name ?? "Error"}${run.error.code ? ` [${run.error.code}]` : ""}: ${run.error.message}\n${run.error.stack?.split("\n").slice(1).join("\n") ?? ""}`,
              ),
            )
          : "",
      );
    }
    timeline.replaceChildren(
      h("h2", { id: "timeline-title" }, "Timeline"),
      renderTimeline(run, detail.lanes),
    );
    await refreshStreams(detail);
    if (!travel) {
      travel = createTimeTravel(runId, detail.eventCount);
      travelSlot.replaceChildren(travel.element);
    } else travel.setCount(detail.eventCount);
    const live =
      !TERMINAL.has(run.status) ||
      detail.streams.some((s) => !s.closed && !streamViews.get(s.name)?.done);
    if (!stopped && live) timer = setTimeout(() => void refresh(), POLL_MS);
  };

  const refreshStreams = async (detail: RunDetail) => {
    if (detail.streams.length === 0) {
      streams.replaceChildren(
        h("h2", { id: "streams-title" }, "Streams"),
        h("p", {}, "No output streams."),
      );
      return;
    }
    if (streamViews.size === 0)
      streams.replaceChildren(h("h2", { id: "streams-title" }, "Streams"));
    for (const info of detail.streams) {
      let view = streamViews.get(info.name);
      if (!view) {
        view = {
          pre: h("pre", { class: "stream", tabIndex: 0, "aria-label": `Stream ${info.name}` }),
          from: 0,
          done: false,
        };
        streamViews.set(info.name, view);
        streams.append(h("h3", {}, streamTitle(info.name)), view.pre);
      }
      if (view.done || view.from >= info.length) {
        view.done = info.closed;
        continue;
      }
      const got = await getJson<StreamChunks>(
        `/api/runs/${encodeURIComponent(runId)}/streams/${encodeURIComponent(info.name)}?from=${view.from}`,
      );
      for (const chunk of got.chunks)
        view.pre.append(typeof chunk === "string" ? chunk : `${JSON.stringify(chunk)}\n`);
      view.from += got.chunks.length;
      view.done = got.closed && view.from >= got.length;
      if (got.error) view.pre.append(h("strong", {}, `\n[stream failed: ${got.error.message}]`));
    }
  };

  void refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function streamTitle(name: string): string {
  if (name === "user") return "Default stream";
  if (name.startsWith("user:")) return `Namespace ${name.slice(5)}`;
  return name;
}
