/**
 * What each `wf inspect` subcommand shows, as text for people and as JSON for programs. Each view
 * reads the world through its interface only, so it works the same on every world.
 */
import { shortNameOf } from "../../protocol/ids.js";
import type {
  RunState,
  RunSummary,
  StepState,
  StoredError,
  StoredEvent,
  World,
} from "../../runtime/worlds/index.js";
import { describeSlot, SERIALIZED_FIELDS, waitsForSlot } from "../../runtime/worlds/index.js";
import { CliError } from "../open-world.js";
import { hookColumns, hookToJson } from "./hooks-view.js";
import { formatValue, readStoredValue, toJsonValue } from "./stored-value.js";
import { type Column, renderTable } from "./table.js";
import { formatDuration, formatTime } from "./time.js";
import { json, requireRun, type ViewIo } from "./view-io.js";

const STATUS_KEEP = 5;

export async function showRuns(
  world: World,
  filter: { status?: RunState["status"]; workflowName?: string; limit?: number; cursor?: string },
  io: ViewIo,
): Promise<void> {
  const page = await world.listRuns(filter);
  if (io.json) return json(io, page);
  const now = Date.now();
  const columns: Column<RunSummary>[] = [
    { header: "RUN ID", cell: (r) => r.runId, max: 40 },
    { header: "WORKFLOW", cell: (r) => shortNameOf(r.workflowName), keep: 4, shrink: { min: 8 } },
    {
      header: "STATUS",
      cell: (r) => (waitsForSlot(r) ? `${r.status} (in line)` : r.status),
      keep: STATUS_KEEP,
    },
    { header: "CREATED", cell: (r) => formatTime(r.createdAt), keep: 2 },
    {
      header: "DURATION",
      cell: (r) =>
        r.completedAt !== undefined
          ? formatDuration(r.completedAt - (r.startedAt ?? r.createdAt))
          : `${formatDuration(now - (r.startedAt ?? r.createdAt))}…`,
      keep: 3,
      align: "right",
    },
  ];
  if (page.runs.length === 0) io.stdout("No runs.\n");
  else io.stdout(renderTable(page.runs, columns, io.columns));
  if (page.next) io.stdout(`More: wf inspect runs --cursor ${page.next}\n`);
}

export async function showRun(world: World, runId: string, io: ViewIo): Promise<void> {
  const run = await requireRun(world, runId);
  if (io.json) return json(io, runToJson(run));
  const lines = [
    `Run       ${run.runId}`,
    `Workflow  ${shortNameOf(run.workflowName)}  (${run.workflowName})`,
    `Status    ${run.status}`,
    ...(run.concurrency ? [`Slot      ${describeSlot(run)}`] : []),
    `Created   ${formatTime(run.createdAt)}` +
      (run.completedAt !== undefined
        ? `   ended ${formatTime(run.completedAt)} (took ${formatDuration(run.completedAt - (run.startedAt ?? run.createdAt))})`
        : ""),
    `Input     ${indent(formatValue(readStoredValue(run.input), io.columns - 10))}`,
  ];
  if (run.output !== undefined)
    lines.push(`Output    ${indent(formatValue(readStoredValue(run.output), io.columns - 10))}`);
  if (run.error) lines.push(`Error     ${indent(formatError(run.error))}`);
  io.stdout(`${lines.join("\n")}\n`);
  if (run.steps.size > 0) {
    io.stdout(`\nSteps\n`);
    io.stdout(renderTable([...run.steps.values()], stepColumns(), io.columns));
  }
  const waits = [...run.waits.values()];
  if (waits.length > 0) {
    io.stdout(`\nSleeps\n`);
    io.stdout(
      renderTable(
        waits,
        [
          { header: "ID", cell: (w) => w.waitId },
          { header: "STATUS", cell: (w) => w.status, keep: STATUS_KEEP },
          { header: "RESUMES", cell: (w) => formatTime(w.resumeAt), keep: 4 },
        ],
        io.columns,
      ),
    );
  }
  if (run.hooks.size > 0) {
    io.stdout(`\nHooks\n`);
    io.stdout(renderTable([...run.hooks.values()], hookColumns(false), io.columns));
  }
}

function stepColumns(): Column<StepState>[] {
  return [
    { header: "STEP", cell: (s) => shortNameOf(s.stepName), shrink: { min: 10 } },
    { header: "STATUS", cell: (s) => s.status, keep: STATUS_KEEP },
    { header: "ATTEMPTS", cell: (s) => String(s.attempt), keep: 3, align: "right" },
    {
      header: "DURATION",
      cell: (s) =>
        s.completedAt !== undefined && s.startedAt !== undefined
          ? formatDuration(s.completedAt - s.startedAt)
          : "-",
      keep: 2,
      align: "right",
    },
    { header: "ID", cell: (s) => s.stepId, keep: 1 },
    {
      header: "ERROR",
      cell: (s) => (s.error ?? s.lastError)?.message ?? "",
      keep: 4,
      shrink: { min: 12 },
    },
  ];
}

