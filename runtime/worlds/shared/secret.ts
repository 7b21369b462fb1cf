/**
 * The world's delivery secret: the key that signs deliveries to the flow and step routes
 * (`runtime/http/delivery.ts`). This module is the only place a secret is chosen:
 * 1. the world's `secret` option, else
 * 2. `WORKFLOW_SECRET`, else
 * 3. the backend's default: the file world keeps a random one in its data directory, the
 *    memory world makes one per process, the Postgres world has none (its routes refuse).
 * A secret shorter than {@link MIN_SECRET_BYTES} is refused when the world is created.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The environment variable that holds the secret. */
export const SECRET_ENV = "WORKFLOW_SECRET";
/** HMAC-SHA256 keys shorter than its block of output are guessable sooner than the hash. */
export const MIN_SECRET_BYTES = 32;
/** The file, in the file world's data directory, that keeps a generated secret. */
export const SECRET_FILE = "secret";

/** Returns `secret`, or throws naming where it came from when it is too short. */
export function assertSecret(secret: string, source: string): string {
  const bytes = Buffer.byteLength(secret, "utf8");
  if (bytes < MIN_SECRET_BYTES)
    throw new Error(
      `${source} is ${bytes} bytes long; the workflow delivery secret needs at least ${MIN_SECRET_BYTES}. ` +
        `Generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`,
    );
  return secret;
}

/**
 * The configured secret (option, then `WORKFLOW_SECRET`), checked; undefined when neither is
 * set. Called when a world is created, so a short secret is a startup error.
 */
export function configuredSecret(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (option !== undefined) return assertSecret(option, "The world's secret option");
  const value = env[SECRET_ENV];
  return value ? assertSecret(value, SECRET_ENV) : undefined;
}

/** A fresh random secret (32 bytes, hex). */
export function createRandomSecret(): string {
  return randomBytes(MIN_SECRET_BYTES).toString("hex");
}

/**
 * The secret kept in `dir/secret`, made (random, mode 0600) when the file does not exist. Two
 * processes racing to make it both end up with the one that was written first.
 */
export async function loadOrCreateSecretFile(dir: string): Promise<string> {
  const file = join(dir, SECRET_FILE);
  const read = async () => assertSecret((await readFile(file, "utf8")).trim(), file);
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(file, createRandomSecret() + "\n", { mode: 0o600, flag: "wx" });
    await chmod(file, 0o600); // whatever the umask
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return read();
}

/**
 * `getSecret()` for a world: the configured secret, else `fallback()` (once; undefined means
 * the world has none and its delivery routes refuse).
 */
export function createSecretSource(
  option: string | undefined,
  fallback: () => Promise<string | undefined>,
): () => Promise<string | undefined> {
  const configured = configuredSecret(option);
  let secret: Promise<string | undefined> | undefined;
  return () =>
    (secret ??=
      configured !== undefined
        ? Promise.resolve(configured)
        : fallback().catch((error: unknown) => {
            secret = undefined; // a failed read (a full disk, say) is tried again next time
            throw error;
          }));
}
