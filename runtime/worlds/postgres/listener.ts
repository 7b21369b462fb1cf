/**
 * One connection that LISTENs for the world's notifications (new queue messages, new stream
 * chunks, from this process or any other) and hands each payload to the subscribers of its
 * channel. Notifications only hasten what polling would find: a lost one delays, never loses.
 */
import type { Client, Notification } from "pg";

export type Subscriber = (payload: string) => void;

export interface Listener {
  subscribe(channel: string, subscriber: Subscriber): () => void;
  close(): Promise<void>;
}

export async function createListener(client: Client, channels: string[]): Promise<Listener> {
  const subscribers = new Map<string, Set<Subscriber>>();
  client.on("notification", (message: Notification) => {
    for (const subscriber of subscribers.get(message.channel) ?? [])
      subscriber(message.payload ?? "");
  });
  // A dropped connection ends notifications; pollers still find the work.
  client.on("error", () => {});
  await client.connect();
  for (const channel of channels) await client.query(`LISTEN "${channel}"`);
  return {
    subscribe(channel, subscriber) {
      let set = subscribers.get(channel);
      if (!set) subscribers.set(channel, (set = new Set()));
      set.add(subscriber);
      return () => set.delete(subscriber);
    },
    async close() {
      subscribers.clear();
      await client.end().catch(() => {});
    },
  };
}
