import { describe, expect, it, vi } from "vitest";
import {
  deserialize,
  isSerializationError,
  type SerializationContext,
  type StreamCodec,
  type StreamKind,
  serialize,
} from "./index.js";

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isSerializationError(error)) return error;
    throw error;
  }
  throw new Error("did not throw");
}

describe("step function references", () => {
  const charge = Object.assign(async (cents: number) => cents, {
    stepId: "step//./src/order//charge",
  });

  it("serialize as their stepId and come back through resolveStep", () => {
    const proxy = () => "proxy";
    const resolveStep = vi.fn((stepId: string) => (stepId === charge.stepId ? proxy : undefined));
    const text = serialize({ onPaid: charge, again: [charge] });
    expect(text).toContain('["StepFunction",');
    const copy = deserialize(text, { resolveStep }) as { onPaid: unknown; again: unknown[] };
    expect(copy.onPaid).toBe(proxy);
    expect(copy.again[0]).toBe(proxy);
    expect(resolveStep).toHaveBeenCalledTimes(1);
    expect(resolveStep).toHaveBeenCalledWith("step//./src/order//charge");
  });

  it("need resolveStep, and a step it knows", () => {
    const text = serialize(charge);
    expect(deserialize(text, { resolveStep: () => charge })).toBe(charge);
    expect(errorOf(() => deserialize(text)).code).toBe("SERIALIZATION_MISSING_CALLBACK");
    const unknown = errorOf(() => deserialize(text, { resolveStep: () => undefined }));
    expect(unknown.code).toBe("SERIALIZATION_UNKNOWN_STEP");
    expect(unknown.message).toMatch(/step "step\/\/\.\/src\/order\/\/charge" is not registered/);
  });
});

/** A stream codec like the runtime's: streams go to a store under a name. */
function createStreamStore() {
  const store = new Map<string, object>();
  const streams: StreamCodec = {
    reduce(stream, kind) {
      const name = `strm_${store.size}`;
      store.set(name, stream);
      return kind === "ReadableStream" ? { name, type: "bytes", startIndex: 0 } : { name };
    },
    revive(data) {
      return store.get((data as { name: string }).name);
    },
  };
  return { store, context: { streams } satisfies SerializationContext };
}

describe("streams", () => {
  it("go through the context's stream codec, both ways", () => {
    const { store, context } = createStreamStore();
    const reduce = vi.spyOn(context.streams, "reduce");
    const readable = new ReadableStream();
    const writable = new WritableStream();
    const text = serialize({ readable, writable, again: readable }, context);
    expect(reduce.mock.calls.map(([, kind]) => kind)).toStrictEqual<StreamKind[]>([
      "ReadableStream",
      "WritableStream",
    ]);
    expect(text).toContain('"strm_0"');
    expect(store.size).toBe(2);
    const copy = deserialize(text, context) as Record<string, unknown>;
    expect(copy.readable).toBe(readable);
    expect(copy.writable).toBe(writable);
    expect(copy.again).toBe(readable);
  });

  it("the reference data is serialized like any value", () => {
    const streams: StreamCodec = {
      reduce: () => ({ name: "s", since: new Date(0), tags: new Set(["a"]) }),
      revive: (data) => data,
    };
    const copy = deserialize(serialize(new ReadableStream(), { streams }), { streams });
    expect(copy).toStrictEqual({ name: "s", since: new Date(0), tags: new Set(["a"]) });
  });

  it("a workflow-side handle counts as a stream by its brand", () => {
    class StreamHandle {
      constructor(readonly name: string) {}
      get [Symbol.toStringTag]() {
        return "WritableStream";
      }
    }
    const streams: StreamCodec = {
      reduce: (stream, kind) => ({ name: (stream as StreamHandle).name, kind }),
      revive: (data) => new StreamHandle((data as { name: string }).name),
    };
    const copy = deserialize(serialize([new StreamHandle("strm_1")], { streams }), {
      streams,
    }) as StreamHandle[];
    expect(copy[0]).toBeInstanceOf(StreamHandle);
    expect(copy[0]?.name).toBe("strm_1");
  });

  it("a failing codec names the stream's path; no codec makes streams unsupported", () => {
    const streams: StreamCodec = {
      reduce() {
        throw new TypeError("ReadableStream is locked");
      },
      revive: () => undefined,
    };
    const failure = errorOf(() =>
      serialize({ out: new ReadableStream() }, { streams, root: "result" }),
    );
    expect(failure.code).toBe("SERIALIZATION_CALLBACK_FAILED");
    expect(failure.message).toBe(
      "Cannot serialize value: the context's streams.reduce threw at result.out: ReadableStream is locked",
    );
    const text = serialize(new WritableStream(), createStreamStore().context);
    expect(errorOf(() => deserialize(text)).code).toBe("SERIALIZATION_MISSING_CALLBACK");
  });
});

describe("Request and Response", () => {
  it("without a body need no context", () => {
    const request = new Request("https://example.com/a?b=1", {
      method: "DELETE",
      headers: { "x-id": "7" },
    });
    const copy = deserialize(
      serialize({ request, response: new Response(null, { status: 204 }) }),
    ) as {
      request: Request;
      response: Response;
    };
    expect(copy.request).toBeInstanceOf(Request);
    expect(copy.request.method).toBe("DELETE");
    expect(copy.request.url).toBe("https://example.com/a?b=1");
    expect(copy.request.headers.get("x-id")).toBe("7");
    expect(copy.response.status).toBe(204);
    expect(copy.response.body).toBe(null);
  });

  it("send their bodies through the stream codec", async () => {
    const { context } = createStreamStore();
    const request = new Request("https://example.com/orders", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: 1 }),
    });
    const response = new Response("created", {
      status: 201,
      statusText: "Created",
      headers: { etag: '"1"' },
    });
    const copy = deserialize(serialize([request, response], context), context) as [
      Request,
      Response,
    ];
    expect(copy[0].method).toBe("POST");
    expect(copy[0].headers.get("content-type")).toBe("application/json");
    expect(await copy[0].json()).toStrictEqual({ id: 1 });
    expect(copy[1].status).toBe(201);
    expect(copy[1].statusText).toBe("Created");
    expect(copy[1].headers.get("etag")).toBe('"1"');
    expect(await copy[1].text()).toBe("created");
  });
});
