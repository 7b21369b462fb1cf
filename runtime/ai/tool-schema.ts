/**
 * A tool's input schema, as the agent needs it inside the workflow sandbox: the JSON Schema the
 * model is shown, and validation of the input the model sends back. It imports nothing (the
 * sandbox cannot load `ai`, which needs Node), so it reads the schema's own interfaces:
 *
 * - Standard Schema with Standard JSON Schema (zod 4, and other validators that implement it):
 *   `schema["~standard"].jsonSchema.input(...)` and `schema["~standard"].validate(value)`;
 * - a schema from `ai` (`jsonSchema()`, `zodSchema()`): its `jsonSchema` and `validate`;
 * - a plain JSON Schema object (`{ type: "object", ... }`): shown as it is, not validated.
 */

/** A JSON Schema, as plain data (it crosses into the model-call step). */
export type JSONSchema = Record<string, unknown>;

interface StandardLike {
  "~standard": {
    validate(value: unknown): StandardResult | Promise<StandardResult>;
    jsonSchema?: { input(options: { target: string }): JSONSchema };
  };
}
type StandardResult =
  | { value: unknown; issues?: undefined }
  | { issues: readonly { message: string; path?: readonly unknown[] }[] };

interface AiSchemaLike {
  jsonSchema: JSONSchema | PromiseLike<JSONSchema>;
  validate?(value: unknown):
    | { success: boolean; value?: unknown; error?: Error }
    | PromiseLike<{
        success: boolean;
        value?: unknown;
        error?: Error;
      }>;
}

export type ToolInputSchema = StandardLike | AiSchemaLike | JSONSchema;

const isObject = (value: unknown): value is Record<PropertyKey, unknown> =>
  (typeof value === "object" || typeof value === "function") && value !== null;

const isStandard = (schema: unknown): schema is StandardLike =>
  isObject(schema) && isObject(schema["~standard"]);

// The AI SDK's own marker of its jsonSchema() objects (not one of ours: see protocol/symbols.ts).
const isAiSchema = (schema: unknown): schema is AiSchemaLike =>
  isObject(schema) && Symbol.for("vercel.ai.schema") in schema;

/** The tool's input schema as JSON Schema; throws, naming the tool, when there is none to read. */
export async function toJsonSchema(toolName: string, schema: unknown): Promise<JSONSchema> {
  if (schema === undefined) return { type: "object", properties: {}, additionalProperties: false };
  if (isAiSchema(schema)) return await schema.jsonSchema;
  if (isStandard(schema)) {
    const jsonSchema = schema["~standard"].jsonSchema;
    if (jsonSchema) return jsonSchema.input({ target: "draft-07" });
    throw new TypeError(
      `Tool "${toolName}": its input schema cannot describe itself as JSON Schema. ` +
        `Use a validator that implements Standard JSON Schema (zod 4 does), or wrap it with ` +
        `zodSchema() or jsonSchema() from "ai".`,
    );
  }
  if (isObject(schema) && typeof schema.type === "string") return schema as JSONSchema;
  throw new TypeError(
    `Tool "${toolName}": "inputSchema" (or "parameters") must be a schema, such as z.object({...}) ` +
      `from zod 4, jsonSchema({...}) from "ai", or a JSON Schema object.`,
  );
}

/** A Standard Schema path segment is a key, or an object holding one. */
const pathKey = (segment: unknown) =>
  String(isObject(segment) && "key" in segment ? segment.key : segment);

/** The validated input, or an Error whose message says what was wrong with it. */
export async function validateInput(
  toolName: string,
  schema: unknown,
  input: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; error: Error }> {
  const invalid = (detail: string) => ({
    ok: false as const,
    error: new TypeError(`Invalid input for tool "${toolName}": ${detail}`),
  });
  if (isAiSchema(schema)) {
    if (!schema.validate) return { ok: true, value: input };
    const result = await schema.validate(input);
    return result.success
      ? { ok: true, value: result.value }
      : invalid(result.error?.message ?? "rejected by its schema");
  }
  if (isStandard(schema)) {
    const result = await schema["~standard"].validate(input);
    if (result.issues === undefined) return { ok: true, value: result.value };
    return invalid(
      result.issues
        .map(
          (issue) =>
            (issue.path?.length ? `${issue.path.map(pathKey).join(".")}: ` : "") + issue.message,
        )
        .join("; "),
    );
  }
  return { ok: true, value: input };
}
