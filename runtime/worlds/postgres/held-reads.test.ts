/**
 * Reads a handed-off message's handler makes first (postgres-queue.ts `takeHeldRead`): a message
 * that a handler of its run stores and hands to this process's handler at once is read from what
 * this process holds, with no statement; the reads after it, every append, and any read that
 * does not name the handler's delivery see the server.
 */
import { describe, expect, it } from "vitest";
import { usePostgresPerFile } from "../../../test/support/postgres-per-file.js";
import {
  RUN_CREATED as created,
  RUN_STARTED as started,
  stepCreated,
} from "../../../test/support/world-events.js";
import type { Delivery, QueueMessage } from "../shared/world.js";
import { createPostgresWorld, type PostgresWorld } from "./postgres-world.js";

const postgres = usePostgresPerFile("held");

/** Two processes' worlds on one new schema. */
async function worlds(): Promise<[PostgresWorld, PostgresWorld]> {
  const schema = postgres.schema();
  const made = () => createPostgresWorld({ connectionString: postgres.url, schema });
  const pair: [PostgresWorld, PostgresWorld] = [made(), made()];
  for (const w of pair) postgres.track(w);
  for (const w of pair) await w.start();
  return pair;
}

const stepsOf = async (w: PostgresWorld, delivery?: Delivery) => [
  ...(await w.getRun("r", { delivery }))!.steps.keys(),
];

describe("a message a handler of its run hands to this process", () => {
  it("reads the run first from this process's copy, then from the server", async () => {
    const [a, b] = await worlds();
    await a.append("r", [created, started]);
    const seen: Record<string, unknown> = {};
    const done = new Promise<void>((resolve, reject) => {
      a.queue.consume(async (message: QueueMessage, delivery: Delivery) => {
        try {
          if (message.kind === "step") {
            // This handler's reads go to the server: the message came from outside it.
            seen.parent = await stepsOf(a, delivery);
            await a.append("r", [stepCreated("mine")]);
            await b.append("r", [stepCreated("theirs")]); // another process, meanwhile
            await a.queue.enqueue({ kind: "workflow", runId: "r" }, { delivery });
            return;
          }
          seen.first = await stepsOf(a, delivery); // held: as of this process's append
          seen.events = (await a.readEvents("r", 1, { delivery })).map((event) => event.index);
          seen.next = await stepsOf(a, delivery); // from the server
          seen.append = await a.append("r", [stepCreated("theirs")]).catch((error) => error.code);
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
    await a.queue.enqueue({ kind: "step", runId: "r", stepId: "mine" });
    await done;
    expect(seen).toEqual({
      parent: [],
      first: ["mine"],
      events: [1, 2],
      next: ["mine", "theirs"],
      append: "ENTITY_CONFLICT", // checked against the server's count, under the lock
    });
  });

  it("is not read from the copy by a read that does not name the handler's delivery", async () => {
    const [a, b] = await worlds();
    await a.append("r", [created, started]);
    let outside: string[] | undefined;
    const done = new Promise<void>((resolve) => {
      a.queue.consume(async (message: QueueMessage, delivery: Delivery) => {
        if (message.kind === "step") {
          await a.append("r", [stepCreated("mine")]);
          await b.append("r", [stepCreated("theirs")]);
          await a.queue.enqueue({ kind: "workflow", runId: "r" }, { delivery });
          return;
        }
        outside = await stepsOf(a); // say, a user's getRun while the handler runs
        resolve();
      });
    });
    await a.queue.enqueue({ kind: "step", runId: "r", stepId: "mine" });
    await done;
    expect(outside).toEqual(["mine", "theirs"]);
  });

  it("is not read from the copy when handed off by a handler of another run", async () => {
    const [a, b] = await worlds();
    await a.append("r", [created, started]);
    await a.append("other", [created]);
    let first: string[] | undefined;
    const done = new Promise<void>((resolve) => {
      a.queue.consume(async (message: QueueMessage, delivery: Delivery) => {
        if (message.runId === "other") {
          await b.append("r", [stepCreated("theirs")]);
          await a.queue.enqueue({ kind: "workflow", runId: "r" }, { delivery });
          return;
        }
        first = await stepsOf(a, delivery);
        resolve();
      });
    });
    await a.queue.enqueue({ kind: "workflow", runId: "other" });
    await done;
    expect(first).toEqual(["theirs"]);
  });
});
