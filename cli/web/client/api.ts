/** The page's calls to its server's API (same origin, the session cookie goes along). */
import type { ApiError } from "../api-types.js";

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string): Promise<T> {
  return handle<T>(await fetch(path, { headers: { accept: "application/json" } }));
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return handle<T>(
    await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

async function handle<T>(res: Response): Promise<T> {
  if (res.status === 401) {
    // The session is gone (the server restarted): the page asks for the token again.
    location.reload();
  }
  const body = (await res.json().catch(() => ({}))) as T | ApiError;
  if (!res.ok) {
    const error = body as ApiError;
    throw new ApiCallError(
      res.status,
      error.code ?? "HTTP_" + res.status,
      error.message ?? res.statusText,
    );
  }
  return body as T;
}
