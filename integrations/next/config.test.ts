/**
 * What `withWorkflow` adds to a Next config, without running Next: the loader for webpack (with
 * the setup module for Node.js server code only) and for Turbopack (after the user's own
 * rules, behind a content condition that also lets near-miss directives through), the
 * `@workflow/ai` alias, `workflow` as a server external package, and nothing changed in the
 * user's object.
 */
import { describe, expect, it } from "vitest";
import {
  applyWorkflowConfig,
  LOADER_CONTENT,
  type NextConfigFields,
  TURBOPACK_GLOB,
} from "./config.js";

const setup = { loader: "/pkg/loader.js", root: "/app", setup: "/app/app/.well-known/setup.js" };

describe("applyWorkflowConfig", () => {
  it("makes workflow a webpack external of the Node.js server, ahead of Next's own, also when linked", async () => {
    const config = applyWorkflowConfig<NextConfigFields>({}, setup);
    const nextExternal = () => undefined;
    const server = config.webpack!(
      { externals: [nextExternal] },
      { isServer: true, nextRuntime: "nodejs" },
    );
    const [ours, ...rest] = server.externals as ((data: object) => Promise<string | undefined>)[];
    expect(rest).toEqual([nextExternal]);
    expect(await ours!({ request: "workflow/api", dependencyType: "esm" })).toBe(
      "module workflow/api",
    );
    expect(await ours!({ request: "workflow", dependencyType: "commonjs" })).toBe(
      "commonjs workflow",
    );
    expect(await ours!({ request: "@workflow/ai", dependencyType: "esm" })).toBe(
      "module workflow/ai",
    );
    expect(await ours!({ request: "workflow-other", dependencyType: "esm" })).toBeUndefined();
    expect(await ours!({ request: "./workflow", dependencyType: "esm" })).toBeUndefined();
    const client = config.webpack!({ externals: [nextExternal] }, { isServer: false });
    expect(client.externals).toEqual([nextExternal]);
  });

  it("adds workflow to serverExternalPackages once, keeping the user's", () => {
    const config = applyWorkflowConfig({ serverExternalPackages: ["sharp"] }, setup);
    expect(config.serverExternalPackages).toEqual(["sharp", "workflow"]);
    const again = applyWorkflowConfig(config, setup);
    expect(again.serverExternalPackages).toEqual(["sharp", "workflow"]);
  });

  it("appends the loader to webpack's rules after the user's hook, with the setup on the Node.js server only", () => {
    const calls: string[] = [];
    const user: NextConfigFields & { reactStrictMode: boolean } = {
      reactStrictMode: true,
      webpack: (config: { module?: { rules?: unknown[] } }, context: { isServer: boolean }) => {
        calls.push(context.isServer ? "server" : "client");
        return { ...config, module: { rules: [...(config.module?.rules ?? []), "user-rule"] } };
      },
    };
    const config = applyWorkflowConfig(user, setup);
    expect(config.reactStrictMode).toBe(true);
    const server = config.webpack!(
      { module: { rules: ["next-rule"] } },
      { isServer: true, nextRuntime: "nodejs" },
    );
    const client = config.webpack!({ module: { rules: [] } }, { isServer: false });
    const edge = config.webpack!({}, { isServer: true, nextRuntime: "edge" });
    expect(calls).toEqual(["server", "client", "server"]);
    expect(server.module!.rules!.slice(0, 2)).toEqual(["next-rule", "user-rule"]);
    const options = (rules: unknown[]) =>
      (rules.at(-1) as { use: { loader: string; options: unknown }[] }).use[0];
    expect(options(server.module!.rules!)).toEqual({
      loader: "/pkg/loader.js",
      options: { root: "/app", setup: setup.setup },
    });
    expect(options(client.module!.rules!)?.options).toEqual({ root: "/app" });
    expect(options(edge.module!.rules!)?.options).toEqual({ root: "/app" });
  });

  it("adds Turbopack rules after the user's, and leaves the user's object as it was", () => {
    const userRule = { loaders: ["my-loader"] };
    const user = {
      turbopack: {
        resolveAlias: { a: "b" },
        rules: { [TURBOPACK_GLOB]: userRule, "*.svg": ["svgr"] },
      },
    };
    const snapshot = structuredClone(user);
    const config = applyWorkflowConfig(user, setup);
    expect(user).toEqual(snapshot);
    expect(config.turbopack!.resolveAlias).toEqual({ a: "b", "@workflow/ai": "workflow/ai" });
    expect(config.turbopack!.rules!["*.svg"]).toEqual(["svgr"]);
    const rules = (config.turbopack!.rules as Record<string, unknown>)[TURBOPACK_GLOB] as unknown[];
    expect(rules[0]).toBe(userRule);
    expect(rules.slice(1)).toEqual([
      {
        condition: { all: ["node", { content: LOADER_CONTENT }] },
        loaders: [{ loader: "/pkg/loader.js", options: { root: "/app", setup: setup.setup } }],
      },
      {
        condition: { all: [{ not: "node" }, { content: LOADER_CONTENT }] },
        loaders: [{ loader: "/pkg/loader.js", options: { root: "/app" } }],
      },
    ]);
  });
});

describe("@workflow/ai in webpack", () => {
  it("aliases it to workflow/ai, keeping the user's aliases in either form", () => {
    const run = (alias: unknown) =>
      applyWorkflowConfig<NextConfigFields>({}, setup).webpack!(
        { resolve: { alias, extensions: [".ts"] } },
        { isServer: true, nextRuntime: "nodejs" },
      ).resolve!;
    expect(run({ "@": "/app/src" })).toEqual({
      alias: { "@": "/app/src", "@workflow/ai": "workflow/ai" },
      extensions: [".ts"],
    });
    expect(run([{ name: "@", alias: "/app/src" }]).alias).toEqual([
      { name: "@", alias: "/app/src" },
      { name: "@workflow/ai", alias: "workflow/ai" },
    ]);
  });
});

describe("LOADER_CONTENT (Turbopack's content condition)", () => {
  it.each([
    '"use step";',
    "'use workflow'",
    '"use stpe";',
    '"Use Step";',
    '"use-workflow"',
    '"use workflw"',
    'import { start } from "workflow/api";',
    "static [Symbol.for('workflow-serialize')](v) {}",
  ])("lets %s through", (text) => {
    expect(LOADER_CONTENT.test(text)).toBe(true);
  });

  it.each(["const [x, setX] = useState(0);", 'import React from "react";', "export default 1;"])(
    "skips %s",
    (text) => {
      expect(LOADER_CONTENT.test(text)).toBe(false);
    },
  );
});
