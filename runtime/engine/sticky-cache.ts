import type { WorkflowSession } from "./session.js";

/** Live sessions of suspended runs, least recently used evicted first. Size 0 disables it. */
export class StickyCache {
  private readonly sessions = new Map<string, WorkflowSession>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity: number) {}

  take(runId: string): WorkflowSession | undefined {
    const session = this.sessions.get(runId);
    if (session) {
      this.sessions.delete(runId);
      this.hits++;
    } else this.misses++;
    return session;
  }

  keep(runId: string, session: WorkflowSession): void {
    if (this.capacity <= 0) return;
    this.sessions.set(runId, session);
    while (this.sessions.size > this.capacity)
      this.sessions.delete(this.sessions.keys().next().value!);
  }

  drop(runId: string): void {
    this.sessions.delete(runId);
  }

  clear(): void {
    this.sessions.clear();
  }
}
