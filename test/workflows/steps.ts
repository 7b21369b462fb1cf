import { FatalError, getStepMetadata, RetryableError } from "workflow";

/** A plain step: also callable outside any workflow, where it is just a function. */
export async function add(a: number, b: number) {
  "use step";
  return a + b;
}

async function alwaysFails(label: string) {
  "use step";
  throw new Error(`${label} failed on attempt ${getStepMetadata().attempt}`);
}

async function failsWithOneRetry() {
  "use step";
  throw new Error(`attempt ${getStepMetadata().attempt}`);
}
failsWithOneRetry.maxRetries = 1;

async function runsOnce() {
  "use step";
  throw new Error("no retries");
}
runsOnce.maxRetries = 0;

/** Fails once with a RetryableError whose retryAfter is `after`, then succeeds. */
async function retryAfterOnce(kind: "string" | "number" | "date") {
  "use step";
  const { attempt } = getStepMetadata();
  if (attempt === 1) {
    const retryAfter =
      kind === "string" ? "150ms" : kind === "number" ? 150 : new Date(Date.now() + 150);
    throw new RetryableError(`try again later (${kind})`, { retryAfter });
  }
  return attempt;
}

async function fatal() {
  "use step";
  throw new FatalError("card declined");
}

/** Default retries: the step fails for good after 4 attempts; the workflow sees why. */
export async function retriesExhausted() {
  "use workflow";
  try {
    await alwaysFails("charge");
    return "unreachable";
  } catch (error) {
    return { message: (error as Error).message, fatal: FatalError.is(error) };
  }
}

export async function maxRetries() {
  "use workflow";
  const messages: string[] = [];
  for (const step of [failsWithOneRetry, runsOnce]) {
    try {
      await step();
    } catch (error) {
      messages.push((error as Error).message);
    }
  }
  return messages;
}

export async function retryAfter(kind: "string" | "number" | "date") {
  "use workflow";
  return retryAfterOnce(kind);
}

/** A FatalError is not retried, and the workflow can catch it. */
export async function catchFatal() {
  "use workflow";
  try {
    await fatal();
    return { caught: false };
  } catch (error) {
    return {
      caught: FatalError.is(error),
      instance: error instanceof FatalError,
      message: (error as Error).message,
    };
  }
}

/** An uncaught FatalError fails the run. */
export async function uncaughtFatal() {
  "use workflow";
  await fatal();
}

export async function double(n: number) {
  "use step";
  return n * 2;
}

/** Calls the step it is given: inside a step that is a plain call, not another step. */
async function applyTwice(fn: (n: number) => Promise<number>, n: number) {
  "use step";
  return (await fn(await fn(n))) + 0;
}

export async function stepAsArgument() {
  "use workflow";
  return applyTwice(double, 10);
}

/** A nested step gets the variables it captures as they are when it is called. */
export async function nestedStep(base: number) {
  "use workflow";
  let counter = base;
  const label = "total";
  async function addToCounter(n: number) {
    "use step";
    counter += n; // its own copy: the workflow's counter is unchanged
    return `${label}=${counter}`;
  }
  const first = await addToCounter(1);
  counter = 100;
  const second = await addToCounter(2);
  return [first, second, counter];
}
