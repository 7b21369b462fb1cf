/**
 * `DurableAgent`: an AI SDK style agent loop that runs inside a workflow. The loop itself (which
 * tool to run, when to stop, prepareStep, callbacks) is workflow code, replayed from the log;
 * every model call is a built-in step (host-steps.ts), so a crash, a deploy or a retry never
 * pays for a model call twice, and tools marked `"use step"` are steps of their own, retried
 * like any other. What the model streams is written to the run's writable as UI message chunks
 * (`run.readable` on the server, `WorkflowChatTransport` in the browser).
 *
 * Nothing here may use Node or the `ai` package: it runs in the workflow sandbox.
 */
import { AI_MODEL_CALL_STEP_ID, AI_WRITE_CHUNKS_STEP_ID } from "../workflow/builtin-step-ids.js";
import { getWritable } from "../workflow/in-workflow-io.js";
import {
  GENERATION_SETTING_KEYS,
  type GenerationSettings,
  type ModelCallRequest,
  type ModelCallResult,
  type ModelMessage,
  type ModelSpec,
  type ToolCall,
  type ToolChoice,
  type UIChunk,
} from "./protocol.js";
import { type JSONSchema, toJsonSchema, validateInput } from "./tool-schema.js";
import { USE_STEP } from "../../protocol/symbols.js";

export type { GenerationSettings, ModelMessage, ModelSpec, ToolCall, ToolChoice, UIChunk };

/** What a tool's `execute` receives besides its input. */
export interface ToolExecutionOptions {
  toolCallId: string;
  /** The conversation up to the model call that asked for this tool. */
  messages: ModelMessage[];
  experimental_context?: unknown;
}

/**
 * A tool the model may call. `execute` marked `"use step"` runs as a durable step (retried,
 * recorded); a plain `execute` runs in the workflow, where it may `sleep()` or await a hook;
 * a tool without `execute` is answered by the client, and ends the loop when called.
 */
export interface AgentTool<Input = any, Output = unknown> {
  description?: string;
  /** A schema for the input: zod 4, `jsonSchema()` / `zodSchema()` from "ai", or JSON Schema. */
  inputSchema?: unknown;
  /** The same as `inputSchema` (the older AI SDK name, which the seed uses). */
  parameters?: unknown;
  execute?: (input: Input, options: ToolExecutionOptions) => Output | Promise<Output>;
}

export type AgentTools = Record<string, AgentTool>;

/** One executed tool call. */
export interface ToolResult extends ToolCall {
  output: unknown;
  /** Whether `execute` threw (or the input was invalid); `output` is then the error message. */
  isError?: boolean;
}

/** One model call and the tool calls it led to. */
export interface AgentStep extends Omit<ModelCallResult, "responseMessages"> {
  stepNumber: number;
  toolResults: ToolResult[];
  /** The messages this step added: the assistant's, then the tool results. */
  messages: ModelMessage[];
}

/** What `prepareStep` receives: the settings of the next model call, and what came before. */
export interface PrepareStepInput extends GenerationSettings {
  /** 0 for the first model call of this `stream()`. */
  stepNumber: number;
  /** The same as `stepNumber`. */
  stepIndex: number;
  steps: AgentStep[];
  messages: ModelMessage[];
  model: ModelSpec;
  system?: string;
  toolChoice?: ToolChoice;
  activeTools?: string[];
}

/**
 * What `prepareStep` may change for the next model call: model, system, toolChoice, activeTools
 * and generation settings stay changed for later calls; `messages` is for this call only.
 * Other keys (such as `stepIndex`, when the input is spread back) are ignored.
 */
export type PrepareStepResult = Partial<
  Pick<PrepareStepInput, "model" | "system" | "toolChoice" | "activeTools" | "messages">
> &
  GenerationSettings;

export type PrepareStep = (
  step: PrepareStepInput,
) => PrepareStepResult | void | undefined | Promise<PrepareStepResult | void | undefined>;

