/**
 * The fixed pools of text the specs pick from: literals, globals, property and class keys,
 * comments, local names, and the file extensions, folders, base names and module specifiers of the
 * generated files. Many are chosen to trip a transform up (comment terminators in strings,
 * reserved words as keys, names the transform itself emits).
 */

/** Literal expressions, some holding directive text. */
export const LITERALS = [
  "42",
  '"text"',
  "null",
  "[1, 2, 3]",
  "{ a: 1, b: 'x' }",
  "true",
  "1n",
  "/re+/g",
  "'*/'",
  '"use step"',
  "`use workflow`",
  "undefined",
];
/** Expressions that read globals (the sandbox overrides some of them). */
export const GLOBALS = [
  "Math.max(1, 2)",
  "Date.now()",
  "fetch('https://example.com')",
  "process.env.API_KEY",
  "JSON.stringify({ a: 1 })",
  "console.log('hi')",
  "crypto.randomUUID()",
  "undeclaredGlobal",
  "globalThis.someFlag",
  "Symbol.for('x')",
  "new Map()",
  "setTimeout",
  "structuredClone({})",
  "Promise.resolve(1)",
];
/** Object-literal keys: identifiers, reserved words, odd strings, numbers, computed keys. */
export const PROP_KEYS = [
  "execute",
  "search",
  "run",
  "handler",
  "onFinish",
  "tools",
  "default",
  "async",
  "get",
  "new",
  "class",
  '"get-user"',
  '"my key"',
  '"a*/b"',
  '"*/"',
  "'it\\'s'",
  '"q\\"uote"',
  '"back\\\\slash"',
  '"ünï"',
  '""',
  '"a/b"',
  '"use step"',
  '"__proto__"',
  '"toString"',
  '"1abc"',
  '"\\u0041"',
  '"line\\nbreak"',
  '"a#b"',
  '"${x}"',
  '"back`tick"',
  "0",
  "1.5",
  "0x10",
  '["computed-" + 1]',
  "[Symbol.iterator]",
  "[`tmpl`]",
];
/** Class member keys. */
export const CLASS_KEYS = [
  "run",
  "process",
  "execute",
  "save",
  "load",
  "default",
  "async",
  "static",
  "get",
  '"kebab-method"',
  '"a*/b"',
  "'it\\'s'",
  '"use step"',
  "[Symbol.iterator]",
  '["computed" + 1]',
  "0",
];
/** Top-level comments, some mentioning directives. */
export const COMMENTS = [
  '// "use step"',
  '/* "use workflow" */',
  "/** @deprecated */",
  "// use workflow is cool",
  "/* */ /* use step */",
];
/** Bases of declared names, including names the transform emits itself. */
export const NAME_BASES = [
  "order",
  "user",
  "fetchData",
  "sendEmail",
  "charge",
  "total",
  "result",
  "payload",
  "handle",
  "process",
  "a",
  "_tmp",
  "$dollar",
  "café",
  "registerStepFunction",
  "getStepClosureVars",
  "__builtin_log",
  "_anonymousStep0",
  "wf",
];

/** File extensions, TypeScript more often. */
export const EXTENSIONS = [
  ".ts",
  ".ts",
  ".ts",
  ".tsx",
  ".tsx",
  ".js",
  ".js",
  ".jsx",
  ".mjs",
  ".mts",
  ".cts",
];
/** Folders of the generated file, some with characters IDs must escape. */
export const DIRS = [
  "src",
  "app/workflows",
  "lib/steps-dir",
  "packages/my-pkg/src",
  "weird dir/with space",
  "src/we*",
  "it's",
  "über",
  "",
];
/** Base names of the generated file. */
export const BASES = [
  "workflow",
  "steps",
  "index",
  "my-file",
  "order.service",
  "input",
  "types.d",
  "a*",
];
/** Module specifiers of packages (most files get none). */
export const SPECIFIERS = ["my-pkg@1.0.0", "@scope/pkg/sub@2.3.4-beta.1", "weird*/pkg@0.0.0"];
