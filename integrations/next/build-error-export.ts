/**
 * How a generated module carries the error of a failed bundle build to the loader, which fails
 * the module with it: one line, `export const WORKFLOW_BUILD_ERROR = "<message>";`. Kept apart
 * from failed-setup.ts (which writes the module) so that the loader and the config load no
 * bundler to read it.
 */

/** The export that holds the error; also in Turbopack's content condition (config.ts). */
export const BUILD_ERROR_EXPORT = "WORKFLOW_BUILD_ERROR";

const BUILD_ERROR_LINE = new RegExp(`^export const ${BUILD_ERROR_EXPORT} = (".*");$`, "m");

/** The line that carries `message`. */
export function toBuildErrorExport(message: string): string {
  // JSON: one line, whatever the message holds.
  return `export const ${BUILD_ERROR_EXPORT} = ${JSON.stringify(message)};\n`;
}

/** The error carried by a generated module's text, if any. */
export function readBuildError(text: string): string | undefined {
  if (!text.includes(BUILD_ERROR_EXPORT)) return undefined;
  const match = BUILD_ERROR_LINE.exec(text);
  return match ? (JSON.parse(match[1]!) as string) : undefined;
}
