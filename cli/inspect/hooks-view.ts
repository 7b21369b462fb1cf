/**
 * `wf inspect hooks`: the live hooks and webhooks. A hook's metadata is stored in an envelope
 * (a webhook's response mode and limits, or the defineHook() definition a hook was made from;
 * runtime/engine/hook-metadata.ts): these views show the user's metadata, and the definition
 * as its own field.
 */
import { shortNameOf } from "../../protocol/ids.js";
import { unwrapHookMetadata } from "../../runtime/engine/hook-metadata.js";
import type { HookState, RunState, World } from "../../runtime/worlds/index.js";
import { formatValue, readStoredValue, toJsonValue } from "./stored-value.js";
import { type Column, renderTable } from "./table.js";
import { json, requireRun, type ViewIo } from "./view-io.js";

function readHookMetadata(hook: HookState): { metadata: unknown; definition?: string } {
  if (hook.metadata === undefined) return { metadata: undefined };
  const { metadata, definition } = unwrapHookMetadata(
    readStoredValue(hook.metadata),
    hook.isWebhook === true,
  );
  return definition === undefined ? { metadata } : { metadata, definition };
}

/** A hook as JSON: its fields, the user's metadata decoded, and `definition` when it has one. */
export function hookToJson<H extends HookState>(hook: H): H & { definition?: string } {
  const { metadata, definition } = readHookMetadata(hook);
  return {
    ...hook,
    metadata: toJsonValue(metadata),
    ...(definition === undefined ? {} : { definition }),
  };
}

export function hookColumns(withRun: boolean): Column<HookState & { runId?: string }>[] {
  return [
    { header: "TOKEN", cell: (h) => h.token, shrink: { min: 12 }, max: 70 },
    ...(withRun
      ? [{ header: "RUN", cell: (h: HookState & { runId?: string }) => h.runId ?? "", keep: 4 }]
      : []),
    { header: "KIND", cell: (h) => (h.isWebhook ? "webhook" : "hook"), keep: 5 },
    { header: "STATUS", cell: (h) => h.status, keep: 5 },
    { header: "RECEIVED", cell: (h) => String(h.received), keep: 3, align: "right" },
    {
      header: "METADATA",
      cell: (h) => {
        const { metadata, definition } = readHookMetadata(h);
        const text = metadata === undefined ? "" : formatValue(metadata, 1000);
        return definition === undefined ? text : `${shortNameOf(definition)} ${text}`.trim();
      },
      keep: 2,
      shrink: { min: 10 },
    },
  ];
}

export async function showHooks(
  world: World,
  runId: string | undefined,
  io: ViewIo,
): Promise<void> {
  const hooks: Array<HookState & { runId: string }> = [];
  const collect = (run: RunState) => {
    for (const hook of run.hooks.values())
      if (hook.status === "active") hooks.push({ ...hook, runId: run.runId });
  };
  if (runId !== undefined) collect(await requireRun(world, runId));
  else {
    // Only runs that have not ended hold live hooks.
    for (const status of ["running", "pending"] as const) {
      for (let cursor: string | undefined; ;) {
        const page = await world.listRuns({ status, limit: 1000, ...(cursor ? { cursor } : {}) });
        for (const summary of page.runs) {
          const run = await world.getRun(summary.runId);
          if (run) collect(run);
        }
        if (!page.next) break;
        cursor = page.next;
      }
    }
  }
  if (io.json) return json(io, hooks.map(hookToJson));
  if (hooks.length === 0) return io.stdout("No live hooks.\n");
  io.stdout(renderTable(hooks, hookColumns(runId === undefined), io.columns));
}