interface Attempt {
  stepId: string;
  stepName: string;
  attempt: number;
  startedAt: number;
  endedAt?: number;
  outcome: "running" | "completed" | "retrying" | "failed";
  error?: StoredError;
}

/** Each attempt of each step, from the event log. */
function attemptsOf(events: readonly StoredEvent[]): Attempt[] {
  const names = new Map<string, string>();
  const open = new Map<string, Attempt>();
  const attempts: Attempt[] = [];
  for (const event of events) {
    const id = event.correlationId;
    if (id === undefined) continue;
    if (event.type === "step_created") names.set(id, event.data.stepName);
    else if (event.type === "step_started") {
      const attempt: Attempt = {
        stepId: id,
        stepName: names.get(id) ?? id,
        attempt: event.data.attempt,
        startedAt: event.createdAt,
        outcome: "running",
      };
      open.set(id, attempt);
      attempts.push(attempt);
    } else if (
      event.type === "step_completed" ||
      event.type === "step_retrying" ||
      event.type === "step_failed"
    ) {
      const attempt = open.get(id);
      if (!attempt) continue;
      attempt.endedAt = event.createdAt;
      attempt.outcome =
        event.type === "step_completed"
          ? "completed"
          : event.type === "step_retrying"
            ? "retrying"
            : "failed";
      if (event.type !== "step_completed") attempt.error = event.data.error;
      open.delete(id);
    }
  }
  return attempts;
}

export async function showSteps(world: World, runId: string, io: ViewIo): Promise<void> {
  const run = await requireRun(world, runId);
  const attempts = attemptsOf(await world.readEvents(runId));
  if (io.json)
    return json(io, {
      runId,
      steps: [...run.steps.values()].map((step) => ({
        ...stepToJson(step),
        attempts: attempts.filter((a) => a.stepId === step.stepId),
      })),
    });
  if (run.steps.size === 0) return io.stdout("No steps.\n");
  io.stdout(
    renderTable(
      attempts,
      [
        { header: "STEP", cell: (a) => shortNameOf(a.stepName), shrink: { min: 10 } },
        { header: "ATTEMPT", cell: (a) => String(a.attempt), keep: 5, align: "right" },
        { header: "OUTCOME", cell: (a) => a.outcome, keep: 5 },
        { header: "STARTED", cell: (a) => formatTime(a.startedAt), keep: 2 },
        {
          header: "TOOK",
          cell: (a) =>
            formatDuration(a.endedAt !== undefined ? a.endedAt - a.startedAt : undefined),
          keep: 3,
          align: "right",
        },
        { header: "ID", cell: (a) => a.stepId, keep: 1 },
        { header: "ERROR", cell: (a) => a.error?.message ?? "", keep: 4, shrink: { min: 12 } },
      ],
      io.columns,
    ),
  );
  const pending = [...run.steps.values()].filter((s) => s.attempt === 0);
  for (const step of pending) io.stdout(`${shortNameOf(step.stepName)}: not started yet\n`);
}

export async function showEvents(world: World, runId: string, io: ViewIo): Promise<void> {
  const run = await requireRun(world, runId);
  const events = await world.readEvents(runId);
  if (io.raw) return io.stdout(`${JSON.stringify({ runId, events })}\n`);
  if (io.json)
    return json(
      io,
      events.map((event) => ({ ...event, data: eventDataToJson(event) })),
    );
  io.stdout(
    renderTable(
      events,
      [
        { header: "#", cell: (e) => String(e.index), align: "right" },
        {
          header: "AT",
          cell: (e) => `+${formatDuration(e.createdAt - run.createdAt)}`,
          keep: 3,
          align: "right",
        },
        { header: "TYPE", cell: (e) => e.type, keep: 6 },
        { header: "ID", cell: (e) => e.correlationId ?? "", keep: 2, shrink: { min: 8 } },
        { header: "DETAIL", cell: (e) => describeEvent(e), keep: 4, shrink: { min: 10 }, max: 120 },
      ],
      io.columns,
    ),
  );
}

