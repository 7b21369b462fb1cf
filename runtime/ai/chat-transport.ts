/**
 * `WorkflowChatTransport`: the AI SDK `ChatTransport` for a chat whose answer comes from a
 * workflow run. Sending POSTs the messages (the server starts a run and answers with its
 * stream and an `x-workflow-run-id` header); when the connection drops before the `finish`
 * chunk, it reconnects to `<api>/<runId>/stream?startIndex=<chunks read>` and goes on from
 * the next chunk, so nothing is shown twice or lost. It remembers each chat's run, so that
 * `useChat({ resume: true })` reads `<api>/<runId>/stream` from the start. Browser-safe: fetch
 * and Web streams only.
 */
import { readJsonEvents } from "./sse.js";

/** A UI message chunk as the AI SDK's `useChat` reads it. */
export type UIMessageChunk = { type: string } & Record<string, unknown>;

/** The request `prepareSendMessagesRequest` may rewrite (the AI SDK's shape). */
export interface SendMessagesRequestConfig<UI_MESSAGE> {
  id: string;
  messages: UI_MESSAGE[];
  requestMetadata: unknown;
  body: Record<string, any> | undefined;
  credentials: RequestCredentials | undefined;
  headers: HeadersInit | undefined;
  api: string;
  trigger: "submit-message" | "regenerate-message";
  messageId: string | undefined;
}

export interface ReconnectRequestConfig {
  id: string;
  requestMetadata: unknown;
  body: Record<string, any> | undefined;
  credentials: RequestCredentials | undefined;
  headers: HeadersInit | undefined;
  api: string;
}

type MaybePromise<T> = T | PromiseLike<T>;

export interface WorkflowChatTransportOptions<UI_MESSAGE> {
  /** The chat route: POST starts a run; `<api>/<runId>/stream` reads it. @default "/api/chat" */
  api?: string;
  fetch?: typeof globalThis.fetch;
  /** Connections that may fail in a row (a drop mid-stream counts) before the stream errors. @default 3 */
  maxConsecutiveErrors?: number;
  /** Called with the POST's response (read `x-workflow-run-id` from it to resume later). */
  onChatSendMessage?: (response: Response, options: SendMessagesOptions<UI_MESSAGE>) => unknown;
  /** Called once the `finish` chunk has been read. */
  onChatEnd?: (event: { chatId: string; chunkIndex: number }) => unknown;
  prepareSendMessagesRequest?: (config: SendMessagesRequestConfig<UI_MESSAGE>) => MaybePromise<{
    body?: object;
    headers?: HeadersInit;
    credentials?: RequestCredentials;
    api?: string;
  }>;
  /**
   * Rewrites a reconnection. `config.api` is the stream URL of the chat's run, or the bare
   * `api` when this transport has not sent for the chat (after a page reload): return the
   * stream URL of a run you stored to resume it; leave `api` as it is to resume nothing.
   */
  prepareReconnectToStreamRequest?: (config: ReconnectRequestConfig) => MaybePromise<{
    headers?: HeadersInit;
    credentials?: RequestCredentials;
    api?: string;
  }>;
}

interface RequestOptions {
  headers?: Record<string, string> | Headers;
  body?: object;
  metadata?: unknown;
}

export interface SendMessagesOptions<UI_MESSAGE> extends RequestOptions {
  trigger: "submit-message" | "regenerate-message";
  chatId: string;
  messageId: string | undefined;
  messages: UI_MESSAGE[];
  abortSignal: AbortSignal | undefined;
}

export interface ReconnectToStreamOptions extends RequestOptions {
  chatId: string;
  abortSignal?: AbortSignal;
}

/** The header the chat route sets to the run's ID. */
export const RUN_ID_HEADER = "x-workflow-run-id";

