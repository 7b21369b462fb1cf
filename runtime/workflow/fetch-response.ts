/**
 * The Response that `fetch` from "workflow" gives a workflow: status, headers and the whole body,
 * recorded by the fetch step, so `json()`, `text()` and `arrayBuffer()` read it without I/O and
 * give the same answer on every replay. Defined once for both realms (nothing here may use Node)
 * and registered as a serializable class in each, so it also crosses into steps as itself.
 */
// Aliased: under their own names the compiler would also register the class, under an ID made
// from this file's path, which differs between the sandbox bundle and the host.
import {
  registerSerializableClass,
  WORKFLOW_DESERIALIZE as DESERIALIZE,
  WORKFLOW_SERIALIZE as SERIALIZE,
} from "../serialization/class-registry.js";

/** The serialized form. */
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

export class FetchResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly redirected: boolean;
  readonly type: string;
  readonly #data: FetchResponseData;

  constructor(data: FetchResponseData) {
    this.#data = data;
    this.url = data.url;
    this.status = data.status;
    this.statusText = data.statusText;
    this.headers = new Headers(data.headers);
    this.redirected = data.redirected;
    this.type = data.type;
  }

  get [Symbol.toStringTag]() {
    return "Response";
  }

  /** Whether the status is 200-299. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** Always false: the body was read once, by the fetch step, and can be read any number of times. */
  get bodyUsed(): boolean {
    return false;
  }

  text(): Promise<string> {
    return Promise.resolve(this.#data.body ? new TextDecoder().decode(this.#data.body) : "");
  }

  json(): Promise<any> {
    return this.text().then((text) => JSON.parse(text));
  }

  bytes(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#data.body ?? []));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes().then((bytes) => bytes.buffer as ArrayBuffer);
  }

  clone(): FetchResponse {
    return new FetchResponse(this.#data);
  }

  static [SERIALIZE](response: FetchResponse): FetchResponseData {
    return response.#data;
  }

  static [DESERIALIZE](data: FetchResponseData): FetchResponse {
    return new FetchResponse(data);
  }
}

registerSerializableClass(FETCH_RESPONSE_CLASS_ID, FetchResponse);