/** One line saying what an event carries. */
function describeEvent(event: StoredEvent): string {
  const preview = (text: string | undefined) => formatValue(readStoredValue(text), 1000);
  switch (event.type) {
    case "run_created":
      return (
        shortNameOf(event.data.workflowName) +
        (event.data.concurrency
          ? `; concurrency ${JSON.stringify(event.data.concurrency.key)} limit ${event.data.concurrency.limit}`
          : "")
      );
    case "run_completed":
      return preview(event.data.output);
    case "run_failed":
    case "step_failed":
      return errorLine(event.data.error);
    case "step_created":
      return shortNameOf(event.data.stepName);
    case "step_started":
      return event.data.deadline === undefined
        ? `attempt ${event.data.attempt}`
        : `attempt ${event.data.attempt}, times out at ${formatTime(event.data.deadline)}`;
    case "step_retrying":
      return (
        `${errorLine(event.data.error)}; again at ${formatTime(event.data.retryAfter)}` +
        (event.data.delayMs === undefined
          ? ""
          : ` (in ${formatDuration(event.data.delayMs)}, ${event.data.delayFrom === "retryAfter" ? "its retryAfter" : "retry policy"})`)
      );
    case "step_completed":
      return preview(event.data.result);
    case "wait_created":
      return `until ${formatTime(event.data.resumeAt)}`;
    case "hook_created":
      return event.data.token;
    case "hook_received":
      return preview(event.data.payload);
    default:
      return "";
  }
}

function errorLine(error: StoredError): string {
  return `${error.code ? `${error.code}: ` : ""}${error.message}`;
}

function formatError(error: StoredError): string {
  const head = `${error.name ?? "Error"}${error.code ? ` [${error.code}]` : ""}: ${error.message}`;
  const stack = error.stack?.split("\n").slice(1).join("\n");
  return stack ? `${head}\n${stack}` : head;
}

function indent(text: string): string {
  return text.replace(/\n/g, "\n          ");
}

export async function showStreams(world: World, runId: string, io: ViewIo): Promise<void> {
  await requireRun(world, runId);
  const names = await world.streams.list(runId);
  const streams = await Promise.all(
    names.map(async (name) => ({ name, ...(await world.streams.info(runId, name)) })),
  );
  if (io.json) return json(io, streams);
  if (streams.length === 0) return io.stdout("No streams.\n");
  io.stdout(
    renderTable(
      streams,
      [
        { header: "STREAM", cell: (s) => describeStreamName(s.name), shrink: { min: 12 } },
        { header: "CHUNKS", cell: (s) => String(s.length), keep: 5, align: "right" },
        {
          header: "STATE",
          cell: (s) => (s.error ? `failed: ${s.error.message}` : s.closed ? "closed" : "open"),
          keep: 4,
          shrink: { min: 6 },
        },
        { header: "NAME", cell: (s) => s.name, keep: 1 },
      ],
      io.columns,
    ),
  );
}

/** `user` is the default stream, `user:<ns>` a namespace, `stream:<id>` a stream a step returned. */
function describeStreamName(name: string): string {
  if (name === "user") return "(default)";
  if (name.startsWith("user:")) return `--namespace ${name.slice(5)}`;
  return name;
}

/**
 * The chunks of one stream; with `follow`, also those written later, until the stream closes
 * or `signal` aborts. Follows by polling the stream's length, so it sees chunks that another
 * process (the app) writes.
 */
export async function showStream(
  world: World,
  runId: string,
  name: string,
  follow: boolean,
  io: ViewIo,
  signal?: AbortSignal,
): Promise<void> {
  await requireRun(world, runId);
  let index = 0;
  for (;;) {
    const info = await world.streams.info(runId, name);
    if (index < info.length) {
      for await (const text of world.streams.read(runId, name, { startIndex: index })) {
        const value = readStoredValue(text);
        if (io.json) io.stdout(`${JSON.stringify({ index, value: toJsonValue(value) })}\n`);
        else io.stdout(typeof value === "string" ? value : `${formatValue(value, io.columns)}\n`);
        if (++index >= info.length) break;
      }
    }
    if (info.error) throw new CliError(`the stream failed: ${info.error.message}`);
    if (!follow || info.closed || signal?.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
  }
}

const FOLLOW_POLL_MS = 200;

function stepToJson(step: StepState): Record<string, unknown> {
  return {
    ...step,
    input: toJsonValue(readStoredValue(step.input)),
    result: toJsonValue(readStoredValue(step.result)),
  };
}

export function runToJson(run: RunState): unknown {
  return {
    ...run,
    input: toJsonValue(readStoredValue(run.input)),
    output: toJsonValue(readStoredValue(run.output)),
    steps: [...run.steps.values()].map(stepToJson),
    waits: [...run.waits.values()],
    hooks: [...run.hooks.values()].map(hookToJson),
  };
}

/** An event's data with its serialized values decoded (for JSON: `wf inspect --json`, the dashboard). */
export function eventDataToJson(event: StoredEvent): Record<string, unknown> {
  const data = { ...(event.data as Record<string, unknown>) };
  for (const key of SERIALIZED_FIELDS)
    if (typeof data[key] === "string")
      data[key] = toJsonValue(readStoredValue(data[key] as string));
  return data;
}