export interface DurableAgentResult {
  /** The whole conversation: the messages passed in, then every assistant and tool message. */
  messages: ModelMessage[];
  /** One entry per model call. */
  steps: AgentStep[];
  /** The tool calls of the last step, including those left to the client. */
  toolCalls: ToolCall[];
  /** The executed tool calls of the last step. */
  toolResults: ToolResult[];
  /** The text of the last step. */
  text: string;
  finishReason: string;
  /** Tokens over every step. */
  totalUsage: { inputTokens: number; outputTokens: number; totalTokens: number };
}

export interface DurableAgentCallbacks {
  prepareStep?: PrepareStep;
  onStepFinish?: (step: AgentStep) => void | Promise<void>;
  onFinish?: (result: DurableAgentResult) => void | Promise<void>;
}

export interface DurableAgentOptions<TOOLS extends AgentTools = AgentTools>
  extends GenerationSettings, DurableAgentCallbacks {
  /**
   * A model ID for the AI Gateway ("anthropic/claude-haiku-4.5"), or a `"use step"` function
   * that returns a language model (`async () => { "use step"; return openai("gpt-5"); }`):
   * model objects hold clients and keys, so they are made where the model is called.
   */
  model: ModelSpec;
  system?: string;
  /** The same as `system`. */
  instructions?: string;
  tools?: TOOLS;
  toolChoice?: ToolChoice;
}

export interface DurableAgentStreamOptions extends GenerationSettings, DurableAgentCallbacks {
  messages: ModelMessage[];
  /** Where UI message chunks go. @default getWritable() */
  writable?: WritableStream<any>;
  /** Replaces the agent's system prompt for this call. */
  system?: string;
  /** At most this many model calls. @default unlimited */
  maxSteps?: number;
  toolChoice?: ToolChoice;
  activeTools?: string[];
  /** Called when the loop fails (a model call out of retries); the error is then rethrown. */
  onError?: (event: { error: unknown }) => void | Promise<void>;
  /** Keep the stream open at the end (for a next turn). @default false */
  preventClose?: boolean;
  /** Write the `start` chunk before the first model call's output. @default true */
  sendStart?: boolean;
  /** Write a `finish` chunk at the end. @default true */
  sendFinish?: boolean;
  experimental_context?: unknown;
}
type StepCaller = (stepId: string) => (...args: unknown[]) => Promise<unknown>;

function builtinStep<Args extends unknown[], R>(stepId: string): (...args: Args) => Promise<R> {
  const useStep = (globalThis as { [USE_STEP]?: StepCaller })[USE_STEP];
  if (!useStep)
    throw new Error(
      `DurableAgent.stream() can only be called inside a workflow function ("use workflow"): ` +
        `each model call is a step of that workflow. Start the workflow with start() from "workflow/api".`,
    );
  return useStep(stepId) as (...args: Args) => Promise<R>;
}

const isStepFunction = (value: unknown) =>
  typeof value === "function" && typeof (value as { stepId?: unknown }).stepId === "string";

function checkModel(model: unknown, where: string): asserts model is ModelSpec {
  if (typeof model === "string" && model.length > 0) return;
  if (isStepFunction(model)) return;
  const what =
    typeof model === "function"
      ? 'a function without "use step"'
      : model === null
        ? "null"
        : typeof model === "object"
          ? "a model object"
          : typeof model;
  throw new TypeError(
    `${where}: "model" is ${what}. Pass a model ID ("anthropic/claude-haiku-4.5") or a "use step" ` +
      `function that returns the model (async () => { "use step"; return openai("gpt-5"); }): ` +
      `the model is made inside the step that calls it, since a model object cannot be recorded.`,
  );
}

function pickSettings(source: object): GenerationSettings {
  const settings: Record<string, unknown> = {};
  for (const key of GENERATION_SETTING_KEYS) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) settings[key] = value;
  }
  return settings as GenerationSettings;
}

const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : typeof error === "string" ? error : String(error);

/** A tool result as the model reads it back (the `output` of a `tool-result` part). */
function toModelOutput(result: ToolResult) {
  if (result.isError) return { type: "error-text", value: String(result.output) };
  if (typeof result.output === "string") return { type: "text", value: result.output };
  return { type: "json", value: result.output === undefined ? null : result.output };
}

