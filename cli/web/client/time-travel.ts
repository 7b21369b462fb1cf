/**
 * Time travel: a slider over the run's event log (arrow keys move it one event). At event k the
 * server folds the first k events (`foldEvents`) and the page shows what had happened by then:
 * steps done and pending, the values known, the sleeps and hooks that were waiting.
 */
import type { RunAt } from "../api-types.js";
import { getJson } from "./api.js";
import { formatDuration, formatTime, h, shortName, valueBlock } from "./dom.js";

export interface TimeTravel {
  element: HTMLElement;
  /** The log grew to `count` events; a slider at the end follows it. */
  setCount(count: number): void;
}

export function createTimeTravel(runId: string, count: number): TimeTravel {
  const slider = h("input", {
    type: "range",
    id: "time-travel",
    min: "0",
    max: String(count),
    step: "1",
    value: String(count),
    "aria-describedby": "time-travel-event",
  });
  const position = h("output", {
    id: "time-travel-event",
    for: "time-travel",
    "aria-live": "polite",
  });
  const view = h("div", { class: "travel-state" });
  const step = (delta: number) => {
    slider.value = String(Number(slider.value) + delta);
    void show();
  };
  let asked = 0;
  const show = async () => {
    const k = Number(slider.value);
    const ticket = ++asked;
    const at = await getJson<RunAt>(`/api/runs/${encodeURIComponent(runId)}/at?k=${k}`);
    if (ticket !== asked) return; // a later position was asked for meanwhile
    position.textContent = describePosition(at);
    view.replaceChildren(...renderState(at));
  };
  slider.addEventListener("input", () => void show());
  const element = h(
    "section",
    { class: "travel", "aria-labelledby": "travel-title" },
    h("h2", { id: "travel-title" }, "Time travel"),
    h(
      "div",
      { class: "travel-controls" },
      h("button", { type: "button", "aria-label": "Previous event", onclick: () => step(-1) }, "◀"),
      h("label", { for: "time-travel", class: "visually-hidden" }, "Events applied"),
      slider,
      h("button", { type: "button", "aria-label": "Next event", onclick: () => step(1) }, "▶"),
    ),
    position,
    view,
  );
  void show();
  return {
    element,
    setCount(next) {
      const atEnd = Number(slider.value) === Number(slider.max);
      slider.max = String(next);
      if (atEnd && next !== count) {
        slider.value = String(next);
        void show();
      }
      count = next;
    },
  };
}

function describePosition(at: RunAt): string {
  if (!at.event) return `Before the first event (0 of ${at.eventCount})`;
  const e = at.event;
  const since = at.run ? ` at +${formatDuration(e.createdAt - at.run.createdAt)}` : "";
  return `Event ${at.at} of ${at.eventCount}: ${e.type}${e.correlationId ? ` (${e.correlationId})` : ""}${since}`;
}

function renderState(at: RunAt): HTMLElement[] {
  const run = at.run;
  if (!run) return [h("p", {}, "Nothing had happened yet.")];
  const done = run.steps.filter((s) => s.status === "completed" || s.status === "failed");
  const pending = run.steps.filter((s) => s.status === "pending" || s.status === "running");
  const sleeping = run.waits.filter((w) => w.status === "waiting");
  const hooks = run.hooks.filter((x) => x.status === "active");
  const list = (title: string, cls: string, items: HTMLElement[]) =>
    h(
      "div",
      { class: `travel-group ${cls}` },
      h("h3", {}, title),
      items.length ? h("ul", {}, items) : h("p", { class: "none" }, "none"),
    );
  return [
    h("p", { class: "travel-status" }, `Run status: ${run.status}`),
    list(
      "Steps completed",
      "travel-done",
      done.map((s) =>
        h(
          "li",
          {},
          h("strong", {}, shortName(s.stepName)),
          ` ${s.status}, attempt ${s.attempt}`,
          s.status === "completed"
            ? valueBlock(s.resultText, `${shortName(s.stepName)} result`)
            : ` — ${s.error?.message ?? ""}`,
        ),
      ),
    ),
    list(
      "Steps pending",
      "travel-pending",
      pending.map((s) =>
        h(
          "li",
          {},
          h("strong", {}, shortName(s.stepName)),
          ` ${s.status}${s.attempt ? `, attempt ${s.attempt}` : ""}${s.lastError ? ` (last error: ${s.lastError.message})` : ""}`,
        ),
      ),
    ),
    list(
      "Sleeps waiting",
      "travel-sleeps",
      sleeping.map((w) => h("li", {}, `${w.waitId} until ${formatTime(w.resumeAt)}`)),
    ),
    list(
      "Hooks waiting",
      "travel-hooks",
      hooks.map((x) => h("li", {}, h("code", {}, x.token), ` (${x.received} received)`)),
    ),
    list("Values known", "travel-values", [
      h("li", {}, "input", valueBlock(run.inputText, "input")),
      ...at.received.map((r) =>
        h(
          "li",
          {},
          `payload for `,
          h("code", {}, r.token),
          valueBlock(r.payloadText, `payload for ${r.token}`),
        ),
      ),
      ...(run.status === "completed"
        ? [h("li", {}, "output", valueBlock(run.outputText, "output"))]
        : []),
    ]),
  ];
}
