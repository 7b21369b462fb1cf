/**
 * The Response that `fetch` from "workflow" gives a workflow: a real `Response` (in the sandbox,
 * the realm's wrapper of the host's, see sandbox/bridge.ts), rebuilt from what the fetch step
 * recorded: status, headers and the whole body. Reading it needs no I/O and gives the same
 * answer on every replay; like any Response, its body can be read once (`clone()` for more).
 * Defined once for both realms (nothing here may use Node) and registered as a serializable
 * class in each, so it also crosses into steps, and out as a workflow's result, as itself.
 */
// Aliased: under their own names the compiler would also register the class, under an ID made
// from this file's path, which differs between the sandbox bundle and the host.
import {
  registerSerializableClass,
  WORKFLOW_DESERIALIZE as DESERIALIZE,
  WORKFLOW_SERIALIZE as SERIALIZE,
} from "../serialization/class-registry.js";

/** The serialized form (also what the fetch step records). */
export interface FetchResponseData {
  url: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  redirected: boolean;
  type: string;
  body: Uint8Array | null;
}

export const FETCH_RESPONSE_CLASS_ID = "class//__builtin//FetchResponse";

/** Statuses whose Response the constructor refuses to give a body (an empty one included). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export class FetchResponse extends Response {
  readonly #data: FetchResponseData;

  constructor(data: FetchResponseData) {
    // A recorded body is a plain Uint8Array (never over a SharedArrayBuffer).
    const body = data.body as Uint8Array<ArrayBuffer> | null;
    super(NULL_BODY_STATUSES.has(data.status) ? null : body, {
      status: data.status,
      statusText: data.statusText,
      headers: data.headers,
    });
    this.#data = data;
  }

  // The Response constructor cannot set url, redirected and type (they are read-only and come
  // from the network in a real fetch): these getters give the recorded ones instead.
  override get url(): string {
    return this.#data.url;
  }

  override get redirected(): boolean {
    return this.#data.redirected;
  }

  override get type(): ResponseType {
    return this.#data.type as ResponseType;
  }

  /** Parsed with this realm's JSON, so a workflow gets its own realm's objects and arrays. */
  override async json(): Promise<any> {
    return JSON.parse(await this.text());
  }

  /** In this realm's ArrayBuffer (`instanceof ArrayBuffer` holds in the workflow). */
  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new Uint8Array(await super.arrayBuffer());
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return copy.buffer;
  }

  // Not every Node 20 has Response.prototype.bytes.
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  /** Another Response of the same recording; like Response's, refused once the body was read. */
  override clone(): FetchResponse {
    if (this.bodyUsed) throw new TypeError("Response.clone: the body has already been read");
    return new FetchResponse(this.#data);
  }

  // The recording, whether or not this Response's body was read: a step (or the run's caller)
  // gets the response as it came from the network, with its body unread.
  static [SERIALIZE](response: FetchResponse): FetchResponseData {
    return response.#data;
  }

  static [DESERIALIZE](data: FetchResponseData): FetchResponse {
    return new FetchResponse(data);
  }
}

registerSerializableClass(FETCH_RESPONSE_CLASS_ID, FetchResponse);
