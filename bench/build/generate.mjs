// The app bench/build builds: a node:http server of about 200 modules, of which 5 hold
// directives (one workflow file, four step files), the rest plain code of a few functions each.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const FEATURES = 12;
const LEAVES_PER_FEATURE = 15;

function leaf(feature, index) {
  return `// features/f${feature}/leaf${index}.js
const TABLE_${index} = ${JSON.stringify(Array.from({ length: 12 }, (_, i) => `row-${feature}-${index}-${i}`))};

export function normalize${index}(value) {
  if (typeof value !== "string") return String(value ?? "");
  return value.trim().toLowerCase().replace(/\\s+/g, "-");
}

export function score${index}(items) {
  let total = 0;
  for (const item of items) total += item.length * ${index + 1};
  return total % 997;
}

export function lookup${index}(key) {
  const found = TABLE_${index}.find((row) => row.endsWith(String(key)));
  return found ? { key, row: found, score: score${index}([found]) } : null;
}

export class Cache${index} {
  #entries = new Map();
  get(key) {
    return this.#entries.get(normalize${index}(key));
  }
  set(key, value) {
    this.#entries.set(normalize${index}(key), value);
    return this;
  }
}
`;
}

function feature(feature) {
  const imports = Array.from(
    { length: LEAVES_PER_FEATURE },
    (_, i) => `import { lookup${i}, normalize${i}, score${i} } from "./leaf${i}.js";`,
  ).join("\n");
  const calls = Array.from(
    { length: LEAVES_PER_FEATURE },
    (_, i) => `    lookup${i}(normalize${i}(input)) ?? score${i}([input]),`,
  ).join("\n");
  return `// features/f${feature}/index.js
${imports}

export function handleFeature${feature}(input) {
  return [
${calls}
  ];
}
`;
}

const STEP_FILES = 4;

function stepFile(index) {
  return `// workflows/steps${index}.js
import { getStepMetadata } from "workflow";

export async function stepA${index}(value) {
  "use step";
  const { attempt } = getStepMetadata();
  return { value: value * ${index + 2}, attempt };
}

export async function stepB${index}(value) {
  "use step";
  return \`\${value}-${index}\`;
}
`;
}

const workflowFile = `// workflows/pipeline.js
import { sleep } from "workflow";
${Array.from({ length: STEP_FILES }, (_, i) => `import { stepA${i}, stepB${i} } from "./steps${i}.js";`).join("\n")}

export async function pipeline(input) {
  "use workflow";
  let value = input;
${Array.from({ length: STEP_FILES }, (_, i) => `  value = (await stepA${i}(value)).value;\n  await stepB${i}(value);`).join("\n")}
  await sleep("1s");
  return value;
}
`;

function server() {
  const imports = Array.from(
    { length: FEATURES },
    (_, i) => `import { handleFeature${i} } from "./features/f${i}/index.js";`,
  ).join("\n");
  return `// server.js
import { createServer } from "node:http";
import { start } from "workflow/api";
import { handleRequest, isWorkflowPath, toNodeHandler } from "workflow/runtime";
import { pipeline } from "./workflows/pipeline.js";
${imports}

const features = [${Array.from({ length: FEATURES }, (_, i) => `handleFeature${i}`).join(", ")}];
const workflowRoutes = toNodeHandler(handleRequest);

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (isWorkflowPath(url.pathname)) return workflowRoutes(req, res);
  if (url.pathname === "/start") {
    const run = await start(pipeline, [1]);
    return res.end(run.runId);
  }
  const index = Number(url.searchParams.get("f") ?? 0) % features.length;
  res.end(JSON.stringify(features[index](url.searchParams.get("q") ?? "")));
}).listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
`;
}

/** Writes the app into `dir`/src; returns how many modules it has and how many hold directives. */
export async function generateApp(dir) {
  const files = { "src/server.js": server(), "src/workflows/pipeline.js": workflowFile };
  for (let i = 0; i < STEP_FILES; i++) files[`src/workflows/steps${i}.js`] = stepFile(i);
  for (let f = 0; f < FEATURES; f++) {
    files[`src/features/f${f}/index.js`] = feature(f);
    for (let i = 0; i < LEAVES_PER_FEATURE; i++)
      files[`src/features/f${f}/leaf${i}.js`] = leaf(f, i);
  }
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({ type: "module", private: true }),
  );
  const modules = Object.keys(files).length;
  return { modules, withDirectives: 1 + STEP_FILES };
}
