/** What the hooks of one plugin instance share: options, the root, discovery, the build's kind. */
import type { Discovery } from "../bundling/discovery.js";
import type { NormalizedOptions } from "./options.js";

export interface PluginState {
  readonly options: NormalizedOptions;
  /** The folder IDs are relative to: the option, else the bundler's root once known. */
  root: string;
  /**
   * Whether the bundler builds a server (webpack's node targets, esbuild's node platform,
   * Rollup always; Vite per environment): only a server output gets the setup import and the
   * generated bundles.
   */
  server: boolean;
  /** A dev server, which builds bundles on demand instead of writing them. */
  dev: boolean;
  readonly discovery: Discovery;
  /** Set by a dev server: told about each module whose transform failed, to print it. */
  onDevError?: ((error: unknown, file: string) => void) | undefined;
}

/** `file.ts?v=123` -> `file.ts` */
export function stripQuery(id: string): string {
  const at = id.indexOf("?");
  return at === -1 ? id : id.slice(0, at);
}
