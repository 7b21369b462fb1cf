/**
 * A run's timeline: one row per step, sleep and hook in the order the run made them, each span
 * (a step's attempt, a sleep, a hook's wait) drawn on a shared time axis from the run's start
 * to its end (or now). Each row also says in words what the bars show, for screen readers and
 * narrow screens.
 */
import type { Lane, RunJson, Span } from "../api-types.js";
import { formatDuration, h } from "./dom.js";

export function renderTimeline(run: RunJson, lanes: Lane[]): HTMLElement {
  const from = run.createdAt;
  const to = Math.max(
    run.completedAt ?? Date.now(),
    from + 1,
    ...lanes.flatMap((l) => l.spans.map((s) => s.end ?? s.start)),
  );
  const at = (t: number) => `${(((t - from) / (to - from)) * 100).toFixed(3)}%`;
  if (lanes.length === 0)
    return h("p", { class: "timeline-empty" }, "No steps, sleeps or hooks yet.");
  return h(
    "div",
    { class: "timeline" },
    h(
      "div",
      { class: "axis", "aria-hidden": "true" },
      [0, 0.25, 0.5, 0.75, 1].map((f) =>
        h("span", {}, f === 0 ? "0" : `+${formatDuration((to - from) * f)}`),
      ),
    ),
    h(
      "ol",
      { class: "lanes", "aria-label": "Timeline" },
      lanes.map((lane) =>
        h(
          "li",
          { class: `lane lane-${lane.kind}`, "data-lane-id": lane.id },
          h(
            "div",
            { class: "lane-name" },
            h("span", { class: "kind" }, lane.kind),
            " ",
            h("strong", {}, lane.name),
          ),
          h(
            "div",
            { class: "track", "aria-hidden": "true" },
            lane.spans.map((span) =>
              h("span", {
                class: `bar bar-${span.outcome}`,
                style: `left:${at(span.start)};width:max(3px,calc(${at(span.end ?? to)} - ${at(span.start)}))`,
                title: describeSpan(span, from),
              }),
            ),
          ),
          h(
            "div",
            { class: "lane-words" },
            lane.spans.map((s) => describeSpan(s, from)).join("; "),
          ),
        ),
      ),
    ),
  );
}

function describeSpan(span: Span, from: number): string {
  const took =
    span.end !== undefined ? ` in ${formatDuration(span.end - span.start)}` : " (still going)";
  const error = span.error ? `: ${span.error.message}` : "";
  return `${span.label}: ${span.outcome}${took} at +${formatDuration(span.start - from)}${error}`;
}
