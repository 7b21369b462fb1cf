import { FatalError, getWritable, sleep } from "workflow";

/** Writes `count` chunks to the run's default stream from one step (getWritable() in the step). */
async function writeNumbers(from: number, count: number) {
  "use step";
  const writer = getWritable<{ i: number }>().getWriter();
  for (let i = from; i < from + count; i++) await writer.write({ i });
  writer.releaseLock();
}

/** Writes byte chunks (chunk k holds k+1 bytes of value k) to the "bytes" namespace. */
async function writeBytes(count: number) {
  "use step";
  const writer = getWritable<Uint8Array>({ namespace: "bytes" }).getWriter();
  for (let k = 0; k < count; k++) writer.write(new Uint8Array(k + 1).fill(k)); // not awaited
  writer.releaseLock();
}

async function closeAll(...writables: WritableStream[]) {
  "use step";
  for (const writable of writables) await writable.close();
  await getWritable({ namespace: "bytes" }).close();
}

/** `count` object chunks in two steps, `bytes` byte chunks; every stream closed at the end. */
export async function numbersAndBytes(count: number, bytes: number) {
  "use workflow";
  const half = Math.floor(count / 2);
  await writeNumbers(0, half);
  await writeNumbers(half, count - half);
  await writeBytes(bytes);
  await closeAll(getWritable());
  return "done";
}

async function log(writable: WritableStream, line: string) {
  "use step";
  const writer = writable.getWriter();
  await writer.write(line);
  writer.releaseLock();
}

async function closeStreams(...writables: WritableStream[]) {
  "use step";
  for (const writable of writables) await writable.close();
}

/** The seed's namespaced streams: each namespace is its own stream, apart from the default one. */
export async function namespaces() {
  "use workflow";
  const dataStream = getWritable({ namespace: "data" });
  const logsStream = getWritable({ namespace: "logs" });
  const main = getWritable();
  await log(dataStream, "data 1");
  await log(logsStream, "log 1");
  await log(main, "main 1");
  await log(dataStream, "data 2");
  await closeStreams(dataStream, logsStream, main);
}

/** Sleeps first, so that a reader attaches before the first chunk exists. */
export async function lateWriter(count: number) {
  "use workflow";
  await sleep("300ms");
  await writeNumbers(0, count);
  await closeStreams(getWritable());
}

/** A stream handle used in the workflow itself: every use says to go through a step. */
export async function misuse() {
  "use workflow";
  const writable = getWritable();
  const errors: string[] = [];
  try {
    writable.getWriter();
  } catch (error) {
    errors.push((error as Error).message);
  }
  await writable.close().catch((error: Error) => errors.push(error.message));
  try {
    getWritable({ namespace: "" });
  } catch (error) {
    errors.push((error as Error).message);
  }
  return { errors, tag: Object.prototype.toString.call(writable) };
}

/** A step returning a ReadableStream whose chunks come slowly: stored as they come. */
async function produce(count: number, delayMs: number) {
  "use step";
  let i = 0;
  return new ReadableStream<{ n: number } | Uint8Array>({
    async pull(controller) {
      if (i === count) return controller.close();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      controller.enqueue(i % 2 === 0 ? { n: i } : new Uint8Array([i]));
      i++;
    },
  });
}

async function total(stream: ReadableStream<{ n: number } | Uint8Array>) {
  "use step";
  let sum = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read())
    sum += r.value instanceof Uint8Array ? r.value[0]! : r.value.n;
  return sum;
}

/** Returns a step's stream to the caller (read after the run ends), and sums it in another step. */
export async function streamResult(count: number) {
  "use workflow";
  const stream = await produce(count, 2);
  const sum = await total(stream);
  return { stream, sum };
}

async function failingSource() {
  "use step";
  let i = 0;
  return new ReadableStream<string>({
    pull(controller) {
      if (i === 2) throw new Error("source broke");
      controller.enqueue(`chunk ${i++}`);
    },
  });
}

/** A returned stream whose source fails: readers get its chunks, then the error. */
export async function brokenStream() {
  "use workflow";
  return await failingSource();
}

/** Global fetch is blocked in the sandbox, with a pointer to fetch from "workflow". */
export async function globalFetch(url: string) {
  "use workflow";
  return await globalThis.fetch(url);
}

async function reject(message: string) {
  "use step";
  throw new FatalError(message);
}

/** Writes without closing, then ends as told: readers must not wait forever either way. */
export async function unclosed(count: number, outcome: "complete" | "fail") {
  "use workflow";
  if (count > 0) await writeNumbers(0, count);
  if (outcome === "fail") await reject("payment declined");
  return "finished";
}
