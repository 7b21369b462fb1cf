import { RequestError } from "./request-error.js";

/** Bodies larger than this are refused (413) unless a handler is given another limit. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * A request's body as bytes (null when it has none), refusing more than `maxBytes`: at once
 * when Content-Length says so, else as soon as the stream passes the limit.
 */
export async function readBody(
  request: Request,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<Uint8Array | null> {
  const tooLarge = () =>
    new RequestError(
      "PAYLOAD_TOO_LARGE",
      `The request body is larger than ${maxBytes} bytes, the limit of this endpoint.`,
    );
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch {
      throw new RequestError("BAD_REQUEST", "The request body could not be read.");
    }
    if (result.done) break;
    size += result.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(result.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
