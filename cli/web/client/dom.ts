/** A small element builder: `h("button", { onclick }, "Cancel")`. Text is always text, never HTML. */
type Props = Record<string, unknown> & { class?: string; style?: string };
/** Set as properties (they reflect state); everything else is an attribute. */
const PROPERTIES = new Set([
  "value",
  "checked",
  "selected",
  "disabled",
  "tabIndex",
  "colSpan",
  "rows",
  "spellcheck",
]);
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function")
      el.addEventListener(key.slice(2), value as EventListener);
    else if (key === "class") el.className = String(value);
    else if (PROPERTIES.has(key)) (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "object" ? child : String(child));
  }
  return el;
}

/** Short workflow or step name: the last part of its ID. */
export function shortName(id: string): string {
  return id.split("//").pop() || id;
}

export function formatTime(ms: number | undefined): string {
  if (ms === undefined) return "-";
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "-";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A stored value, as the server wrote it out for people (`formatValue`). */
export function valueBlock(text: string | undefined, label: string): HTMLElement {
  return h("pre", { class: "value", "aria-label": label, tabIndex: 0 }, text ?? "(none)");
}

export function statusBadge(status: string): HTMLElement {
  return h("span", { class: `status status-${status}` }, status);
}
