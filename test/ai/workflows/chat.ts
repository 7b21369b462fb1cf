/** The chat workflow behind the chat routes: one agent turn, streamed to the run's output. */
import { getWritable } from "workflow";
import { DurableAgent, type ModelMessage } from "workflow/ai";
import { scriptedModel } from "./scripted-model.js";

async function model() {
  "use step";
  return scriptedModel();
}

export async function chat(messages: ModelMessage[]) {
  "use workflow";
  const agent = new DurableAgent({ model, system: "You are a storyteller." });
  const result = await agent.stream({ messages, writable: getWritable() });
  return result.text;
}
