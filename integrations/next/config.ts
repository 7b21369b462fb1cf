/**
 * The parts of the Next config that `withWorkflow` adds, as a new config (the user's object is
 * not changed): the loader for webpack and for Turbopack, `@workflow/ai` as `workflow/ai`, and
 * `workflow` as a server external package, so that the server loads one copy of the runtime
 * from node_modules.
 */
import { AI_ENTRY, AI_PACKAGE } from "../shared/ai-alias.js";
import { BUILD_ERROR_EXPORT } from "./build-error-export.js";
import type { WorkflowLoaderOptions } from "./loader.js";

// Next's own types are not imported: they declare globals (a required `process.env.NODE_ENV`)
// for every program that includes them. These are the parts of its config touched here.

/**
 * A webpack config as Next hands it to the `webpack` hook: `module.rules`, `resolve.alias` and
 * `externals`.
 */
interface WebpackConfig {
  module?: { rules?: unknown[]; [key: string]: unknown };
  resolve?: { alias?: unknown; [key: string]: unknown };
  externals?: unknown;
  [key: string]: unknown;
}

/** What webpack passes to a function in `externals`, as far as it is read here. */
interface ExternalData {
  request?: string;
  dependencyType?: string;
}

/** What Next passes to the `webpack` hook, as far as it is read here. */
interface WebpackContext {
  isServer: boolean;
  nextRuntime?: "nodejs" | "edge";
  [key: string]: unknown;
}

type WebpackHook = (config: WebpackConfig, context: WebpackContext) => WebpackConfig;

type TurbopackCondition =
  | string
  | { all: TurbopackCondition[] }
  | { any: TurbopackCondition[] }
  | { not: TurbopackCondition }
  | { path?: string | RegExp; content?: RegExp };

interface TurbopackRule {
  loaders?: (string | { loader: string; options?: Record<string, unknown> })[];
  condition?: TurbopackCondition;
  [key: string]: unknown;
}

/** The fields of a Next config that `withWorkflow` reads or extends; the rest passes through. */
export interface NextConfigFields {
  webpack?: WebpackHook | null;
  turbopack?: {
    rules?: Record<string, unknown>;
    resolveAlias?: Record<string, unknown>;
    [key: string]: unknown;
  };
  serverExternalPackages?: string[];
}

/** The files the loader sees (webpack's `test`; Turbopack's glob). */
const SOURCE_TEST = /\.[cm]?[jt]sx?$/;
export const TURBOPACK_GLOB = "*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}";

/**
 * Turbopack runs the loader only on files whose text matches this (webpack runs it on every
 * file, and the transform returns at once when there is nothing to do): a directive, a string
 * close to one (so that a misspelled directive still fails the build), an import of the
 * runtime (which gets the setup module), a class with custom serialization, or the error of a
 * failed bundle build in the generated setup module (build-error-export.ts).
 */
export const LOADER_CONTENT = new RegExp(
  [
    /use (?:step|workflow)/.source,
    /["'][^"'\n]{0,16}(?:[Uu][Ss][Ee]|[Ss][Tt][Ee][Pp]|[Ww][Oo][Rr][Kk][Ff][Ll][Oo][Ww])[^"'\n]{0,16}["']/
      .source,
    "workflow-serialize",
    "WORKFLOW_SERIALIZE",
    BUILD_ERROR_EXPORT,
  ].join("|"),
);

export interface LoaderSetup {
  /** Absolute path of the loader module. */
  loader: string;
  root: string;
  /** Absolute path of the generated setup module. */
  setup: string;
}

/** `workflow` and its subpaths; `@workflow/ai` too, which means `workflow/ai`. */
const WORKFLOW_REQUEST = /^(?:workflow(?:\/.*)?|@workflow\/ai(\/.*)?)$/;

/**
 * Keeps `workflow` an import of the server output however it is installed. Next externalizes a
 * server external package only when its real path is in node_modules, so a linked `workflow`
 * (npm link, `file:`, workspaces), whose real path is the package's own folder, would be
 * compiled into the server chunks: a second copy of the runtime.
 */
async function externalizeWorkflow({ request, dependencyType }: ExternalData) {
  if (!request || !WORKFLOW_REQUEST.test(request)) return undefined;
  const target = request.startsWith(AI_PACKAGE) ? request.replace(AI_PACKAGE, AI_ENTRY) : request;
  // As Next writes the externals of node_modules packages (`workflow` is an ES module).
  return `${dependencyType === "commonjs" ? "commonjs" : "module"} ${target}`;
}

function withLoaderRule(hook: WebpackHook | undefined, { loader, root, setup }: LoaderSetup) {
  const webpack: WebpackHook = (config, context) => {
    const result = hook ? hook(config, context) : config;
    const server = context.isServer && context.nextRuntime === "nodejs";
    const options: WorkflowLoaderOptions = server ? { root, setup } : { root };
    const externals = result.externals;
    // Pushed last, so it runs first (webpack applies a file's loaders last to first): the
    // transform reads the source as written, before Next's SWC.
    const alias = result.resolve?.alias;
    return {
      ...result,
      ...(server && {
        externals: [
          externalizeWorkflow,
          ...(Array.isArray(externals) ? externals : externals ? [externals] : []),
        ],
      }),
      module: {
        ...result.module,
        rules: [...(result.module?.rules ?? []), { test: SOURCE_TEST, use: [{ loader, options }] }],
      },
      resolve: {
        ...result.resolve,
        // webpack takes an alias as an object or as a list; either way a prefix also maps subpaths.
        alias: Array.isArray(alias)
          ? [...alias, { name: AI_PACKAGE, alias: AI_ENTRY }]
          : { ...(alias as object | undefined), [AI_PACKAGE]: AI_ENTRY },
      },
    };
  };
  return webpack;
}

function withTurbopackRules(
  rules: Record<string, unknown> | undefined,
  { loader, root, setup }: LoaderSetup,
): Record<string, unknown> {
  const content = { content: LOADER_CONTENT };
  const ours: TurbopackRule[] = [
    { condition: { all: ["node", content] }, loaders: [{ loader, options: { root, setup } }] },
    { condition: { all: [{ not: "node" }, content] }, loaders: [{ loader, options: { root } }] },
  ];
  const existing = rules?.[TURBOPACK_GLOB];
  // All matching rules apply, in order: the user's first, then ours.
  const merged = existing ? [...(Array.isArray(existing) ? existing : [existing]), ...ours] : ours;
  return { ...rules, [TURBOPACK_GLOB]: merged };
}

/** `config` with the loader and the server external added. */
export function applyWorkflowConfig<C extends NextConfigFields>(config: C, setup: LoaderSetup): C {
  const externals = config.serverExternalPackages ?? [];
  return {
    ...config,
    serverExternalPackages: externals.includes("workflow") ? externals : [...externals, "workflow"],
    webpack: withLoaderRule(config.webpack ?? undefined, setup),
    turbopack: {
      ...config.turbopack,
      rules: withTurbopackRules(config.turbopack?.rules, setup),
      resolveAlias: { ...config.turbopack?.resolveAlias, [AI_PACKAGE]: AI_ENTRY },
    },
  };
}
