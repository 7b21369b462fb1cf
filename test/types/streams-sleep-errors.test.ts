/** getWritable(), sleep() and the step errors, as workflow and step code use them. */
import { describe, expectTypeOf, it } from "vitest";
import {
  type Duration,
  FatalError,
  getStepMetadata,
  getWritable,
  RetryableError,
  sleep,
  type StepMetadata,
  type StepRetryOptions,
  StepTimeoutError,
} from "../../runtime/workflow/index.js";
import { RunTimeoutError } from "../../runtime/errors/index.js";

/** Type checks only: never called (these need a workflow or a step running). */
function typeOnly(_check: () => unknown): void {}

describe("getWritable()", () => {
  it("types the chunks steps write", () => {
    typeOnly(async () => {
      const progress = getWritable<{ done: number; total: number }>({ namespace: "progress" });
      expectTypeOf(progress).toEqualTypeOf<WritableStream<{ done: number; total: number }>>();
      const writer = progress.getWriter();
      await writer.write({ done: 1, total: 3 });
      // @ts-expect-error chunks of this stream are progress objects
      await writer.write("1 of 3");
      expectTypeOf(getWritable<Uint8Array>()).toEqualTypeOf<WritableStream<Uint8Array>>();
      // Without a type argument, anything goes (the seed's examples write objects and bytes).
      expectTypeOf(getWritable()).toEqualTypeOf<WritableStream<any>>();
      // @ts-expect-error a namespace is a string
      getWritable({ namespace: 1 });
    });
  });
});

describe("sleep()", () => {
  it("takes a Duration: a string, milliseconds or a Date", () => {
    expectTypeOf<Duration>().toEqualTypeOf<string | number | Date>();
    expectTypeOf(sleep).parameter(0).toEqualTypeOf<Duration>();
    expectTypeOf(sleep).returns.toEqualTypeOf<Promise<void>>();
    typeOnly(async () => {
      await sleep("5s");
      await sleep(1500);
      await sleep(new Date("2030-01-01"));
      // @ts-expect-error a boolean is not a duration
      await sleep(true);
      // @ts-expect-error sleep needs a duration
      await sleep();
      // @ts-expect-error an object is not a duration
      await sleep({ seconds: 5 });
    });
  });
});

describe("FatalError and RetryableError", () => {
  it("are Errors, recognised by is() from any realm", () => {
    expectTypeOf(new FatalError("bad input")).toExtend<Error>();
    expectTypeOf<FatalError["fatal"]>().toEqualTypeOf<true>();
    expectTypeOf(new RetryableError("busy", { retryAfter: "5s" })).toExtend<Error>();
    expectTypeOf(new RetryableError("busy").retryAfter).toEqualTypeOf<Date>();
    const caught: unknown = new FatalError("x");
    if (FatalError.is(caught)) expectTypeOf(caught).toEqualTypeOf<FatalError>();
    if (RetryableError.is(caught)) expectTypeOf(caught).toEqualTypeOf<RetryableError>();
  });

  it("take a message, and RetryableError a Duration to retry after", () => {
    void new RetryableError("busy", { retryAfter: 500 });
    void new RetryableError("busy", { retryAfter: new Date(), cause: new Error("429") });
    void new FatalError("bad input", { cause: new Error("parse") });
    typeOnly(() => {
      // @ts-expect-error a FatalError needs a message
      void new FatalError();
      // @ts-expect-error retryAfter is a Duration
      void new RetryableError("busy", { retryAfter: true });
    });
  });

  it("getStepMetadata() gives the step's ID, name, attempt and start time", () => {
    expectTypeOf(getStepMetadata).returns.toEqualTypeOf<StepMetadata>();
    expectTypeOf<StepMetadata>().toEqualTypeOf<{
      stepId: string;
      stepName: string;
      attempt: number;
      stepStartedAt: Date;
      nextRetryAt?: Date;
      signal: AbortSignal;
    }>();
  });

  it("StepTimeoutError and RunTimeoutError carry their codes; fn.retry options are typed", () => {
    expectTypeOf(new StepTimeoutError("s", 1, 200).code).toEqualTypeOf<
      import("../../runtime/errors/index.js").WorkflowErrorCode
    >();
    expectTypeOf(new RunTimeoutError("r", 1000)).toExtend<Error>();
    void ({
      maxAttempts: 5,
      backoff: "linear",
      initialDelay: "1s",
      maxDelay: 60_000,
    } satisfies StepRetryOptions);
    // @ts-expect-error an unknown backoff
    void ({ backoff: "quadratic" } satisfies StepRetryOptions);
  });
});
