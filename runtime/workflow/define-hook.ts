/**
 * `defineHook(schema)`: one definition that a workflow creates hooks from and a server resumes
 * them with, typed by the schema and validated before anything is written. Any Standard Schema
 * validator works (zod, valibot, arktype, ...). Shared by both realms; each passes its own
 * `create` and `resume`.
 *
 * The compiler passes a definition bound to a module-level const its ID as a last argument
 * (`defineHook(schema, "hook//./src/payments//paymentHook")`, compiler/hook-definitions.ts):
 * hooks created from it record the ID, and the host realm registers the schema under it, so
 * that `wf resume` validates too.
 */
import { HookPayloadInvalidError } from "../errors/index.js";
import type { Hook, HookOptions } from "./hooks.js";

/** The Standard Schema interface (https://standardschema.dev), as much of it as we use. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    validate(value: unknown): StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | {
      readonly issues: ReadonlyArray<{
        readonly message: string;
        readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
      }>;
    };

type InferInput<S> = S extends StandardSchemaV1<infer I, unknown> ? I : unknown;
type InferOutput<S> = S extends StandardSchemaV1<unknown, infer O> ? O : unknown;

/** What `resume()` returns: the run it resumed. */
export interface ResumedHook {
  runId: string;
  hookId: string;
  token: string;
}

/** A hook definition: `create()` in a workflow, `resume()` outside. */
export interface TypedHook<TInput, TOutput = TInput> {
  /** Creates a hook in the running workflow. Only inside a workflow function. */
  create(options?: HookOptions): Hook<TOutput>;
  /**
   * Validates `payload` with the schema (throws `HookPayloadInvalidError`, writing nothing, when
   * it fails), then resumes the hook with the validated value. Only outside workflows.
   */
  resume(token: string, payload: TInput, options?: { runtime?: unknown }): Promise<ResumedHook>;
}

/** What each realm plugs in. */
export interface DefineHookRealm {
  /** `definition` is the ID the compiler gave the definition, if it could. */
  create(options: HookOptions | undefined, definition: string | undefined): Hook<unknown>;
  /** Called once per definition with an ID (host realm: hook-registry.ts). */
  register?(definition: string, schema: StandardSchemaV1 | undefined): void;
  resume(token: string, payload: unknown, options?: { runtime?: unknown }): Promise<ResumedHook>;
}

/** Validates with a Standard Schema; the value it returns is what the workflow receives. */
export async function validateHookPayload(
  schema: StandardSchemaV1 | undefined,
  token: string,
  payload: unknown,
): Promise<unknown> {
  if (!schema) return payload;
  const result = await schema["~standard"].validate(payload);
  if (result.issues) throw new HookPayloadInvalidError(token, result.issues);
  return result.value;
}

function isSchema(value: unknown): value is StandardSchemaV1 {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as Partial<StandardSchemaV1>)["~standard"]?.validate === "function"
  );
}

/** The `defineHook` of one realm. */
export function createDefineHook(realm: DefineHookRealm) {
  function defineHook<T = unknown>(): TypedHook<T>;
  function defineHook<S extends StandardSchemaV1>(
    schema: S | { schema: S },
  ): TypedHook<InferInput<S>, InferOutput<S>>;
  function defineHook(
    arg?: StandardSchemaV1 | { schema?: StandardSchemaV1 },
    definition?: unknown,
  ): TypedHook<unknown, unknown> {
    const schema = isSchema(arg) ? arg : arg?.schema;
    if (arg !== undefined && schema !== undefined && !isSchema(schema)) {
      throw new TypeError(
        `defineHook() needs a Standard Schema (zod, valibot, arktype, ...) or { schema }, got ${typeof schema}`,
      );
    }
    // Only the compiler passes a second argument.
    const id = typeof definition === "string" && definition !== "" ? definition : undefined;
    if (id !== undefined) realm.register?.(id, schema);
    return {
      create: (options) => realm.create(options, id),
      async resume(token, payload, options) {
        const value = await validateHookPayload(schema, token, payload);
        return realm.resume(token, value, options);
      },
    };
  }
  return defineHook;
}
