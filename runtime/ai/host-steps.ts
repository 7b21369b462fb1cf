/**
 * The built-in steps of `DurableAgent` (engine/builtin-steps.ts), run on the host where the `ai`
 * package can be loaded: one language-model call streamed to the run's writable, and the
 * agent's own chunks (tool outputs, errors, the last `finish`). Everything they take and
 * return is plain data, recorded in the run's log, so a replay never calls the model again.
 */
import { getStepContext } from "../workflow/step-context.js";
import type { ModelCallRequest, ModelCallResult, UIChunk } from "./protocol.js";

type Ai = typeof import("ai");
let loadedAi: Promise<Ai> | undefined;

function loadAi(): Promise<Ai> {
  return (loadedAi ??= import("ai").catch((error: unknown) => {
    loadedAi = undefined;
    throw new Error(
      `DurableAgent needs the "ai" package (version 6) next to "workflow": npm install ai@6. ` +
        `(${error instanceof Error ? error.message : String(error)})`,
    );
  }));
}

async function writeAll(writable: WritableStream<UIChunk>, chunks: Iterable<UIChunk>) {
  const writer = writable.getWriter();
  try {
    for (const chunk of chunks) await writer.write(chunk);
  } finally {
    writer.releaseLock();
  }
}

/** The model the agent names: a gateway model ID, or what its `"use step"` factory returns. */
async function resolveModel(model: ModelCallRequest["model"]) {
  if (typeof model === "string") return model;
  const resolved: unknown = await model();
  const ok =
    typeof resolved === "string" ||
    (typeof resolved === "object" &&
      resolved !== null &&
      typeof (resolved as { doStream?: unknown }).doStream === "function");
  if (!ok)
    throw new TypeError(
      `DurableAgent: the model factory returned ${resolved === null ? "null" : typeof resolved}, ` +
        `not a language model (an object with doStream(), such as openai("gpt-5")) or a model ID.`,
    );
  return resolved as Parameters<Ai["streamText"]>[0]["model"];
}

/**
 * One model call: `prelude` (chunks owed from before: `start`, the last round's tool outputs)
 * is written first, by the first attempt only and before anything that can fail, so a retry
 * does not write it twice; then the model's output as UI message chunks while it streams. A
 * model error throws, so the step is retried like any other; its `error` chunk is not
 * written, since a retry may still succeed (the agent writes one when it gives up).
 */
export async function modelCallStep(
  writable: WritableStream<UIChunk>,
  request: ModelCallRequest,
): Promise<ModelCallResult> {
  const context = getStepContext();
  if ((context?.step.attempt ?? 1) === 1) {
    await writeAll(writable, request.prelude);
    // Stored before the model is called: a crash from here on retries without the prelude, so
    // it must not be one that is only batched. (A crash between the attempt's start and this
    // flush still loses it: the window is a few milliseconds, not the whole model call.)
    await context?.streams?.flush();
  }
  const ai = await loadAi();
  const model = await resolveModel(request.model);

  const tools = Object.fromEntries(
    Object.entries(request.tools).map(([name, definition]) => [
      name,
      ai.tool({
        ...(definition.description !== undefined ? { description: definition.description } : {}),
        inputSchema: ai.jsonSchema(definition.inputSchema),
      }),
    ]),
  );
  let failure: { error: unknown } | undefined;
  const result = ai.streamText({
    ...(request.settings as object),
    model,
    ...(request.system !== undefined ? { system: request.system } : {}),
    messages: request.messages as Parameters<Ai["streamText"]>[0]["messages"] & object,
    tools,
    ...(request.toolChoice !== undefined ? { toolChoice: request.toolChoice as never } : {}),
    ...(request.activeTools !== undefined ? { activeTools: request.activeTools } : {}),
    // The step's own retries (with their backoff and their record in the log) replace these.
    maxRetries: 0,
    onError: ({ error }: { error: unknown }) => {
      failure ??= { error };
    },
  } as Parameters<Ai["streamText"]>[0]);
  // `start` and `finish` are the agent's: one each per stream(), however many calls and attempts.
  const chunks = result.toUIMessageStream({ sendStart: false, sendFinish: false });
  const writer = writable.getWriter();
  try {
    for await (const chunk of chunks) {
      if (chunk.type !== "error") await writer.write(chunk as UIChunk);
    }
  } finally {
    writer.releaseLock();
  }
  if (failure) throw failure.error;

  const [finishReason, usage, text, reasoningText, toolCalls, response, warnings] =
    await Promise.all([
      result.finishReason,
      result.usage,
      result.text,
      result.reasoningText,
      result.toolCalls,
      result.response,
      result.warnings,
    ]);
  return {
    finishReason,
    usage: usage as ModelCallResult["usage"],
    text,
    ...(reasoningText !== undefined ? { reasoningText } : {}),
    toolCalls: toolCalls.map((call) => ({
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: call.input,
    })),
    responseMessages: response.messages as ModelCallResult["responseMessages"],
    response: { id: response.id, modelId: response.modelId, timestamp: response.timestamp },
    warnings: (warnings ?? []) as unknown[],
  };
}

/** Writes the agent's own chunks, then closes the stream unless the workflow keeps it open. */
export async function writeChunksStep(
  writable: WritableStream<UIChunk>,
  chunks: UIChunk[],
  close: boolean,
): Promise<void> {
  await writeAll(writable, chunks);
  if (close) await writable.close();
}
