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

/** Bytes, a 404 (not an error: fetch resolves), and a Response handed to a step. */
export async function bytesAndStatus(base: string) {
  "use workflow";
  const binary = await fetch(new URL("/bytes", base));
  const buffer = await binary.arrayBuffer();
  const missing = await fetch(`${base}/missing`);
  const fromStep = await readInStep(await fetch(`${base}/data`));
  return {
    bytes: Array.from(new Uint8Array(buffer)),
    again: (await binary.arrayBuffer()).byteLength,
    missing: { status: missing.status, ok: missing.ok, text: await missing.text() },
    fromStep,
  };
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
