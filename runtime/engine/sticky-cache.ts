import type { WorkflowSession } from "./session.js";

/** Live sessions of suspended runs, least recently used evicted first. Size 0 disables it. */
export class StickyCache {
  private readonly sessions = new Map<string, WorkflowSession>();
  hits = 0;
  misses = 0;
  private lossEpoch: number | undefined;

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

  /**
   * Drops every session when `lossEpoch` (World.lossEpoch, read as a message's handling began)
   * moved since the last call: the world may have lost events they were fed. Returns whether it
   * did.
   */
  forgetOnLoss(lossEpoch: number | undefined): boolean {
    const moved = this.lossEpoch !== undefined && lossEpoch !== this.lossEpoch;
    this.lossEpoch = lossEpoch;
    if (moved) this.sessions.clear();
    return moved;
  }

  drop(runId: string): void {
    this.sessions.delete(runId);
  }

  clear(): void {
    this.sessions.clear();
  }
}
