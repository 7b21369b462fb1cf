/**
 * Queue writes carried by the next statement (carried-writes.ts): a message a handler enqueues
 * for its own run runs at once, its row (claimed by this process) rides on the next append or
 * goes alone a few ms on, and the handler's own message is never deleted before that row is
 * written (so a process that dies in between leaves the parent, which is delivered again).
 *
 * Commit order is seen by a deferred trigger: it runs as each transaction commits.
 */
import { describe, expect, it } from "vitest";
import { usePostgresPerFile } from "../../../test/support/postgres-per-file.js";
import { RUN_CREATED as created, stepCreated } from "../../../test/support/world-events.js";
import type { Delivery, QueueMessage } from "../shared/world.js";
import { createPostgresWorld } from "./postgres-world.js";

const postgres = usePostgresPerFile("carried");

async function setUp() {
  const schema = postgres.schema();
  const w = createPostgresWorld({ connectionString: postgres.url, schema });
  postgres.track(w);
  await w.start();
  const client = await postgres.connect();
  await client.query(`
    CREATE TABLE ${schema}.queue_log (n serial, tx text, op text, kind text, attempts int, locked boolean);
    CREATE FUNCTION ${schema}.log_queue() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE row ${schema}.queue;
      BEGIN
        IF TG_OP = 'DELETE' THEN row := OLD; ELSE row := NEW; END IF;
        INSERT INTO ${schema}.queue_log (tx, op, kind, attempts, locked)
          VALUES (txid_current()::text, TG_OP, row.message->>'kind', row.attempts, row.locked_until IS NOT NULL);
        RETURN NULL;
      END $$;
    CREATE CONSTRAINT TRIGGER log_queue AFTER INSERT OR DELETE ON ${schema}.queue
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${schema}.log_queue();`);
  const log = async () =>
    (
      await client.query<LogEntry & { attempts: number; locked: boolean }>(
        `SELECT tx, op, kind, attempts, locked FROM ${schema}.queue_log ORDER BY n`,
      )
    ).rows;
  const rows = async () => (await client.query(`SELECT 1 FROM ${schema}.queue`)).rowCount;
  /** The transaction that wrote event `idx` of `runId`. */
  const eventTx = async (runId: string, idx: number) =>
    (
      await client.query<{ tx: string }>(
        `SELECT xmin::text AS tx FROM ${schema}.events WHERE run_id = $1 AND idx = $2`,
        [runId, idx],
      )
    ).rows[0]?.tx;
  return { w, log, rows, eventTx };
}

interface LogEntry {
  tx: string;
  op: string;
  kind: string;
}

/** The step's row was committed before its parent's delete, or in the same transaction. */
function expectWrittenFirst(entries: LogEntry[], step: LogEntry) {
  const parent = entries.find((e) => e.op === "DELETE" && e.kind === "workflow")!;
  expect(
    step.tx === parent.tx || entries.indexOf(step) < entries.indexOf(parent),
    JSON.stringify(entries),
  ).toBe(true);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean>, what: string) {
  for (const end = Date.now() + 10_000; !(await check()); await sleep(20))
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

describe("a message a handler enqueues for its own run", () => {
  it("is written claimed with the next append, before its parent is deleted", async () => {
    const { w, log, rows, eventTx } = await setUp();
    await w.append("r", [created]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    w.queue.consume(async (message: QueueMessage, delivery: Delivery) => {
      handled.push(message.kind);
      if (message.kind === "workflow") {
        await w.append("r", [stepCreated("s")]);
        await w.queue.enqueue({ kind: "step", runId: "r", stepId: "s" }, { delivery });
        return;
      }
      await w.append("r", [{ type: "run_started", data: {} }]); // carries the step's row
      await gate;
    });
    await sleep(100); // the consumer has looked at the empty table: enqueues hand off at once
    await w.queue.enqueue({ kind: "workflow", runId: "r" });
    await until(async () => handled.length === 2, "both handlers to run");
    await until(async () => (await rows()) === 1, "the parent's delete");
    release();
    await until(async () => (await rows()) === 0, "the step's delete");
    const entries = await log();
    expect(entries).toHaveLength(4);
    const step = entries.find((e) => e.op === "INSERT" && e.kind === "step")!;
    expect(step).toMatchObject({ attempts: 1, locked: true }); // claimed by this process
    expectWrittenFirst(entries, step);
    // It rode on the step handler's append: one transaction, with the run_started event.
    expect(step.tx).toBe(await eventTx("r", 2));
  });

  it("is written alone a few ms on when no append comes", async () => {
    const { w, log } = await setUp();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    w.queue.consume(async (message: QueueMessage, delivery: Delivery) => {
      if (message.kind === "workflow")
        return w.queue.enqueue({ kind: "step", runId: "r", stepId: "s" }, { delivery });
      await gate;
    });
    await sleep(100); // the consumer has looked at the empty table: enqueues hand off at once
    await w.queue.enqueue({ kind: "workflow", runId: "r" });
    await until(async () => (await log()).some((e) => e.kind === "step"), "the step's row");
    release();
    await until(async () => (await log()).length === 4, "both deletes");
    const entries = await log();
    expectWrittenFirst(
      entries,
      entries.find((e) => e.op === "INSERT" && e.kind === "step")!,
    );
  });
});
