/**
 * `workflow/ai` (and `@workflow/ai`, which the bundler plugins alias here): `DurableAgent`,
 * whose loop runs in a workflow with every model call a step, and `WorkflowChatTransport`,
 * which lets the AI SDK's `useChat` read a run's stream and pick it up again after a drop.
 * Neither imports Node or "ai" here: the agent runs in the workflow sandbox, the transport in
 * the browser; the model calls themselves load "ai" on the server (host-steps.ts).
 */
export {
  type AgentStep,
  type AgentTool,
  type AgentTools,
  DurableAgent,
  type DurableAgentCallbacks,
  type DurableAgentOptions,
  type DurableAgentResult,
  type DurableAgentStreamOptions,
  type GenerationSettings,
  type ModelMessage,
  type ModelSpec,
  type PrepareStep,
  type PrepareStepInput,
  type PrepareStepResult,
  type ToolCall,
  type ToolChoice,
  type ToolExecutionOptions,
  type ToolResult,
} from "./durable-agent.js";
export {
  RUN_ID_HEADER,
  type ReconnectRequestConfig,
  type ReconnectToStreamOptions,
  type SendMessagesOptions,
  type SendMessagesRequestConfig,
  type UIMessageChunk,
  WorkflowChatTransport,
  type WorkflowChatTransportOptions,
} from "./chat-transport.js";
