import { appendFile, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPostgresWorld } from "../../runtime/worlds/postgres/postgres-world.js";
import type { StreamStore } from "../../runtime/worlds/shared/stream-store.js";
import { startPostgres, type PostgresServer } from "../support/postgres.js";
import { createFileStreams } from "../../runtime/worlds/file/file-chunks.js";
import { createMemoryStreams } from "../../runtime/worlds/memory/memory-chunks.js";
import { WorldError } from "../../runtime/worlds/shared/world-error.js";
import { createTempDir } from "./harness.js";

const RUN = "wrun_TEST";

async function collect(iterator: AsyncIterableIterator<string>, limit = Infinity) {
  const out: string[] = [];
  for await (const chunk of iterator) {
    out.push(chunk);
    if (out.length >= limit) break;
  }
  return out;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

let postgres: PostgresServer;
let schemas = 0;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

/** The streams of a started Postgres world on `schema` (closed after the test). */
async function postgresStreams(schema: string) {
  const world = createPostgresWorld({ connectionString: postgres.url, schema });
  await world.start();
  cleanups.push(() => world.close());
  return world.streams;
}

type Store = StreamStore & { close(): Promise<void> };

const backends = {
  memory: async () => ({ store: createMemoryStreams(), reopen: undefined }),
  file: async () => {
    const { dir, cleanup } = await createTempDir();
    cleanups.push(cleanup);
    return { store: createFileStreams({ dir }), reopen: () => createFileStreams({ dir }), dir };
  },
  postgres: async () => {
    const schema = `streams_${++schemas}`;
    return {
      store: await postgresStreams(schema),
      reopen: () => postgresStreams(schema),
      dir: undefined,
    };
  },
} as const;

describe.each(Object.keys(backends) as Array<keyof typeof backends>)("%s stream store", (kind) => {
  const open = (): Promise<{
    store: Store;
    reopen?: (() => Store) | (() => Promise<Store>);
    dir?: string | undefined;
  }> => backends[kind]();

  it("keeps chunks in order and ends readers after the close", async () => {
    const { store } = await open();
    await store.append(RUN, "user", ["a", "b"]);
    await store.append(RUN, "user", ["c"], { close: true });
    expect(await collect(store.read(RUN, "user"))).toEqual(["a", "b", "c"]);
    expect(await collect(store.read(RUN, "user", { startIndex: 2 }))).toEqual(["c"]);
    expect(await collect(store.read(RUN, "user", { startIndex: -2 }))).toEqual(["b", "c"]);
    expect(await collect(store.read(RUN, "user", { startIndex: 9 }))).toEqual([]);
    expect(await store.info(RUN, "user")).toEqual({ length: 3, closed: true });
    expect(await store.info(RUN, "other")).toEqual({ length: 0, closed: false });
    expect(await store.list(RUN)).toEqual(["user"]);
  });

  it("delivers live chunks to a reader that waits, also on a stream not written yet", async () => {
    const { store } = await open();
    const reading = collect(store.read(RUN, "live"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 5; i++) await store.append(RUN, "live", [`x${i}`]);
    await store.append(RUN, "live", [], { close: true });
    expect(await reading).toEqual(["x0", "x1", "x2", "x3", "x4"]);
  });

  it("coalesces appends issued during a write, in call order", async () => {
    const { store, dir } = await open();
    const appends = Array.from({ length: 200 }, (_, i) => store.append(RUN, "many", [String(i)]));
    await Promise.all(appends);
    await store.append(RUN, "many", [], { close: true });
    const chunks = await collect(store.read(RUN, "many", { startIndex: 150 }));
    expect(chunks).toEqual(Array.from({ length: 50 }, (_, i) => String(150 + i)));
    if (dir) {
      const [file] = await readdir(path.join(dir, "streams", RUN));
      const lines = (await readFile(path.join(dir, "streams", RUN, file!), "utf8")).split("\n");
      expect(lines.length).toBeLessThan(20); // a few writes, not 200
    }
  });

  it("refuses chunks after the close; closing again is a no-op", async () => {
    const { store } = await open();
    await store.append(RUN, "s", ["a"], { close: true });
    await store.append(RUN, "s", [], { close: true });
    const error = await store.append(RUN, "s", ["late"]).catch((e: unknown) => e);
    expect(WorldError.is(error, "STREAM_CLOSED")).toBe(true);
    expect((error as Error).message).toMatch(/is closed; 1 chunk\(s\) were not written/);
    expect(await collect(store.read(RUN, "s"))).toEqual(["a"]);
  });

  it("hands a stream's error to readers after its last chunk", async () => {
    const { store } = await open();
    await store.append(RUN, "e", ["a"]);
    await store.append(RUN, "e", [], { error: { message: "source broke", name: "TypeError" } });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of store.read(RUN, "e")) seen.push(chunk);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["a"]);
    expect(error).toMatchObject({ message: "source broke", name: "TypeError" });
  });

  it("stops a waiting reader on return() and on world close", async () => {
    const { store } = await open();
    const reader = store.read(RUN, "idle");
    const next = reader.next();
    await reader.return!();
    expect(await next).toEqual({ done: true, value: undefined });

    const waiting = collect(store.read(RUN, "idle"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await store.close();
    await expect(waiting).rejects.toThrow(/the world was closed/);
    await expect(store.append(RUN, "idle", ["x"])).rejects.toThrow(/the world is closed/);
  });

  it("checks names and run IDs", async () => {
    const { store } = await open();
    expect(() => store.read("../x", "user")).toThrow(/not allowed/);
    expect(() => store.read(RUN, "")).toThrow(/non-empty string/);
    expect(() => store.read(RUN, "n".repeat(200))).toThrow(/longer than 180 bytes/);
    await store.append(RUN, "user:ünïcødé/../x", ["ok"], { close: true });
    expect(await store.list(RUN)).toEqual(["user:ünïcødé/../x"]);
  });
});

describe("file stream store across restarts", () => {
  it("reads what an earlier store wrote, objects and bytes alike, from any index", async () => {
    const { dir, cleanup } = await createTempDir();
    cleanups.push(cleanup);
    const first = createFileStreams({ dir, fsync: true });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => first.append(RUN, "user", [`chunk ${i}`])),
    );
    await first.append(RUN, "user", [], { close: true });
    await first.append(RUN, "open", ["a"]);
    await first.close();

    const second = createFileStreams({ dir });
    const all = await collect(second.read(RUN, "user"));
    expect(all).toHaveLength(100);
    expect(all[99]).toBe("chunk 99");
    expect(await collect(second.read(RUN, "user", { startIndex: 50 }))).toEqual(all.slice(50));
    expect(await second.info(RUN, "open")).toEqual({ length: 1, closed: false });
    await second.append(RUN, "open", ["b"], { close: true });
    expect(await collect(second.read(RUN, "open"))).toEqual(["a", "b"]);
    expect((await second.list(RUN)).sort()).toEqual(["open", "user"]);
  });

  it("drops a write a crash cut short, and reports a corrupt file with its place", async () => {
    const { dir, cleanup } = await createTempDir();
    cleanups.push(cleanup);
    const first = createFileStreams({ dir });
    await first.append(RUN, "user", ["a", "b"]);
    await first.close();
    const file = path.join(
      dir,
      "streams",
      RUN,
      `${Buffer.from("user").toString("base64url")}.jsonl`,
    );
    await appendFile(file, '{"i":2,"c":["torn');

    const second = createFileStreams({ dir });
    expect(await second.info(RUN, "user")).toEqual({ length: 2, closed: false });
    await second.append(RUN, "user", ["c"], { close: true });
    expect(await collect(second.read(RUN, "user"))).toEqual(["a", "b", "c"]);

    await writeFile(file, '{"i":0,"c":["a"]}\n{"i":5,"c":["b"]}\n');
    const third = createFileStreams({ dir });
    await expect(third.info(RUN, "user")).rejects.toThrow(
      /Stream file .*dXNlcg\.jsonl is corrupt at byte 18: expected the write of chunk 1/,
    );
  });
});
