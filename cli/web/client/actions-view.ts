/**
 * The run's actions: cancel it, start it again with the same input, send a payload (JSON) to
 * each hook it is waiting on. When the server has no actions the buttons are disabled and say
 * why; a refused action shows the server's message.
 */
import type { RunDetail } from "../api-types.js";
import { postJson } from "./api.js";
import { h } from "./dom.js";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

export function renderActions(detail: RunDetail, after: () => void): HTMLElement {
  const { run } = detail;
  const message = h("p", { class: "action-message", role: "status" });
  const enabled = detail.actions;
  const act = async (button: HTMLButtonElement, what: () => Promise<Node | string>) => {
    button.disabled = true;
    message.textContent = "…";
    try {
      message.replaceChildren(await what());
      after();
    } catch (error) {
      message.textContent = `Not done: ${(error as Error).message}`;
    } finally {
      button.disabled = false;
    }
  };
  const cancel = h(
    "button",
    { type: "button", id: "action-cancel", disabled: !enabled || TERMINAL.has(run.status) },
    "Cancel run",
  );
  cancel.onclick = () =>
    void act(cancel, async () => {
      await postJson(`/api/runs/${encodeURIComponent(run.runId)}/cancel`);
      return "Cancelled.";
    });
  const again = h(
    "button",
    { type: "button", id: "action-start-like", disabled: !enabled },
    "Start again with this input",
  );
  again.onclick = () =>
    void act(again, async () => {
      const { runId } = await postJson<{ runId: string }>(
        `/api/runs/${encodeURIComponent(run.runId)}/start-like`,
      );
      return h(
        "span",
        {},
        "Started ",
        h("a", { href: `#/run/${encodeURIComponent(runId)}` }, runId),
        ".",
      );
    });
  const hooks = run.hooks.filter((x) => x.status === "active" && !x.isWebhook);
  return h(
    "section",
    { class: "actions", "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title" }, "Actions"),
    enabled
      ? null
      : h(
          "p",
          { class: "note" },
          "Actions are not available: this dashboard only reads the world (no process that owns it was given to wf web).",
        ),
    h("div", { class: "buttons" }, cancel, again),
    hooks.map((hook, i) => {
      const payload = h("textarea", { id: `hook-payload-${i}`, rows: 2, spellcheck: false }, "{}");
      const resume = h(
        "button",
        { type: "button", class: "action-resume", disabled: !enabled },
        "Resume hook",
      );
      resume.onclick = () =>
        void act(resume, async () => {
          let value: unknown;
          try {
            value = JSON.parse(payload.value);
          } catch (error) {
            throw new Error(`the payload is not JSON: ${(error as Error).message}`);
          }
          const { note } = await postJson<{ note?: string }>(
            `/api/hooks/${encodeURIComponent(hook.token)}/resume`,
            { payload: value },
          );
          return note ? `Sent to ${hook.token}. ${note}` : `Sent to ${hook.token}.`;
        });
      return h(
        "div",
        { class: "hook-form", "data-token": hook.token },
        h(
          "label",
          { for: `hook-payload-${i}` },
          "Payload for hook ",
          h("code", {}, hook.token),
          " (JSON)",
        ),
        payload,
        resume,
      );
    }),
    message,
  );
}