/** A tool result as the UI reads it. */
function toOutputChunk(result: ToolResult): UIChunk {
  return result.isError
    ? { type: "tool-output-error", toolCallId: result.toolCallId, errorText: String(result.output) }
    : { type: "tool-output-available", toolCallId: result.toolCallId, output: result.output };
}

function addUsage(total: DurableAgentResult["totalUsage"], usage: ModelCallResult["usage"]) {
  total.inputTokens += usage.inputTokens ?? 0;
  total.outputTokens += usage.outputTokens ?? 0;
  total.totalTokens += usage.totalTokens ?? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}

export class DurableAgent<TOOLS extends AgentTools = AgentTools> {
  readonly #options: DurableAgentOptions<TOOLS>;

  constructor(options: DurableAgentOptions<TOOLS>) {
    // The model is checked by stream(): in a step bundle, this module-level code can run before
    // the bundle has stamped its "use step" factory with its ID.
    if (typeof options !== "object" || options === null || options.model === undefined)
      throw new TypeError(`new DurableAgent(): pass { model, ... }.`);
    for (const [name, tool] of Object.entries(options.tools ?? {})) {
      if (typeof tool !== "object" || tool === null)
        throw new TypeError(`new DurableAgent(): tool "${name}" must be an object.`);
      if (tool.execute !== undefined && typeof tool.execute !== "function")
        throw new TypeError(
          `new DurableAgent(): tool "${name}" has an "execute" that is not a function.`,
        );
    }
    this.#options = options;
  }

