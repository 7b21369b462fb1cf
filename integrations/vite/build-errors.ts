/**
 * `vite build` prints a failed build as `inspect()` of Rolldown's error, which wraps every
 * plugin error: Rolldown's and Vite's stack frames and `{ errors: [Getter/Setter] }` around our
 * block. When every error of a failed environment build is a mistake in the user's code
 * (unplugin/errors.ts), the build rejects instead with one error that prints as those blocks
 * alone. Vite runs `buildApp` hooks before it builds; this one only wraps `builder.build`, so
 * environments build in the same order, by whoever builds them (Vite, or a framework's own
 * `buildApp`), and the build still fails (exit code 1).
 */
import { inspect } from "node:util";
import type { Plugin, ViteBuilder } from "vite";
import { UserCodeError } from "../unplugin/errors.js";

/** The mistakes of a failed build, read as one block each. */
class BuildFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildFailedError";
    // What Vite's CLI (and Node, for an uncaught error) prints: the message, without frames
    // (they would be Vite's) and without the brackets `inspect` puts around a frameless stack.
    Object.defineProperties(this, {
      stack: { value: message, enumerable: false, writable: true },
      [inspect.custom]: { value: () => this.message, enumerable: false },
    });
  }
}

/** Rolldown's error if some of its errors are not the user's mistakes, else one of ours. */
function toReadableFailure(error: unknown): unknown {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || !errors.length) return error;
  if (!errors.every((e) => e instanceof UserCodeError)) return error;
  return new BuildFailedError(errors.map((e: UserCodeError) => e.message).join("\n\n"));
}

export const readableBuildErrors: Plugin["buildApp"] = {
  order: "pre",
  async handler(builder: ViteBuilder) {
    const build = builder.build;
    builder.build = async (environment) => {
      try {
        return await build.call(builder, environment);
      } catch (error) {
        throw toReadableFailure(error);
      }
    };
  },
};
