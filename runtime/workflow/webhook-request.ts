/**
 * The request a webhook delivers: what the HTTP caller sent (method, URL, headers, body bytes),
 * readable in the workflow and in steps alike. Defined once for both realms (nothing here uses
 * Node) and registered as a serializable class in each, so it crosses the sandbox and the
 * step boundary as itself.
 */
import { WebhookNotManualError } from "../errors/index.js";
import {
  registerSerializableClass,
  WORKFLOW_DESERIALIZE,
  WORKFLOW_SERIALIZE,
} from "../serialization/class-registry.js";
import { USE_STEP } from "../../protocol/symbols.js";
export { WEBHOOK_HELD_HEADERS, WEBHOOK_RESPONDERS } from "../../protocol/symbols.js";
import { WEBHOOK_HELD_HEADERS, WEBHOOK_RESPONDERS } from "../../protocol/symbols.js";

/** What the workflow (and a step it passes the request to) can read. */
export interface RequestWithResponse {
  readonly method: string;
  readonly url: string;
  /**
   * Credentials (`authorization`, `cookie`, `x-api-key`, ...) read `[redacted]` in the workflow,
   * and in a step unless it runs in the process that received the request (within 15 minutes),
   * or the webhook names them in `keepHeaders`. Signature headers are kept.
   */
  readonly headers: Headers;
  text(): Promise<string>;
  json(): Promise<any>;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array>;
  /**
   * Answers the waiting HTTP caller of a `respondWith: "manual"` webhook. Only in a step.
   * @throws WebhookNotManualError for other webhooks: their caller already has its response.
   */
  respondWith(response: Response): void;
}

/** The serialized form. `responseId` is set for manual webhooks: it names the waiting caller. */
export interface WebhookRequestData {
  method: string;
  url: string;
  /** As stored: sensitive values are `[redacted]`. */
  headers: [string, string][];
  body: Uint8Array | null;
  responseId?: string;
  /** Names the redacted headers' real values, held in memory by the process that received them. */
  heldHeadersId?: string;
}

/** Real values of redacted headers, by `heldHeadersId`, until `expiresAt` (ms since epoch). */
export type HeldHeaders = Map<string, { headers: [string, string][]; expiresAt: number }>;

export const WEBHOOK_REQUEST_CLASS_ID = "class//__builtin//WebhookRequest";

type Responders = Map<string, (response: Response) => void>;

export class WebhookRequest implements RequestWithResponse {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly #data: WebhookRequestData;

  constructor(data: WebhookRequestData) {
    this.#data = data;
    this.method = data.method;
    this.url = data.url;
    this.headers = new Headers(data.headers);
    // Outside the sandbox (a step) the redacted values come back while this process holds
    // them. The workflow never sees them: its replays must not depend on which process runs.
    const g = globalThis as Record<symbol, unknown>;
    const held =
      data.heldHeadersId !== undefined && !g[USE_STEP]
        ? (g[WEBHOOK_HELD_HEADERS] as HeldHeaders | undefined)?.get(data.heldHeadersId)
        : undefined;
    if (held && held.expiresAt > Date.now()) {
      for (const [name] of held.headers) this.headers.delete(name);
      for (const [name, value] of held.headers) this.headers.append(name, value);
    }
  }

  text(): Promise<string> {
    return Promise.resolve(this.#data.body ? new TextDecoder().decode(this.#data.body) : "");
  }

  json(): Promise<any> {
    return this.text().then((text) => JSON.parse(text));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes().then((bytes) => bytes.buffer as ArrayBuffer);
  }

  bytes(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#data.body ?? []));
  }

  respondWith(response: Response): void {
    const g = globalThis as Record<symbol, unknown>;
    if (g[USE_STEP]) {
      throw new Error(
        `request.respondWith() must be called from within a step function: pass the request to a step ("use step") and respond there.`,
      );
    }
    if (Object.prototype.toString.call(response) !== "[object Response]") {
      throw new TypeError(`request.respondWith() needs a Response, got ${typeof response}`);
    }
    const id = this.#data.responseId;
    if (id === undefined) throw new WebhookNotManualError();
    (g[WEBHOOK_RESPONDERS] as Responders | undefined)?.get(id)?.(response);
  }

  /** The serialized form (the `workflow-serialize` method below). */
  static toData(request: WebhookRequest): WebhookRequestData {
    return request.#data;
  }
}

// Added after the class, not as static members: the directive compiler registers classes that
// declare these methods under an ID made from the file's path, which differs between the
// sandbox bundle and the host. This class has one fixed ID in every realm.
Object.defineProperties(WebhookRequest, {
  [WORKFLOW_SERIALIZE]: { value: (request: WebhookRequest) => WebhookRequest.toData(request) },
  [WORKFLOW_DESERIALIZE]: { value: (data: WebhookRequestData) => new WebhookRequest(data) },
});
registerSerializableClass(WEBHOOK_REQUEST_CLASS_ID, WebhookRequest);
