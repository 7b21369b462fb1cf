/**
 * Reads a server-sent event stream of JSON values (the AI SDK's UI message stream: `data: {...}`
 * events, ended by `data: [DONE]`). Browser-safe: Web streams only.
 */
export async function* readJsonEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  const reader = body.pipeThrough(decoder).getReader();
  let buffer = "";
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      buffer += value;
      let boundary: RegExpExecArray | null;
      while ((boundary = /\r?\n\r?\n/.exec(buffer))) {
        const event = buffer.slice(0, boundary.index);
        buffer = buffer.slice(boundary.index + boundary[0].length);
        const data = event
          .split(/\r?\n/)
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(line[5] === " " ? 6 : 5))
          .join("\n");
        if (data === "" || data === "[DONE]") continue;
        yield JSON.parse(data);
      }
    }
  } finally {
    // A reader that stops early (an abort, a parse error) lets go of the connection.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
