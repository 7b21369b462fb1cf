import { getWorkflowMetadata } from "workflow";

/**
 * Tells the test what a step saw, over HTTP to the app URL of the run (the test's server),
 * the way a real step would call an outside system. Plain function: only steps call it.
 */
export async function postNote(channel: string, value: unknown): Promise<void> {
  const url = new URL(`/api/notes/${channel}`, getWorkflowMetadata().url);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(value),
  });
  if (!response.ok) throw new Error(`note ${channel}: ${response.status}`);
}