  get tools(): TOOLS {
    return (this.#options.tools ?? {}) as TOOLS;
  }

  /**
   * Runs the agent loop: a model call (a step), the tools it asked for (in parallel), and again,
   * until the model answers without tool calls, a tool is left to the client, or `maxSteps`
   * model calls were made. Streams UI message chunks to `writable` as it goes.
   */
  async stream(options: DurableAgentStreamOptions): Promise<DurableAgentResult> {
    const agent = this.#options;
    checkModel(agent.model, "DurableAgent");
    if (!Array.isArray(options?.messages))
      throw new TypeError(`DurableAgent.stream(): "messages" must be an array of model messages.`);
    const modelCall = builtinStep<[WritableStream, ModelCallRequest], ModelCallResult>(
      AI_MODEL_CALL_STEP_ID,
    );
    const writeChunks = builtinStep<[WritableStream, UIChunk[], boolean], void>(
      AI_WRITE_CHUNKS_STEP_ID,
    );
    const writable = options.writable ?? getWritable();
    const prepareStep = options.prepareStep ?? agent.prepareStep;
    const maxSteps = options.maxSteps ?? Infinity;
    const context = options.experimental_context;

    const tools: ModelCallRequest["tools"] = {};
    for (const [name, tool] of Object.entries(this.tools)) {
      const inputSchema: JSONSchema = await toJsonSchema(name, tool.inputSchema ?? tool.parameters);
      tools[name] = {
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        inputSchema,
      };
    }

    let call: Omit<ModelCallRequest, "messages" | "tools" | "prelude"> = {
      model: agent.model,
      ...(options.system !== undefined ||
      agent.system !== undefined ||
      agent.instructions !== undefined
        ? { system: options.system ?? agent.system ?? agent.instructions }
        : {}),
      ...(options.toolChoice !== undefined || agent.toolChoice !== undefined
        ? { toolChoice: options.toolChoice ?? agent.toolChoice }
        : {}),
      ...(options.activeTools !== undefined ? { activeTools: options.activeTools } : {}),
      settings: { ...pickSettings(agent), ...pickSettings(options) },
    };
    const messages: ModelMessage[] = [...options.messages];
    const steps: AgentStep[] = [];
    const totalUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
    // The sandbox's crypto is seeded: a replay makes the same message ID.
    let prelude: UIChunk[] =
      options.sendStart === false ? [] : [{ type: "start", messageId: crypto.randomUUID() }];
    let failure: { error: unknown } | undefined;

    try {
      for (let stepNumber = 0; stepNumber < maxSteps; stepNumber++) {
        let callMessages = messages;
        if (prepareStep) {
          const changes = await prepareStep({
            stepNumber,
            stepIndex: stepNumber,
            steps: [...steps],
            messages: [...messages],
            model: call.model,
            ...(call.system !== undefined ? { system: call.system } : {}),
            ...(call.toolChoice !== undefined ? { toolChoice: call.toolChoice } : {}),
            ...(call.activeTools !== undefined ? { activeTools: call.activeTools } : {}),
            ...call.settings,
          });
          if (changes) {
            if (changes.model !== undefined) checkModel(changes.model, "prepareStep()");
            call = {
              ...call,
              ...(changes.model !== undefined ? { model: changes.model } : {}),
              ...(changes.system !== undefined ? { system: changes.system } : {}),
              ...(changes.toolChoice !== undefined ? { toolChoice: changes.toolChoice } : {}),
              ...(changes.activeTools !== undefined ? { activeTools: changes.activeTools } : {}),
              settings: { ...call.settings, ...pickSettings(changes) },
            };
            if (changes.messages !== undefined) callMessages = changes.messages;
          }
        }

        // Handed over now: the step's first attempt writes it, even if the call then fails.
        const owed = prelude;
        prelude = [];
        const { responseMessages, ...result } = await modelCall(writable, {
          ...call,
          messages: callMessages,
          tools,
          prelude: owed,
        });
        addUsage(totalUsage, result.usage);
        const stepMessages: ModelMessage[] = [...responseMessages];
        messages.push(...responseMessages);

        const executable = result.toolCalls.filter((c) => this.tools[c.toolName]?.execute);
        const leftToClient = result.toolCalls.length > executable.length;
        const toolResults = await Promise.all(
          executable.map((c) => this.#executeTool(c, [...messages], context)),
        );
        if (toolResults.length > 0) {
          const toolMessage: ModelMessage = {
            role: "tool",
            content: toolResults.map((r) => ({
              type: "tool-result",
              toolCallId: r.toolCallId,
              toolName: r.toolName,
              output: toModelOutput(r),
            })),
          };
          messages.push(toolMessage);
          stepMessages.push(toolMessage);
          prelude = toolResults.map(toOutputChunk);
        }
        const step: AgentStep = { ...result, stepNumber, toolResults, messages: stepMessages };
        steps.push(step);
        await (options.onStepFinish ?? agent.onStepFinish)?.(step);
        if (result.toolCalls.length === 0 || leftToClient) break;
      }
    } catch (error) {
      failure = { error };
    }

    const ending: UIChunk[] = [...prelude];
    if (failure) {
      await options.onError?.(failure);
      ending.push({ type: "error", errorText: errorMessage(failure.error) });
    }
    if (options.sendFinish !== false) ending.push({ type: "finish" });
    await writeChunks(writable, ending, options.preventClose !== true);
    if (failure) throw failure.error;

    const last = steps.at(-1);
    const result: DurableAgentResult = {
      messages,
      steps,
      toolCalls: last?.toolCalls ?? [],
      toolResults: last?.toolResults ?? [],
      text: last?.text ?? "",
      finishReason: last?.finishReason ?? "other",
      totalUsage,
    };
    await agent.onFinish?.(result);
    if (options.onFinish && options.onFinish !== agent.onFinish) await options.onFinish(result);
    return result;
  }

  /** Runs one tool call; a throw (or invalid input) becomes an error result the model reads. */
  async #executeTool(
    call: ToolCall,
    messages: ModelMessage[],
    context: unknown,
  ): Promise<ToolResult> {
    const tool = this.tools[call.toolName]!;
    const input = await validateInput(
      call.toolName,
      tool.inputSchema ?? tool.parameters,
      call.input,
    );
    if (!input.ok) return { ...call, output: input.error.message, isError: true };
    // Called unbound, as the AI SDK does: a step's `this` would be serialized with the call.
    const execute = tool.execute!;
    try {
      const output = await execute(input.value, {
        toolCallId: call.toolCallId,
        messages,
        ...(context !== undefined ? { experimental_context: context } : {}),
      });
      return { ...call, output };
    } catch (error) {
      return { ...call, output: errorMessage(error), isError: true };
    }
  }
}
