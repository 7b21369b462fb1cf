import type { SerializationLimits } from "./limits.js";

/**
 * How `serialize` and `deserialize` fit one boundary of the runtime (client ⇄
 * run, workflow ⇄ step). The runtime makes one context per boundary and uses it
 * in both directions; everything is optional, and an empty context handles
 * plain data, built-in types and registered classes.
 */
export interface SerializationContext {
  /**
   * What is being (de)serialized, named in error messages, e.g.
   * `arguments of step "step//./src/order//charge"`.
   * @default "value"
   */
  readonly operation?: string;
  /**
   * The name error paths start from: with "args", a nested function is
   * reported at `args[1].customer.onUpdate`.
   * @default "value"
   */
  readonly root?: string;
  /**
   * The global object of the realm `deserialize` builds values for: its Date,
   * Map, Array, Error, ... constructors make the values, and its class registry
   * is searched first. For a `node:vm` sandbox pass the sandbox's own global
   * (`vm.runInContext("globalThis", context)`), not the contextified object.
   * Constructors that realm lacks (URL, Headers, ...) come from the host.
   * @default globalThis
   */
  readonly global?: object;
  /**
   * Turns a step function reference (a function with a string `stepId`) back
   * into something callable: the registered step in a step process, the step
   * proxy inside a workflow. Without it, deserializing a step reference fails.
   */
  readonly resolveStep?: (stepId: string) => unknown;
  /**
   * Stream support. Without it a ReadableStream or WritableStream (including a
   * Request or Response body) is an unsupported value.
   */
  readonly streams?: StreamCodec;
  /**
   * How deep and how large a value may be (shared references counted each time; see
   * limits.ts). Beyond them, both directions fail with SERIALIZATION_LIMIT.
   * @default DEFAULT_SERIALIZATION_LIMITS (depth 1000, 1,000,000 nodes)
   */
  readonly limits?: SerializationLimits;
}

/** The two kinds of stream that can cross a boundary. */
export type StreamKind = "ReadableStream" | "WritableStream";

/**
 * Turns streams into serializable references and back. A value counts as a
 * stream when its brand (`Object.prototype.toString`) is "ReadableStream" or
 * "WritableStream", so a workflow-side stream handle should carry that
 * `Symbol.toStringTag`.
 */
export interface StreamCodec {
  /**
   * Returns data identifying `stream` (e.g. `{ name, type: "bytes" }`), typically
   * after starting to pipe it to a server stream. Called synchronously during
   * `serialize`; the data is serialized like any other value. If it throws,
   * serialization fails with the stream's path and the error as `cause`.
   */
  reduce(stream: object, kind: StreamKind): unknown;
  /**
   * Rebuilds a stream from what `reduce` returned: a real stream in a step or
   * client, a handle inside a workflow.
   */
  revive(data: unknown, kind: StreamKind): unknown;
}
