// `npm start`: runs examples/orders/main.ts the way an app runs, under `workflow/register`,
// from the repository root, so that runs land in the repo's `.workflow-data/` (or in
// WORKFLOW_DATA_DIR) and each invocation finds the runs of the earlier ones.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = ["--import", "workflow/register", "examples/orders/main.ts"];

if (!existsSync(new URL("../dist/integrations/register/register.js", import.meta.url))) {
  console.error("dist/ is missing: run `npm install` (or `npm run build`) first.");
  process.exit(1);
}

console.log(`$ node ${args.join(" ")}`);
const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
child.on("exit", (code, signal) => {
  if (signal) console.error(`examples/orders/main.ts was killed by ${signal}`);
  process.exit(code ?? 1);
});
