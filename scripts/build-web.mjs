/**
 * Builds the dashboard's page (`wf web`) into dist/web/: the client (cli/web/client/main.ts,
 * plain TypeScript and DOM) bundled by esbuild into one app.js, with index.html and app.css
 * beside it. No CDN: the page works offline. Run by `npm run build`.
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const client = path.join(root, "cli", "web", "client");
const out = path.join(root, "dist", "web");

await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(client, "main.ts")],
  outfile: path.join(out, "app.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
});
await copyFile(path.join(client, "index.html"), path.join(out, "index.html"));
await copyFile(path.join(client, "app.css"), path.join(out, "app.css"));