function toStream<T>(source: AsyncGenerator<T>): ReadableStream<T> {
  return new ReadableStream<T>({
    async pull(controller) {
      try {
        const { done, value } = await source.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

const isAbort = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  (error as { name?: unknown }).name === "AbortError";

const delay = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

async function failedResponse(what: string, response: Response): Promise<Error> {
  const text = await response.text().catch(() => "");
  return new Error(
    `${what} failed: ${response.status} ${response.statusText}${text ? `: ${text.slice(0, 500)}` : ""}`,
  );
}

export class WorkflowChatTransport<UI_MESSAGE = unknown> {
  readonly #api: string;
  readonly #fetch: typeof globalThis.fetch;
  readonly #maxConsecutiveErrors: number;
  readonly #options: WorkflowChatTransportOptions<UI_MESSAGE>;
  /** The run that each chat's last send started, until its `finish` chunk is read. */
  readonly #runIds = new Map<string, string>();

  constructor(options: WorkflowChatTransportOptions<UI_MESSAGE> = {}) {
    this.#options = options;
    this.#api = options.api ?? "/api/chat";
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.#maxConsecutiveErrors = options.maxConsecutiveErrors ?? 3;
  }

  /** POSTs the messages and streams the run's chunks, reconnecting if the response drops. */
  async sendMessages(
    options: SendMessagesOptions<UI_MESSAGE>,
  ): Promise<ReadableStream<UIMessageChunk>> {
    const prepared = await this.#options.prepareSendMessagesRequest?.({
      id: options.chatId,
      messages: options.messages,
      requestMetadata: options.metadata,
      body: options.body as Record<string, any> | undefined,
      credentials: undefined,
      headers: options.headers,
      api: this.#api,
      trigger: options.trigger,
      messageId: options.messageId,
    });
    const headers = new Headers(prepared?.headers ?? options.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    const response = await this.#fetch(prepared?.api ?? this.#api, {
      method: "POST",
      headers,
      body: JSON.stringify(
        prepared?.body ?? {
          ...options.body,
          id: options.chatId,
          messages: options.messages,
          trigger: options.trigger,
          messageId: options.messageId,
        },
      ),
      ...(prepared?.credentials !== undefined ? { credentials: prepared.credentials } : {}),
      ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    });
    if (!response.ok || !response.body)
      throw await failedResponse("Sending the chat messages", response);
    const runId = response.headers.get(RUN_ID_HEADER);
    if (!runId)
      throw new Error(
        `The chat route answered without an "${RUN_ID_HEADER}" header: set it to the run's ID ` +
          `(createUIMessageStreamResponse({ stream: run.readable, headers: { "${RUN_ID_HEADER}": run.runId } })).`,
      );
    this.#runIds.set(options.chatId, runId);
    await this.#options.onChatSendMessage?.(response, options);
    return toStream(this.#chunks(options, runId, response.body));
  }

  /**
   * Reads a chat's stream from its start (`useChat({ resume: true })`): the stream of the run
   * that this transport's last send for the chat started, unless
   * `prepareReconnectToStreamRequest` points elsewhere (to a run ID stored across a reload).
   * Null, as the AI SDK's `ChatTransport` has it, when there is nothing to resume: no run is
   * known for the chat, its `finish` chunk was read, or the route answers 204.
   */
  async reconnectToStream(
    options: ReconnectToStreamOptions,
  ): Promise<ReadableStream<UIMessageChunk> | null> {
    const runId = this.#runIds.get(options.chatId);
    const first = await this.#reconnect(options, runId, 0);
    if (!first || first.status === 204) return null;
    if (!first.ok || !first.body)
      throw await failedResponse("Reconnecting to the chat stream", first);
    return toStream(this.#chunks(options, runId, first.body));
  }

  /** The response of `<stream URL>?startIndex=N`; null when no run is known for the chat. */
  async #reconnect(
    options: ReconnectToStreamOptions,
    runId: string | undefined,
    startIndex: number,
  ): Promise<Response | null> {
    // The stream route is keyed by run ID: without one, only the app's hook can name a stream.
    const defaultApi =
      runId === undefined ? this.#api : `${this.#api}/${encodeURIComponent(runId)}/stream`;
    const prepared = await this.#options.prepareReconnectToStreamRequest?.({
      id: options.chatId,
      requestMetadata: options.metadata,
      body: options.body as Record<string, any> | undefined,
      credentials: undefined,
      headers: options.headers,
      api: defaultApi,
    });
    const base = prepared?.api ?? defaultApi;
    if (runId === undefined && base === this.#api) return null;
    const url = `${base}${base.includes("?") ? "&" : "?"}startIndex=${startIndex}`;
    return this.#fetch(url, {
      method: "GET",
      headers: new Headers(prepared?.headers ?? options.headers),
      ...(prepared?.credentials !== undefined ? { credentials: prepared.credentials } : {}),
      ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    });
  }

  /** Every chunk of the run once, across as many connections as it takes to reach `finish`. */
  async *#chunks(
    options: ReconnectToStreamOptions,
    runId: string | undefined,
    firstBody: ReadableStream<Uint8Array>,
  ): AsyncGenerator<UIMessageChunk> {
    let chunkIndex = 0;
    let errors = 0;
    let lastError: unknown;
    let body: ReadableStream<Uint8Array> | undefined = firstBody;
    while (true) {
      let read = 0;
      try {
        body ??= await this.#openStream(options, runId, chunkIndex);
        for await (const chunk of readJsonEvents(body)) {
          chunkIndex++;
          read++;
          errors = 0;
          yield chunk as UIMessageChunk;
          if ((chunk as UIMessageChunk).type === "finish") {
            // The answer is complete: resuming the chat has nothing left to show.
            if (runId !== undefined && this.#runIds.get(options.chatId) === runId)
              this.#runIds.delete(options.chatId);
            await this.#options.onChatEnd?.({ chatId: options.chatId, chunkIndex });
            return;
          }
        }
      } catch (error) {
        if (isAbort(error) || options.abortSignal?.aborted) throw error;
        if (error instanceof HttpError) throw error.cause;
        lastError = error;
        if (++errors >= this.#maxConsecutiveErrors)
          throw new Error(
            `Failed to reconnect after ${errors} consecutive errors. Last error: ${
              error instanceof Error ? error.message : String(error)
            }`,
            { cause: error },
          );
      }
      body = undefined;
      // A stream that ends before `finish` (a proxy's timeout) is read again at once; one that
      // gave nothing, or failed, after a short pause that grows.
      if (read === 0)
        await delay(Math.min(2000, 100 * 2 ** Math.max(0, errors - 1)), options.abortSignal);
      if (options.abortSignal?.aborted)
        throw lastError ?? new DOMException("Aborted", "AbortError");
    }
  }

  async #openStream(
    options: ReconnectToStreamOptions,
    runId: string | undefined,
    startIndex: number,
  ): Promise<ReadableStream<Uint8Array>> {
    const response = await this.#reconnect(options, runId, startIndex);
    if (!response)
      throw new HttpError(
        new Error(
          `Reconnecting to the chat stream failed: prepareReconnectToStreamRequest named no stream ` +
            `for chat "${options.chatId}" (return the stored run's stream URL as \`api\`).`,
        ),
      );
    // The route exists but refuses: no reconnection will change that.
    if (!response.ok || !response.body)
      throw new HttpError(await failedResponse("Reconnecting to the chat stream", response));
    return response.body;
  }
}

/** A refusal from the route (not a dropped connection): not retried. */
class HttpError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}
