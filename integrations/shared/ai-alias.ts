/**
 * `@workflow/ai` (the published package's name, which the seed imports) and its subpaths mean
 * `workflow/ai`, in every build that sees user code: the app's (each bundler plugin, Next), the
 * workflow and step bundles, and `node --import workflow/register`.
 */
export const AI_PACKAGE = "@workflow/ai";
export const AI_ENTRY = "workflow/ai";

/** `source.replace(AI_ALIAS, AI_TARGET)`. No lookahead: esbuild's filters are Go regexps. */
export const AI_ALIAS = /^@workflow\/ai(\/.*)?$/;
export const AI_TARGET = "workflow/ai$1";
