/**
 * Who may use the dashboard. On 127.0.0.1 (the default) anyone on this machine may, as with the
 * data directory itself. On any other host the server makes a random access token, printed once
 * by `wf web`: the page asks for it and trades it for a session cookie (HttpOnly,
 * SameSite=Strict); every request without that cookie, the API included, gets 401.
 *
 * Either way the server answers only to its own Host (a page on another site cannot reach it by
 * rebinding a DNS name to 127.0.0.1) and takes writes only as JSON from its own origin (a form
 * on another site cannot post to it).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

const COOKIE = "wf_dashboard";

export interface Access {
  /** The token to print, when one is needed. */
  readonly token: string | undefined;
  /** Whether the request carries a valid session (always true without a token). */
  isAllowed(req: IncomingMessage): boolean;
  /** The Set-Cookie header for a request that presents `token`, or undefined when it is wrong. */
  exchange(token: string): string | undefined;
}

export function createAccess(options: { requireToken: boolean }): Access {
  if (!options.requireToken)
    return { token: undefined, isAllowed: () => true, exchange: () => undefined };
  const token = randomBytes(18).toString("base64url");
  const session = randomBytes(24).toString("base64url");
  return {
    token,
    isAllowed: (req) => sameSecret(readCookie(req, COOKIE), session),
    exchange: (given) =>
      sameSecret(given.trim(), token)
        ? `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`
        : undefined,
  };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/** True when the Host header names this server (`host:port`, or localhost for 127.0.0.1). */
export function isOwnHost(req: IncomingMessage, host: string, port: number): boolean {
  const given = req.headers.host;
  if (!given) return false;
  const names = [host.includes(":") ? `[${host}]` : host];
  if (host === "127.0.0.1" || host === "::1") names.push("localhost");
  if (host === "0.0.0.0" || host === "::") return true; // every name of this machine
  return names.some((name) => given === `${name}:${port}`);
}

/** A write must be JSON (a cross-site form cannot send that) from this origin when it says. */
export function isSameOriginJson(req: IncomingMessage): boolean {
  if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host}`;
}

/** The page that asks for the token (sent with 401). */
export const TOKEN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workflow runs: access token</title>
<style>body{font:16px system-ui,sans-serif;margin:2rem auto;max-width:28rem;padding:0 1rem}input,button{display:block;font:inherit;margin:.5rem 0;width:100%;padding:.4rem}</style></head>
<body><main class="login"><h1>Workflow runs</h1>
<form method="post" action="/auth"><label for="token">Access token (printed by <code>wf web</code>)</label>
<input id="token" name="token" type="password" autocomplete="off" autofocus required>
<button type="submit">Open the dashboard</button></form></main></body></html>`;
