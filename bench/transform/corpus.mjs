// Deterministic benchmark corpus for bench/transform.
//
// Every file is generated in memory from a fixed seed, so two runs (and two machines) see
// byte-identical inputs. Nothing here is written under bench/ as .ts (tsconfig.json type-checks
// bench/**/*.ts); `node bench/transform/run.mjs --dump DIR` writes the files out for inspection.
//
// Two groups:
//   "plain"      realistic application modules with no directive at all
//   "directives" modules with "use workflow" / "use step": 5-50 steps, nested steps with closures,
//                object-literal tool steps, classes, module-level directives, .ts and .tsx
//
// The inputs stay inside what @workflow/swc-plugin@4.1.3 accepts without a diagnostic, and avoid
// the shapes listed as its defects in shared/reference/transform-rules.md §10 (nested
// function-declaration steps, steps nested in arrow/static workflows, nested function-expression
// steps, anonymous default-export steps, non-identifier object keys).

/** mulberry32: small, fast, deterministic. */
function rngFor(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

const NOUNS = [
  "user",
  "order",
  "invoice",
  "payment",
  "account",
  "session",
  "report",
  "email",
  "profile",
  "cart",
  "product",
  "shipment",
  "review",
  "ticket",
  "project",
  "team",
  "member",
  "document",
  "upload",
  "webhook",
  "coupon",
  "address",
  "subscription",
  "plan",
  "device",
  "region",
  "vendor",
  "warehouse",
  "refund",
  "message",
  "contract",
  "lead",
  "campaign",
  "asset",
  "quote",
  "booking",
];
const VERBS = [
  "fetch",
  "load",
  "validate",
  "create",
  "update",
  "send",
  "notify",
  "charge",
  "refund",
  "compute",
  "sync",
  "archive",
  "resolve",
  "publish",
  "enrich",
  "score",
  "normalize",
  "render",
  "schedule",
  "reserve",
  "verify",
  "index",
  "reconcile",
  "approve",
  "collect",
  "transcode",
  "summarize",
  "classify",
  "dedupe",
  "backfill",
];
const FIELDS = [
  ["id", "string"],
  ["name", "string"],
  ["email", "string"],
  ["status", "Status"],
  ["createdAt", "string"],
  ["updatedAt", "string"],
  ["amount", "number"],
  ["currency", "string"],
  ["quantity", "number"],
  ["tags", "string[]"],
  ["ownerId", "string"],
  ["region", "string"],
  ["priority", "number"],
  ["notes", "string | null"],
  ["archived", "boolean"],
  ["score", "number"],
  ["retries", "number"],
  ["url", "string"],
  ["locale", "string"],
];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const kebab = (s) => s.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/** Hands out unique camelCase names `verbNoun`, `verbNoun2`, ... per file. */
function namer(rng) {
  const used = new Set();
  return (verb = rng.pick(VERBS), noun = rng.pick(NOUNS)) => {
    const base = verb + cap(noun);
    let name = base;
    for (let i = 2; used.has(name); i++) name = base + i;
    used.add(name);
    return { name, verb, noun };
  };
}

function interfaceFor(rng, typeName, nFields) {
  const fields = [["id", "string"]];
  while (fields.length < nFields) {
    const f = rng.pick(FIELDS);
    if (!fields.some(([n]) => n === f[0])) fields.push(f);
  }
  return [
    `export interface ${typeName} {`,
    ...fields.map(([n, t]) => `  ${n}${rng.chance(0.2) ? "?" : ""}: ${t};`),
    `}`,
  ];
}

/** A realistic step (or helper) body, without the directive. `param` is the input's name. */
function stepBody(rng, name, noun, param, extra = 0) {
  const N = cap(noun);
  const variant = rng.int(0, 4);
  const lines = [];
  if (variant === 0) {
    lines.push(
      `const res = await fetch(\`\${API_BASE}/${noun}s/\${${param}.id}/${kebab(name)}\`, {`,
      `  method: "POST",`,
      `  headers: { "content-type": "application/json", authorization: \`Bearer \${process.env.API_TOKEN}\` },`,
      `  body: JSON.stringify(${param}),`,
      `});`,
      `if (!res.ok) {`,
      `  if (res.status >= 400 && res.status < 500) {`,
      `    throw new FatalError(\`${name} rejected: \${res.status} \${await res.text()}\`);`,
      `  }`,
      `  throw new Error(\`${name} failed with \${res.status}\`);`,
      `}`,
      `const data = (await res.json()) as ${N}Record;`,
      `return { ...data, updatedAt: new Date().toISOString() };`,
    );
  } else if (variant === 1) {
    lines.push(
      `const existing = await db.${noun}.findUnique({ where: { id: ${param}.id } });`,
      `if (!existing) {`,
      `  throw new FatalError(\`${noun} \${${param}.id} not found\`);`,
      `}`,
      `const next = await db.${noun}.update({`,
      `  where: { id: existing.id },`,
      `  data: { status: "${rng.pick(["active", "pending", "done", "failed"])}", updatedAt: new Date().toISOString() },`,
      `});`,
      `logger.info("${name}", { id: next.id, status: next.status });`,
      `return next;`,
    );
  } else if (variant === 2) {
    lines.push(
      `const items = await db.${noun}.findMany({ where: { ownerId: ${param}.id }, take: ${rng.int(10, 500)} });`,
      `let total = 0;`,
      `const byStatus = new Map<string, number>();`,
      `for (const item of items) {`,
      `  total += item.amount ?? 0;`,
      `  byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);`,
      `}`,
      `const summary = [...byStatus.entries()].map(([status, count]) => ({ status, count }));`,
      `return { id: ${param}.id, total: Math.round(total * 100) / 100, summary } as unknown as ${N}Record;`,
    );
  } else if (variant === 3) {
    lines.push(
      `const recipient = ${param}.email ?? (await lookupEmail(${param}.id));`,
      `const { data, error } = await mailer.emails.send({`,
      `  from: "Acme <noreply@acme.test>",`,
      `  to: [recipient],`,
      `  subject: \`${cap(kebab(name).replace(/-/g, " "))}: \${${param}.id}\`,`,
      `  html: renderTemplate("${kebab(name)}", { ...${param}, sentAt: Date.now() }),`,
      `});`,
      `if (error) {`,
      `  throw new RetryableError(error.message, { retryAfter: "${rng.int(5, 60)}s" });`,
      `}`,
      `return { id: data?.id ?? ${param}.id, status: "sent" } as ${N}Record;`,
    );
  } else {
    lines.push(
      `const started = performance.now();`,
      `const batch = ${param}.tags?.length ? ${param}.tags : ["default"];`,
      `const results: string[] = [];`,
      `for (const tag of batch) {`,
      `  const key = \`${noun}:\${${param}.id}:\${tag}\`;`,
      `  const cached = await cache.get(key);`,
      `  if (cached) {`,
      `    results.push(cached);`,
      `    continue;`,
      `  }`,
      `  const value = await compute${N}(${param}.id, tag);`,
      `  await cache.set(key, value, { ttl: ${rng.int(60, 3600)} });`,
      `  results.push(value);`,
      `}`,
      `metrics.histogram("${kebab(name)}.ms", performance.now() - started);`,
      `return { id: ${param}.id, tags: results } as unknown as ${N}Record;`,
    );
  }
  const base = rng.int(0, 2);
  for (let i = 0; i < Math.min(extra, 3); i++) {
    const k = (base + i) % 3; // each guard at most once: they declare locals
    // Guard clauses go first: inserting anywhere else could split a multi-line statement.
    const at = 0;
    const block =
      k === 0
        ? [
            `if (${param}.priority !== undefined && ${param}.priority > ${rng.int(1, 9)}) {`,
            `  logger.warn("${name}: high priority", { id: ${param}.id, priority: ${param}.priority });`,
            `  await audit.record({ kind: "${kebab(name)}", subject: ${param}.id, at: Date.now() });`,
            `}`,
          ]
        : k === 1
          ? [
              `const attempts = ${param}.retries ?? 0;`,
              `if (attempts > ${rng.int(3, 10)}) {`,
              `  throw new FatalError(\`${name}: too many attempts (\${attempts})\`);`,
              `}`,
            ]
          : [
              `const labels = (${param}.tags ?? []).filter((t) => t.startsWith("${noun.slice(0, 3)}")).map((t) => t.toUpperCase());`,
              `logger.debug("${name} labels", { labels, region: ${param}.region ?? "us-east-1" });`,
            ];
    lines.splice(at, 0, ...block);
  }
  return lines;
}

const indent = (lines, n) => lines.map((l) => (l ? " ".repeat(n) + l : l));

/** `async function name(input: NInput): Promise<NRecord> { "use step"; ... }` */
function stepDecl(rng, { name, noun }, { exported = false, extra = 0, quote = '"' } = {}) {
  const N = cap(noun);
  return [
    `${exported ? "export " : ""}async function ${name}(input: ${N}Input): Promise<${N}Record> {`,
    `  ${quote}use step${quote};`,
    ...indent(stepBody(rng, name, noun, "input", extra), 2),
    `}`,
    ``,
  ];
}

function stepConst(rng, { name, noun }, { exported = false, extra = 0 } = {}) {
  const N = cap(noun);
  return [
    `${exported ? "export " : ""}const ${name} = async (input: ${N}Input): Promise<${N}Record> => {`,
    `  "use step";`,
    ...indent(stepBody(rng, name, noun, "input", extra), 2),
    `};`,
    ``,
  ];
}

/** Types + imports every directive file shares. */
function preamble(nouns, rng, { tsx = false, extraImports = [] } = {}) {
  const lines = [
    `import { FatalError, RetryableError, sleep } from "workflow";`,
    `import { db } from "@/lib/db";`,
    `import { logger, metrics, audit } from "@/lib/observability";`,
    `import { cache } from "@/lib/cache";`,
    `import { mailer, renderTemplate, lookupEmail } from "@/lib/mail";`,
    ...extraImports,
    ``,
    `const API_BASE = process.env.API_BASE ?? "https://api.acme.test/v2";`,
    ``,
    `type Status = "active" | "pending" | "done" | "failed";`,
    ``,
  ];
  if (tsx) lines.unshift(`import * as React from "react";`);
  for (const noun of [...new Set(nouns)]) {
    const N = cap(noun);
    lines.push(...interfaceFor(rng, `${N}Input`, rng.int(4, 8)), ``);
    lines.push(...interfaceFor(rng, `${N}Record`, rng.int(5, 10)), ``);
    lines.push(`declare function compute${N}(id: string, tag: string): Promise<string>;`, ``);
  }
  return lines;
}

/** A workflow body calling `steps` in order with some control flow. */
function workflowBody(rng, steps, param = "input", nested = []) {
  const lines = [`const startedAt = Date.now();`, `const results: unknown[] = [];`];
  let i = 0;
  for (const s of steps) {
    const N = cap(s.noun);
    const arg = `{ ...${param}, id: ${param}.id } as ${N}Input`;
    const shape = rng.int(0, 5);
    if (shape === 0 && i > 0) {
      lines.push(`await sleep("${rng.int(1, 30)}${rng.pick(["s", "m", "h"])}");`);
    }
    if (shape === 1) {
      lines.push(
        `try {`,
        `  results.push(await ${s.name}(${arg}));`,
        `} catch (err) {`,
        `  logger.error("${s.name} failed", { err: String(err), step: ${i} });`,
        `  if (err instanceof FatalError) throw err;`,
        `}`,
      );
    } else if (shape === 2) {
      lines.push(
        `for (const tag of ${param}.tags ?? []) {`,
        `  results.push(await ${s.name}({ ...${arg}, tags: [tag] }));`,
        `}`,
      );
    } else if (shape === 3) {
      lines.push(
        `const r${i} = await ${s.name}(${arg});`,
        `if (!r${i}) return { ok: false, at: ${i} };`,
        `results.push(r${i});`,
      );
    } else {
      lines.push(`results.push(await ${s.name}(${arg}));`);
    }
    i++;
  }
  for (const n of nested) lines.push(...n.call);
  lines.push(`return { ok: true, count: results.length, tookMs: Date.now() - startedAt };`);
  return lines;
}

function workflowDecl(rng, name, noun, steps, { exported = true, nested = [] } = {}) {
  const N = cap(noun);
  const lines = [
    `${exported ? "export " : ""}async function ${name}(input: ${N}Input) {`,
    `  "use workflow";`,
  ];
  for (const n of nested) lines.push(...indent(n.decl, 2));
  lines.push(...indent(workflowBody(rng, steps, "input", nested), 2), `}`, ``);
  return lines;
}

/** Nested arrow step inside a workflow capturing workflow locals (closure vars). */
function nestedArrowStep(rng, parentNoun, idx) {
  const name =
    rng.pick(["notify", "record", "persist", "emit", "track", "flush"]) +
    cap(rng.pick(NOUNS)) +
    idx;
  const channel = `channel${idx}`;
  return {
    decl: [
      `const ${channel} = \`#\${input.id}-${rng.pick(["ops", "billing", "alerts", "growth"])}\`;`,
      `let attempt${idx} = 0;`,
      `const ${name} = async (message: string, level: "info" | "warn" = "info") => {`,
      `  "use step";`,
      `  const payload = { channel: ${channel}, text: \`[\${level}] \${message}\`, attempt: attempt${idx} };`,
      `  const res = await fetch(process.env.SLACK_WEBHOOK_URL!, { method: "POST", body: JSON.stringify(payload) });`,
      `  if (!res.ok) throw new Error(\`slack \${res.status}\`);`,
      `  return { delivered: true, channel: ${channel} };`,
      `};`,
    ],
    call: [`attempt${idx}++;`, `await ${name}(\`${parentNoun} step ${idx} finished\`);`],
  };
}

/** `await Promise.all(list.map(async (x) => { "use step"; ... }))` inside a workflow. */
function nestedCallbackStep(rng, idx) {
  const noun = rng.pick(NOUNS);
  return {
    decl: [],
    call: [
      `const lines${idx} = (input.tags ?? []).map((tag, position) => ({ tag, position }));`,
      `const reserved${idx} = await Promise.all(`,
      `  lines${idx}.map(async (line) => {`,
      `    "use step";`,
      `    const hold = await db.${noun}.create({ data: { tag: line.tag, position: line.position, ownerId: input.id } });`,
      `    return hold.id;`,
      `  }),`,
      `);`,
      `results.push(reserved${idx});`,
    ],
  };
}

// ------------------------------------------------------------------------------------------------
// Files without directives
// ------------------------------------------------------------------------------------------------

function plainConstants() {
  return `// Application-wide constants.
export const APP_NAME = "Acme Cloud";
export const DEFAULT_LOCALE = "en-US";
export const SUPPORTED_LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export enum Role {
  Owner = "owner",
  Admin = "admin",
  Member = "member",
  Viewer = "viewer",
}

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Owner]: "Owner",
  [Role.Admin]: "Administrator",
  [Role.Member]: "Member",
  [Role.Viewer]: "Read-only",
};

export const TIMEOUTS = { request: 10_000, upload: 120_000, idle: 15 * 60_000 } as const;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (Object.values(Role) as string[]).includes(value);
}
`;
}

function plainUserCard() {
  return `import { useEffect, useMemo, useState } from "react";
import type { User } from "@/lib/types";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { formatRelative } from "@/lib/format";

export interface UserCardProps {
  user: User;
  compact?: boolean;
  onSelect?: (id: string) => void;
}

export function UserCard({ user, compact = false, onSelect }: UserCardProps) {
  const [presence, setPresence] = useState<"online" | "away" | "offline">("offline");
  const [expanded, setExpanded] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const timer = setInterval(async () => {
      const res = await fetch(\`/api/presence/\${user.id}\`);
      if (!cancelled && res.ok) setPresence((await res.json()).state);
    }, 30_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [user.id]);

  const initials = useMemo(
    () =>
      user.name
        .split(/\\s+/)
        .map((part) => part[0]?.toUpperCase() ?? "")
        .join("")
        .slice(0, 2),
    [user.name],
  );

  return (
    <div
      className={compact ? "user-card user-card--compact" : "user-card"}
      role="button"
      tabIndex={0}
      onClick={() => onSelect?.(user.id)}
      onKeyDown={(e) => e.key === "Enter" && onSelect?.(user.id)}
    >
      <Avatar src={user.avatarUrl} fallback={initials} status={presence} />
      <div className="user-card__body">
        <h3 className="user-card__name">{user.name}</h3>
        {!compact && <p className="user-card__email">{user.email}</p>}
        <div className="user-card__meta">
          {user.roles.map((role) => (
            <Badge key={role} variant={role === "owner" ? "primary" : "secondary"}>
              {role}
            </Badge>
          ))}
          <span className="user-card__seen">last seen {formatRelative(user.lastSeenAt)}</span>
        </div>
        {expanded ? (
          <p className="user-card__bio">{user.bio}</p>
        ) : (
          <button type="button" onClick={(e) => (e.stopPropagation(), setExpanded(true))}>
            Show more
          </button>
        )}
      </div>
    </div>
  );
}
`;
}

function plainFormat(rng) {
  const out = [
    `// Formatting and collection helpers shared by server and client code.`,
    `const currencyFormatters = new Map<string, Intl.NumberFormat>();`,
    ``,
    `export function formatCurrency(amount: number, currency = "USD", locale = "en-US"): string {`,
    `  const key = \`\${locale}:\${currency}\`;`,
    `  let fmt = currencyFormatters.get(key);`,
    `  if (!fmt) {`,
    `    fmt = new Intl.NumberFormat(locale, { style: "currency", currency });`,
    `    currencyFormatters.set(key, fmt);`,
    `  }`,
    `  return fmt.format(amount);`,
    `}`,
    ``,
    `export function formatRelative(iso: string, now = Date.now()): string {`,
    `  const diff = Math.round((new Date(iso).getTime() - now) / 1000);`,
    `  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });`,
    `  const units: [Intl.RelativeTimeFormatUnit, number][] = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];`,
    `  for (const [unit, secs] of units) {`,
    `    if (Math.abs(diff) >= secs) return rtf.format(Math.round(diff / secs), unit);`,
    `  }`,
    `  return rtf.format(diff, "second");`,
    `}`,
    ``,
    `export function slugify(input: string): string {`,
    `  return input.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");`,
    `}`,
    ``,
    `export function chunk<T>(items: readonly T[], size: number): T[][] {`,
    `  const out: T[][] = [];`,
    `  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));`,
    `  return out;`,
    `}`,
    ``,
    `export function groupBy<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T) => K): Record<K, T[]> {`,
    `  const out = {} as Record<K, T[]>;`,
    `  for (const item of items) (out[key(item)] ??= []).push(item);`,
    `  return out;`,
    `}`,
    ``,
    `export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {`,
    `  let timer: ReturnType<typeof setTimeout> | undefined;`,
    `  return (...args: A) => {`,
    `    clearTimeout(timer);`,
    `    timer = setTimeout(() => fn(...args), ms);`,
    `  };`,
    `}`,
    ``,
  ];
  for (const noun of NOUNS.slice(0, 12)) {
    const N = cap(noun);
    out.push(
      `export function format${N}Label(${noun}: { id: string; name?: string; status?: string }): string {`,
      `  const name = ${noun}.name?.trim() || \`${N} \${${noun}.id.slice(0, ${rng.int(6, 10)})}\`;`,
      `  return ${noun}.status ? \`\${name} (\${${noun}.status})\` : name;`,
      `}`,
      ``,
    );
  }
  return out.join("\n");
}

function plainApiClient(rng) {
  const out = [
    `import type { Paginated, RequestOptions } from "./types";`,
    ``,
    `export class ApiError extends Error {`,
    `  constructor(public readonly status: number, message: string, public readonly body?: unknown) {`,
    `    super(message);`,
    `    this.name = "ApiError";`,
    `  }`,
    `}`,
    ``,
    `export class ApiClient {`,
    `  #token: string | undefined;`,
    `  constructor(private readonly baseUrl: string, token?: string) {`,
    `    this.#token = token;`,
    `  }`,
    ``,
    `  setToken(token: string | undefined) {`,
    `    this.#token = token;`,
    `  }`,
    ``,
    `  private async request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {`,
    `    const res = await fetch(this.baseUrl + path, {`,
    `      method,`,
    `      signal: opts.signal,`,
    `      headers: { "content-type": "application/json", ...(this.#token ? { authorization: \`Bearer \${this.#token}\` } : {}) },`,
    `      body: body === undefined ? undefined : JSON.stringify(body),`,
    `    });`,
    `    if (!res.ok) throw new ApiError(res.status, \`\${method} \${path} -> \${res.status}\`, await res.text());`,
    `    return (await res.json()) as T;`,
    `  }`,
    ``,
  ];
  for (const noun of NOUNS.slice(0, 16)) {
    const N = cap(noun);
    out.push(
      `  list${N}s(params: { cursor?: string; limit?: number } = {}, opts?: RequestOptions) {`,
      `    const q = new URLSearchParams({ limit: String(params.limit ?? ${rng.pick([20, 50, 100])}) });`,
      `    if (params.cursor) q.set("cursor", params.cursor);`,
      `    return this.request<Paginated<${N}>>("GET", \`/${noun}s?\${q}\`, undefined, opts);`,
      `  }`,
      ``,
      `  get${N}(id: string, opts?: RequestOptions) {`,
      `    return this.request<${N}>("GET", \`/${noun}s/\${encodeURIComponent(id)}\`, undefined, opts);`,
      `  }`,
      ``,
      `  async update${N}(id: string, patch: Partial<${N}>, opts?: RequestOptions): Promise<${N}> {`,
      `    return this.request<${N}>("PATCH", \`/${noun}s/\${encodeURIComponent(id)}\`, patch, opts);`,
      `  }`,
      ``,
    );
  }
  out.push(`}`, ``);
  for (const noun of NOUNS.slice(0, 16))
    out.push(`export interface ${cap(noun)} { id: string; [key: string]: unknown }`);
  return out.join("\n") + "\n";
}

function plainRoutes(rng) {
  const out = [
    `import { Router, type Request, type Response, type NextFunction } from "express";`,
    `import { z } from "zod";`,
    `import { db } from "@/lib/db";`,
    `import { requireAuth } from "@/server/auth";`,
    ``,
    `export const router = Router();`,
    ``,
    `const asyncHandler =`,
    `  (fn: (req: Request, res: Response) => Promise<void>) =>`,
    `  (req: Request, res: Response, next: NextFunction) =>`,
    `    fn(req, res).catch(next);`,
    ``,
  ];
  for (const noun of NOUNS.slice(0, 14)) {
    const N = cap(noun);
    out.push(
      `const ${noun}Body = z.object({ name: z.string().min(1).max(${rng.int(60, 200)}), tags: z.array(z.string()).default([]), priority: z.number().int().min(0).max(9).optional() });`,
      ``,
      `router.get("/${noun}s", requireAuth, asyncHandler(async (req, res) => {`,
      `  const limit = Math.min(Number(req.query.limit ?? 50), 200);`,
      `  const rows = await db.${noun}.findMany({ where: { ownerId: req.user!.id }, take: limit, orderBy: { createdAt: "desc" } });`,
      `  res.json({ data: rows, next: rows.length === limit ? rows[rows.length - 1]!.id : null });`,
      `}));`,
      ``,
      `router.post("/${noun}s", requireAuth, asyncHandler(async (req, res) => {`,
      `  const parsed = ${noun}Body.safeParse(req.body);`,
      `  if (!parsed.success) {`,
      `    res.status(400).json({ error: parsed.error.flatten() });`,
      `    return;`,
      `  }`,
      `  const created = await db.${noun}.create({ data: { ...parsed.data, ownerId: req.user!.id } });`,
      `  res.status(201).json(created);`,
      `}));`,
      ``,
      `export async function handle${N}Webhook(payload: unknown): Promise<{ ok: boolean }> {`,
      `  const event = payload as { type: string; id: string };`,
      `  if (event.type !== "${noun}.updated") return { ok: false };`,
      `  await db.${noun}.update({ where: { id: event.id }, data: { syncedAt: new Date() } });`,
      `  return { ok: true };`,
      `}`,
      ``,
    );
  }
  return out.join("\n");
}

function plainDashboard(rng) {
  const out = [
    `"use client";`,
    ``,
    `import { useCallback, useEffect, useMemo, useReducer, useState } from "react";`,
    `import { Card, CardHeader, CardBody } from "@/components/ui/card";`,
    `import { Sparkline } from "@/components/charts/sparkline";`,
    `import { formatCurrency, formatRelative } from "@/lib/format";`,
    ``,
    `type Range = "24h" | "7d" | "30d";`,
    ``,
  ];
  const widgets = [];
  for (let i = 0; i < 14; i++) {
    const noun = NOUNS[(i * 7) % NOUNS.length];
    const N = cap(noun);
    const W = `${N}Widget${i}`;
    widgets.push(W);
    out.push(
      `interface ${W}Props {`,
      `  range: Range;`,
      `  onDrill?: (id: string) => void;`,
      `}`,
      ``,
      `export function ${W}({ range, onDrill }: ${W}Props) {`,
      `  const [rows, setRows] = useState<Array<{ id: string; label: string; value: number; at: string }>>([]);`,
      `  const [error, setError] = useState<string | null>(null);`,
      `  useEffect(() => {`,
      `    const ctrl = new AbortController();`,
      `    fetch(\`/api/metrics/${noun}s?range=\${range}\`, { signal: ctrl.signal })`,
      `      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))`,
      `      .then(setRows, (e) => !ctrl.signal.aborted && setError(String(e)));`,
      `    return () => ctrl.abort();`,
      `  }, [range]);`,
      `  const total = useMemo(() => rows.reduce((sum, r) => sum + r.value, 0), [rows]);`,
      `  if (error) return <Card tone="danger">Could not load ${noun}s: {error}</Card>;`,
      `  return (`,
      `    <Card>`,
      `      <CardHeader title="${N}s" subtitle={\`\${rows.length} in the last \${range}\`} />`,
      `      <CardBody>`,
      `        <Sparkline points={rows.map((r) => r.value)} height={${rng.int(24, 64)}} />`,
      `        <p className="total">{${rng.chance(0.5) ? "formatCurrency(total)" : "total.toLocaleString()"}}</p>`,
      `        <table className="rows">`,
      `          <tbody>`,
      `            {rows.slice(0, ${rng.int(5, 12)}).map((r) => (`,
      `              <tr key={r.id} onClick={() => onDrill?.(r.id)}>`,
      `                <td>{r.label}</td>`,
      `                <td className="num">{r.value}</td>`,
      `                <td className="muted">{formatRelative(r.at)}</td>`,
      `              </tr>`,
      `            ))}`,
      `          </tbody>`,
      `        </table>`,
      `      </CardBody>`,
      `    </Card>`,
      `  );`,
      `}`,
      ``,
    );
  }
  out.push(
    `type State = { range: Range; drill: string | null };`,
    `type Action = { type: "range"; range: Range } | { type: "drill"; id: string | null };`,
    `function reducer(state: State, action: Action): State {`,
    `  switch (action.type) {`,
    `    case "range":`,
    `      return { ...state, range: action.range };`,
    `    case "drill":`,
    `      return { ...state, drill: action.id };`,
    `  }`,
    `}`,
    ``,
    `export default function Dashboard() {`,
    `  const [state, dispatch] = useReducer(reducer, { range: "7d", drill: null });`,
    `  const onDrill = useCallback((id: string) => dispatch({ type: "drill", id }), []);`,
    `  return (`,
    `    <main className="dashboard">`,
    `      <nav>`,
    `        {(["24h", "7d", "30d"] as const).map((r) => (`,
    `          <button key={r} aria-pressed={state.range === r} onClick={() => dispatch({ type: "range", range: r })}>`,
    `            {r}`,
    `          </button>`,
    `        ))}`,
    `      </nav>`,
    `      <section className="grid">`,
    ...widgets.map((w) => `        <${w} range={state.range} onDrill={onDrill} />`),
    `      </section>`,
    `    </main>`,
    `  );`,
    `}`,
    ``,
  );
  return out.join("\n");
}

function plainReducers(rng) {
  const out = [`import type { Draft } from "immer";`, `import { produce } from "immer";`, ``];
  for (let i = 0; i < 26; i++) {
    const noun = NOUNS[i % NOUNS.length];
    const N = cap(noun) + (i >= NOUNS.length ? "V2" : "");
    const actions = VERBS.slice(i % 10, (i % 10) + 6);
    out.push(
      `export interface ${N}State {`,
      `  byId: Record<string, { id: string; name: string; status: string; version: number }>;`,
      `  order: string[];`,
      `  loading: boolean;`,
      `  error: string | null;`,
      `}`,
      ``,
      `export type ${N}Action =`,
      ...actions.map(
        (v, j) =>
          `  ${j === 0 ? " " : "|"} { type: "${noun}/${v}"; payload: { id: string; name?: string; status?: string } }`,
      ),
      `  | { type: "${noun}/failed"; error: string };`,
      ``,
      `export const initial${N}State: ${N}State = { byId: {}, order: [], loading: false, error: null };`,
      ``,
      `export const ${noun}${i}Reducer = produce((draft: Draft<${N}State>, action: ${N}Action) => {`,
      `  switch (action.type) {`,
      ...actions.flatMap((v) => [
        `    case "${noun}/${v}": {`,
        `      const prev = draft.byId[action.payload.id];`,
        `      draft.byId[action.payload.id] = {`,
        `        id: action.payload.id,`,
        `        name: action.payload.name ?? prev?.name ?? "",`,
        `        status: action.payload.status ?? "${rng.pick(["idle", "ready", "synced", "stale"])}",`,
        `        version: (prev?.version ?? 0) + 1,`,
        `      };`,
        `      if (!prev) draft.order.push(action.payload.id);`,
        `      draft.loading = false;`,
        `      break;`,
        `    }`,
      ]),
      `    case "${noun}/failed":`,
      `      draft.loading = false;`,
      `      draft.error = action.error;`,
      `      break;`,
      `  }`,
      `}, initial${N}State);`,
      ``,
    );
  }
  return out.join("\n");
}

/** Exactly 2,000 lines of generated schema code (types, enums, validators, lookup tables). */
function plainGeneratedSchema(rng) {
  const out = [
    `/* eslint-disable */`,
    `// This file was generated by schema-codegen. Do not edit by hand.`,
    `// Source: schema/v7.graphql`,
    ``,
    `export type Scalar = string | number | boolean | null;`,
    ``,
  ];
  let m = 0;
  while (out.length < 1990) {
    const noun = NOUNS[m % NOUNS.length];
    const T = cap(noun) + "Model" + m;
    const fields = [];
    const nf = rng.int(6, 12);
    for (let f = 0; f < nf; f++) {
      const [n, t] = FIELDS[(m + f * 3) % FIELDS.length];
      if (!fields.some(([x]) => x === n)) fields.push([n, t === "Status" ? `${T}Status` : t]);
    }
    out.push(
      `export enum ${T}Status { Active = "ACTIVE", Pending = "PENDING", Done = "DONE", Failed = "FAILED" }`,
      ``,
      `export interface ${T} {`,
      `  __typename: "${T}";`,
      ...fields.map(([n, t]) => `  ${n}: ${t};`),
      `}`,
      ``,
      `export const ${T}Fields = [${fields.map(([n]) => `"${n}"`).join(", ")}] as const;`,
      ``,
      `export function is${T}(value: unknown): value is ${T} {`,
      `  if (typeof value !== "object" || value === null) return false;`,
      `  const v = value as Record<string, unknown>;`,
      ...fields.map(([n, t]) =>
        t.endsWith("[]")
          ? `  if (!Array.isArray(v.${n})) return false;`
          : t === "number" || t === "string" || t === "boolean"
            ? `  if (typeof v.${n} !== "${t}") return false;`
            : `  if (!("${n}" in v)) return false;`,
      ),
      `  return v.__typename === "${T}";`,
      `}`,
      ``,
      `export const ${T}Defaults: Partial<${T}> = { ${fields
        .filter(([, t]) => t === "number" || t === "boolean")
        .map(([n, t]) => `${n}: ${t === "number" ? rng.int(0, 100) : "false"}`)
        .join(", ")} };`,
      ``,
    );
    m++;
  }
  while (out.length < 1999)
    out.push(`export const SCHEMA_PADDING_${out.length} = ${rng.int(0, 1e6)};`);
  out.push(`export const SCHEMA_MODEL_COUNT = ${m};`);
  return out.join("\n") + "\n";
}

// ------------------------------------------------------------------------------------------------
// Files with directives
// ------------------------------------------------------------------------------------------------

function wfWelcome() {
  // Small and hand-written: five short steps and the workflow that runs them.
  return `import { sleep } from "workflow";
import { db } from "@/lib/db";
import { mailer } from "@/lib/mail";

async function createAccount(email: string) {
  "use step";
  return db.user.create({ data: { email, plan: "trial" } });
}

async function sendWelcome(userId: string, email: string) {
  'use step';
  await mailer.send({ to: email, template: "welcome", vars: { userId } });
}

async function createWorkspace(userId: string) {
  "use step";
  return db.workspace.create({ data: { ownerId: userId, name: "My workspace" } });
}

async function sendTips(email: string, day: number) {
  "use step";
  await mailer.send({ to: email, template: \`tips-day-\${day}\` });
}

async function markActivated(userId: string) {
  "use step";
  await db.user.update({ where: { id: userId }, data: { activatedAt: new Date() } });
}

export async function welcome(email: string) {
  "use workflow";
  const user = await createAccount(email);
  await sendWelcome(user.id, email);
  const ws = await createWorkspace(user.id);
  for (const day of [1, 3, 7]) {
    await sleep(\`\${day}d\`);
    await sendTips(email, day);
  }
  await markActivated(user.id);
  return { userId: user.id, workspaceId: ws.id };
}
`;
}

function wfOrder(rng) {
  const next = namer(rng);
  const steps = [];
  for (let i = 0; i < 15; i++)
    steps.push(
      next(undefined, rng.pick(["order", "payment", "shipment", "invoice", "cart", "product"])),
    );
  const out = preamble(steps.map((s) => s.noun).concat("order"), rng);
  steps.forEach((s, i) =>
    out.push(
      ...(i % 3 === 2
        ? stepConst(rng, s, { exported: i % 2 === 0 })
        : stepDecl(rng, s, { exported: i % 4 === 0 })),
    ),
  );
  out.push(
    ...workflowDecl(rng, "fulfilOrder", "order", steps.slice(0, 9), {
      nested: [nestedArrowStep(rng, "order", 0), nestedCallbackStep(rng, 1)],
    }),
    ...workflowDecl(rng, "refundOrder", "order", steps.slice(9), {
      nested: [nestedArrowStep(rng, "refund", 2)],
    }),
  );
  return out.join("\n");
}

function wfAgent(rng) {
  const out = preamble(["lead", "document", "ticket"], rng, {
    extraImports: [`import { tool } from "ai";`, `import { z } from "zod";`],
  });
  const toolNames = [
    "searchDocs",
    "lookupCustomer",
    "createTicket",
    "summarizeThread",
    "translateText",
    "fetchWeather",
    "scheduleCall",
    "draftReply",
  ];
  out.push(`export const tools = {`);
  for (const t of toolNames) {
    const noun = rng.pick(["lead", "document", "ticket"]);
    out.push(
      `  ${t}: tool({`,
      `    description: "${cap(kebab(t).replace(/-/g, " "))} for the support agent",`,
      `    inputSchema: z.object({ id: z.string(), query: z.string().optional(), limit: z.number().int().max(${rng.int(5, 50)}).optional() }),`,
      `    execute: async (input: ${cap(noun)}Input) => {`,
      `      "use step";`,
      ...indent(stepBody(rng, t, noun, "input", rng.int(0, 1)), 6),
      `    },`,
      `  }),`,
    );
  }
  out.push(`};`, ``);
  out.push(
    `const agentConfig = {`,
    `  model: "gpt-5-mini",`,
    `  maxSteps: 12,`,
    `  integrations: {`,
  );
  for (const g of ["crm", "billing", "calendar"]) {
    out.push(`    ${g}: {`);
    for (const m of ["sync", "push"]) {
      out.push(
        `      async ${m}(input: LeadInput) {`,
        `        "use step";`,
        ...indent(stepBody(rng, `${g}${cap(m)}`, "lead", "input"), 8),
        `      },`,
      );
    }
    out.push(`    },`);
  }
  out.push(`  },`, `};`, ``);
  out.push(
    `export async function supportAgent(input: TicketInput) {`,
    `  "use workflow";`,
    `  const transcript: string[] = [];`,
    `  const docs = await tools.searchDocs.execute!({ id: input.id, query: input.name } as LeadInput, { toolCallId: "0", messages: [] });`,
    `  transcript.push(JSON.stringify(docs));`,
    `  for (let turn = 0; turn < agentConfig.maxSteps; turn++) {`,
    `    const reply = await tools.draftReply.execute!({ id: input.id } as LeadInput, { toolCallId: String(turn), messages: [] });`,
    `    transcript.push(JSON.stringify(reply));`,
    `    if (turn % 3 === 2) await sleep("5s");`,
    `  }`,
    `  await agentConfig.integrations.crm.sync({ id: input.id } as LeadInput);`,
    `  await agentConfig.integrations.billing.push({ id: input.id } as LeadInput);`,
    `  return { turns: transcript.length };`,
    `}`,
    ``,
  );
  return out.join("\n");
}

function wfBilling(rng) {
  const out = preamble(["invoice", "payment", "subscription"], rng, {
    extraImports: [`import { WORKFLOW_SERIALIZE, WORKFLOW_DESERIALIZE } from "@workflow/serde";`],
  });
  out.push(
    `export class Money {`,
    `  constructor(public readonly amount: number, public readonly currency: string) {}`,
    ``,
    `  static [WORKFLOW_SERIALIZE](value: Money) {`,
    `    return { amount: value.amount, currency: value.currency };`,
    `  }`,
    ``,
    `  static [WORKFLOW_DESERIALIZE](data: { amount: number; currency: string }) {`,
    `    return new Money(data.amount, data.currency);`,
    `  }`,
    ``,
    `  add(other: Money): Money {`,
    `    if (other.currency !== this.currency) throw new TypeError("currency mismatch");`,
    `    return new Money(Math.round((this.amount + other.amount) * 100) / 100, this.currency);`,
    `  }`,
    ``,
    `  toString() {`,
    `    return \`\${this.amount.toFixed(2)} \${this.currency}\`;`,
    `  }`,
    `}`,
    ``,
    `export class InvoiceService {`,
    `  constructor(private readonly tenant: string) {}`,
    ``,
  );
  const statics = ["createInvoice", "finalizeInvoice", "chargeInvoice", "voidInvoice"];
  for (const s of statics) {
    out.push(
      `  static async ${s}(input: InvoiceInput): Promise<InvoiceRecord> {`,
      `    "use step";`,
      ...indent(stepBody(rng, s, "invoice", "input", 1), 4),
      `  }`,
      ``,
    );
  }
  for (const s of ["sendReminder", "applyCredit"]) {
    out.push(
      `  async ${s}(input: PaymentInput): Promise<PaymentRecord> {`,
      `    "use step";`,
      `    logger.info("${s}", { tenant: this.tenant, id: input.id });`,
      ...indent(stepBody(rng, s, "payment", "input"), 4),
      `  }`,
      ``,
    );
  }
  out.push(
    `  static async monthlyBilling(input: InvoiceInput) {`,
    `    "use workflow";`,
    `    const invoice = await InvoiceService.createInvoice(input);`,
    `    await sleep("1h");`,
    `    await InvoiceService.finalizeInvoice({ ...input, id: invoice.id });`,
    `    try {`,
    `      await InvoiceService.chargeInvoice({ ...input, id: invoice.id });`,
    `    } catch (err) {`,
    `      await InvoiceService.voidInvoice({ ...input, id: invoice.id });`,
    `      throw err;`,
    `    }`,
    `    return { invoiceId: invoice.id, total: new Money(invoice.amount ?? 0, "USD") };`,
    `  }`,
    `}`,
    ``,
  );
  const next = namer(rng);
  const steps = [];
  for (let i = 0; i < 6; i++) steps.push(next(undefined, "subscription"));
  for (const s of steps) out.push(...stepDecl(rng, s, { extra: 1 }));
  out.push(...workflowDecl(rng, "renewSubscription", "subscription", steps));
  return out.join("\n");
}

function wfStepsModule(rng) {
  const next = namer(rng);
  const steps = [];
  for (let i = 0; i < 20; i++)
    steps.push(next(undefined, rng.pick(["upload", "asset", "document"])));
  const out = [
    `"use step";`,
    ``,
    ...preamble(
      steps.map((s) => s.noun),
      rng,
    ),
  ];
  out.push(
    `function checksum(bytes: Uint8Array): string {`,
    `  let h = 2166136261;`,
    `  for (const b of bytes) h = Math.imul(h ^ b, 16777619);`,
    `  return (h >>> 0).toString(16);`,
    `}`,
    ``,
  );
  steps.forEach((s, i) => {
    const N = cap(s.noun);
    if (i % 4 === 3) {
      out.push(
        `export const ${s.name} = async (input: ${N}Input): Promise<${N}Record> => {`,
        ...indent(stepBody(rng, s.name, s.noun, "input"), 2),
        `};`,
        ``,
      );
    } else {
      out.push(
        `export async function ${s.name}(input: ${N}Input): Promise<${N}Record> {`,
        ...indent(stepBody(rng, s.name, s.noun, "input"), 2),
        `}`,
        ``,
      );
    }
  });
  out.push(
    `export async function hashUpload(input: UploadInput): Promise<string> {`,
    `  const res = await fetch(\`\${API_BASE}/uploads/\${input.id}/raw\`);`,
    `  return checksum(new Uint8Array(await res.arrayBuffer()));`,
    `}`,
    ``,
  );
  return out.join("\n");
}

function wfFlowsModule(rng) {
  const rngSteps = rngFor(4001); // same names as steps-module (seeded identically)
  const next = namer(rngSteps);
  const steps = [];
  for (let i = 0; i < 20; i++)
    steps.push(next(undefined, rngSteps.pick(["upload", "asset", "document"])));
  const out = [
    `"use workflow";`,
    ``,
    `import { FatalError, sleep } from "workflow";`,
    `import { logger } from "@/lib/observability";`,
    `import { ${steps.map((s) => s.name).join(", ")}, hashUpload } from "./steps-module";`,
    `import type { UploadInput, AssetInput, DocumentInput } from "./types";`,
    ``,
  ];
  for (let w = 0; w < 5; w++) {
    const mine = steps.slice(w * 4, w * 4 + 4);
    out.push(
      `export async function ${["ingest", "transcode", "catalogue", "purge", "reindex"][w]}Assets(input: UploadInput & AssetInput & DocumentInput) {`,
      ...indent(workflowBody(rng, mine, "input"), 2).map((l) => l.replace(/ as \w+Input/g, "")),
      `}`,
      ``,
    );
  }
  out.push(
    `export const verifyUpload = async (input: UploadInput) => {`,
    `  const first = await hashUpload(input);`,
    `  await sleep("10s");`,
    `  const second = await hashUpload(input);`,
    `  return first === second;`,
    `};`,
    ``,
  );
  return out.join("\n");
}

function wfOnboardingTsx(rng) {
  const next = namer(rng);
  const steps = [];
  for (let i = 0; i < 7; i++)
    steps.push(next(undefined, rng.pick(["team", "member", "project", "user"])));
  const out = preamble(steps.map((s) => s.noun).concat("user"), rng, {
    tsx: true,
    extraImports: [
      `import { start } from "workflow/api";`,
      `import { redirect } from "next/navigation";`,
    ],
  });
  for (const s of steps) out.push(...stepDecl(rng, s));
  out.push(
    ...workflowDecl(rng, "onboardWorkspace", "user", steps, {
      nested: [nestedArrowStep(rng, "onboarding", 0)],
    }),
  );
  out.push(
    `export async function startOnboarding(formData: FormData) {`,
    `  "use server";`,
    `  const id = String(formData.get("userId"));`,
    `  const run = await start(onboardWorkspace, [{ id } as UserInput]);`,
    `  redirect(\`/onboarding/\${run.runId}\`);`,
    `}`,
    ``,
    `export function OnboardingForm({ userId, busy }: { userId: string; busy?: boolean }) {`,
    `  return (`,
    `    <form action={startOnboarding} className="onboarding">`,
    `      <input type="hidden" name="userId" value={userId} />`,
    `      <h2>Set up your workspace</h2>`,
    `      <ol>`,
    ...steps.map(
      (s) => `        <li>{${JSON.stringify(cap(kebab(s.name).replace(/-/g, " ")))}}</li>`,
    ),
    `      </ol>`,
    `      <button type="submit" disabled={busy}>`,
    `        {busy ? <span className="spinner" aria-label="working" /> : "Start"}`,
    `      </button>`,
    `    </form>`,
    `  );`,
    `}`,
    ``,
  );
  return out.join("\n");
}

function wfReportTsx(rng) {
  const next = namer(rng);
  const steps = [];
  for (let i = 0; i < 12; i++)
    steps.push(next(undefined, rng.pick(["report", "campaign", "asset"])));
  const out = preamble(steps.map((s) => s.noun).concat("report"), rng, {
    tsx: true,
    extraImports: [`import { renderToStaticMarkup } from "react-dom/server";`],
  });
  for (let i = 0; i < 6; i++) {
    out.push(
      `function ReportSection${i}({ rows, title }: { rows: Array<{ label: string; value: number }>; title: string }) {`,
      `  const max = Math.max(1, ...rows.map((r) => r.value));`,
      `  return (`,
      `    <section style={{ fontFamily: "Inter, sans-serif", margin: "${rng.int(8, 24)}px 0" }}>`,
      `      <h2 style={{ fontSize: ${rng.int(16, 22)} }}>{title}</h2>`,
      `      <table width="100%" cellPadding={4}>`,
      `        <tbody>`,
      `          {rows.map((r) => (`,
      `            <tr key={r.label}>`,
      `              <td>{r.label}</td>`,
      `              <td>`,
      `                <div style={{ background: "#${rng.int(0x100000, 0xffffff).toString(16)}", width: \`\${(r.value / max) * 100}%\`, height: 8 }} />`,
      `              </td>`,
      `              <td align="right">{r.value.toLocaleString("en-US")}</td>`,
      `            </tr>`,
      `          ))}`,
      `        </tbody>`,
      `      </table>`,
      `    </section>`,
      `  );`,
      `}`,
      ``,
    );
  }
  steps.forEach((s, i) => {
    if (i % 3 === 0) {
      const N = cap(s.noun);
      out.push(
        `async function ${s.name}(input: ${N}Input): Promise<string> {`,
        `  "use step";`,
        `  const rows = await db.${s.noun}.groupBy({ by: ["status"], _count: true, where: { ownerId: input.id } });`,
        `  return renderToStaticMarkup(`,
        `    <ReportSection${i % 6} title="${cap(s.noun)} ${s.verb}" rows={rows.map((r: { status: string; _count: number }) => ({ label: r.status, value: r._count }))} />,`,
        `  );`,
        `}`,
        ``,
      );
    } else out.push(...stepDecl(rng, s, { extra: 1 }));
  });
  out.push(
    ...workflowDecl(rng, "weeklyReport", "report", steps, {
      nested: [nestedArrowStep(rng, "report", 0)],
    }),
  );
  return out.join("\n");
}

function wfPipeline(rng) {
  const next = namer(rng);
  const steps = [];
  for (let i = 0; i < 50; i++) steps.push(next());
  const out = preamble(
    steps.map((s) => s.noun),
    rng,
  );
  steps.forEach((s, i) =>
    out.push(
      ...(i % 5 === 4
        ? stepConst(rng, s, { exported: true })
        : stepDecl(rng, s, { exported: i % 2 === 0 })),
    ),
  );
  out.push(
    `export function makeScaler(factor: number) {`,
    `  return async (value: number) => {`,
    `    "use step";`,
    `    await metrics.histogram("scale", value);`,
    `    return value * factor;`,
    `  };`,
    `}`,
    ``,
  );
  for (let w = 0; w < 5; w++) {
    out.push(
      ...workflowDecl(rng, `pipeline${w}`, steps[w * 10].noun, steps.slice(w * 10, w * 10 + 10), {
        exported: w !== 4,
      }),
    );
  }
  return out.join("\n");
}

function wfNotifications(rng) {
  // A big, mostly ordinary module (templates, formatting, routing rules) with one workflow and
  // three steps at the end: the "sparse" case.
  const out = preamble(["message", "user"], rng);
  const channels = ["email", "sms", "push", "slack", "webhook", "inApp"];
  for (let i = 0; i < 44; i++) {
    const noun = NOUNS[i % NOUNS.length];
    const ch = channels[i % channels.length];
    out.push(
      `export const ${noun}${cap(ch)}Template${i} = {`,
      `  id: "${noun}.${ch}.${i}",`,
      `  channel: "${ch}" as const,`,
      `  subject: (vars: Record<string, string>) => \`${cap(noun)} update for \${vars.name ?? "you"}\`,`,
      `  body: (vars: Record<string, string>) =>`,
      `    [\`Hi \${vars.name ?? "there"},\`, "", \`Your ${noun} \${vars.id} changed to \${vars.status}.\`, "", "— Acme"].join("\\n"),`,
      `  throttle: { perHour: ${rng.int(1, 20)}, perDay: ${rng.int(20, 200)} },`,
      `};`,
      ``,
      `export function route${cap(noun)}${cap(ch)}${i}(user: { id: string; prefs?: Record<string, boolean> }, urgent = false): boolean {`,
      `  if (urgent) return true;`,
      `  const pref = user.prefs?.["${noun}.${ch}"];`,
      `  if (pref === false) return false;`,
      `  return ${rng.chance(0.5) ? "true" : `user.id.charCodeAt(0) % ${rng.int(2, 5)} === 0`};`,
      `}`,
      ``,
    );
  }
  const next = namer(rng);
  const steps = [next("render", "message"), next("send", "message"), next("record", "user")];
  for (const s of steps) out.push(...stepDecl(rng, s, { extra: 2 }));
  out.push(...workflowDecl(rng, "deliverNotification", "message", steps));
  return out.join("\n");
}

function wfMega(rng) {
  const next = namer(rng);
  const steps = [];
  for (let i = 0; i < 40; i++) steps.push(next());
  const out = preamble(
    steps.map((s) => s.noun),
    rng,
    {
      extraImports: [`import { tool } from "ai";`, `import { z } from "zod";`],
    },
  );
  // A generous chunk of ordinary helper code.
  for (let i = 0; i < 40; i++) {
    const noun = NOUNS[i % NOUNS.length];
    out.push(
      `export function normalize${cap(noun)}${i}(raw: Record<string, unknown>): { id: string; label: string; weight: number } {`,
      `  const id = String(raw.id ?? raw._id ?? "");`,
      `  const label = typeof raw.label === "string" ? raw.label.trim() : \`${noun}-\${id}\`;`,
      `  const weight = Number.isFinite(raw.weight) ? Number(raw.weight) : ${rng.int(1, 100)};`,
      `  return { id, label, weight: Math.max(0, Math.min(weight, ${rng.int(100, 1000)})) };`,
      `}`,
      ``,
    );
  }
  steps.forEach((s, i) =>
    out.push(
      ...(i % 4 === 3
        ? stepConst(rng, s, { exported: i % 8 === 7, extra: 2 })
        : stepDecl(rng, s, { exported: i % 3 === 0, extra: 3 })),
    ),
  );
  out.push(`export const megaTools = {`);
  for (const t of ["classify", "extract", "route", "escalate"]) {
    out.push(
      `  ${t}: tool({`,
      `    description: "${t} an incoming request",`,
      `    inputSchema: z.object({ id: z.string() }),`,
      `    execute: async (input: TicketInput) => {`,
      `      "use step";`,
      ...indent(stepBody(rng, t, "ticket", "input", 2), 6),
      `    },`,
      `  }),`,
    );
  }
  out.push(`};`, ``);
  out.push(...interfaceFor(rng, "TicketInput", 6), ``, ...interfaceFor(rng, "TicketRecord", 6), ``);
  let nestedIdx = 0;
  for (let w = 0; w < 10; w++) {
    const mine = steps.slice(w * 4, w * 4 + 4);
    const nested =
      w % 2 === 0
        ? [nestedArrowStep(rng, `w${w}`, nestedIdx++), nestedCallbackStep(rng, nestedIdx++)]
        : [];
    out.push(
      ...workflowDecl(rng, `megaFlow${w}`, mine[0].noun, mine.concat(rng.pick(steps)), {
        exported: w % 3 !== 2,
        nested,
      }),
    );
  }
  return out.join("\n");
}

// ------------------------------------------------------------------------------------------------

/**
 * @returns {{ name: string, group: "plain" | "directives", what: string, code: string }[]}
 */
export function buildCorpus() {
  const files = [
    ["plain", "src/lib/constants.ts", "constants + enum", plainConstants],
    ["plain", "src/components/UserCard.tsx", "React component", plainUserCard],
    ["plain", "src/lib/format.ts", "utility module", plainFormat],
    ["plain", "src/api/client.ts", "API client class", plainApiClient],
    ["plain", "src/server/routes.ts", "express routes, async handlers", plainRoutes],
    ["plain", "src/app/dashboard/page.tsx", '"use client" page, 14 widgets', plainDashboard],
    ["plain", "src/store/reducers.ts", "26 immer reducers", plainReducers],
    ["plain", "src/generated/schema.ts", "2,000-line generated module", plainGeneratedSchema],
    ["directives", "workflows/welcome.ts", "1 workflow, 5 steps", wfWelcome],
    ["directives", "workflows/order.ts", "2 wf, 15 steps + 3 nested", wfOrder],
    ["directives", "workflows/agent.ts", "8 tool() + 6 method steps", wfAgent],
    ["directives", "workflows/billing.ts", "classes, serde, 12 steps", wfBilling],
    ["directives", "workflows/steps-module.ts", 'module "use step", 21', wfStepsModule],
    ["directives", "workflows/flows-module.ts", 'module "use workflow", 5', wfFlowsModule],
    ["directives", "app/onboarding/page.tsx", "7 steps + nested, JSX", wfOnboardingTsx],
    ["directives", "app/reports/weekly.tsx", "12 steps + nested, JSX", wfReportTsx],
    ["directives", "workflows/pipeline.ts", "5 wf, 50 steps + factory", wfPipeline],
    ["directives", "src/notifications.ts", "sparse: 3 steps in 50 KB", wfNotifications],
    ["directives", "workflows/mega.ts", "10 wf, 44 steps + 10 nested", wfMega],
  ];
  // Seeds are fixed per file; steps-module uses 4001 (flows-module re-derives its names from it).
  return files.map(([group, name, what, gen], i) => {
    const seed = name === "workflows/steps-module.ts" ? 4001 : 1000 + i * 97;
    // Round-trip through a Buffer: the string is flat, as if it had been read from disk.
    const code = Buffer.from(gen(rngFor(seed)), "utf8").toString("utf8");
    return { group, name, what, code };
  });
}
