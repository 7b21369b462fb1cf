import { fetch, FatalError } from "workflow";

/** The seed's fetch examples: GET then json(); POST with options. */
export async function getAndPost(base: string) {
  "use workflow";
  // Basic usage
  const response = await fetch(`${base}/data`);
  const data = await response.json();

  // With options
  const created = await fetch(`${base}/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Alice" }),
  });
  return {
    data,
    status: response.status,
    ok: response.ok,
    contentType: response.headers.get("content-type"),
    created: { status: created.status, text: await created.text() },
  };
}

/** Bytes (a clone reads them again), a 404 (not an error: fetch resolves), and a Response handed to a step. */
export async function bytesAndStatus(base: string) {
  "use workflow";
  const binary = await fetch(new URL("/bytes", base));
  const copy = binary.clone();
  const buffer = await binary.arrayBuffer();
  const missing = await fetch(`${base}/missing`);
  const fromStep = await readInStep(await fetch(`${base}/data`));
  return {
    bytes: Array.from(new Uint8Array(buffer)),
    again: (await copy.arrayBuffer()).byteLength,
    missing: { status: missing.status, ok: missing.ok, text: await missing.text() },
    fromStep,
  };
}

/**
 * The Response is a standard one: `instanceof Response`, its body a stream that can be read
 * once, its recorded url; read here first, it still reaches a step unread.
 */
export async function standardResponse(base: string) {
  "use workflow";
  const response = await fetch(`${base}/data`);
  const reader = response.body!.getReader();
  const bytes: number[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes.push(...r.value);
  let readAgain: string;
  try {
    await response.text();
    readAgain = "no error";
  } catch (error) {
    readAgain = (error as Error).name;
  }
  const parsed = await (await fetch(`${base}/data`)).json();
  const binary = await fetch(`${base}/bytes`);
  return {
    isResponse: response instanceof Response,
    ok: response.ok,
    status: response.status,
    url: response.url.replace(base, "<base>"),
    redirected: response.redirected,
    type: response.type,
    header: response.headers.get("x-test"),
    bodyUsed: response.bodyUsed,
    text: new TextDecoder().decode(new Uint8Array(bytes)),
    readAgain,
    // json() and arrayBuffer() give values of the workflow's own realm.
    jsonIsOwnObject: parsed instanceof Object && parsed.items instanceof Array,
    bufferIsOwn: (await binary.arrayBuffer()) instanceof ArrayBuffer,
    fromStep: await readInStep(response),
  };
}

/** A Response returned as the workflow's result. */
export async function returnsResponse(base: string) {
  "use workflow";
  return fetch(`${base}/data`);
}

async function readInStep(response: Response) {
  "use step";
  if (!response.ok) throw new FatalError(`status ${response.status}`);
  return (await response.json()) as unknown;
}

/** A request that cannot connect: the fetch step is retried, then the workflow sees the error. */
export async function unreachable(url: string) {
  "use workflow";
  try {
    await fetch(url);
    return "unexpected";
  } catch (error) {
    return (error as Error).message;
  }
}
