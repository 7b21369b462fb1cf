/**
 * One connection that LISTENs for the world's notifications (new queue messages, new stream
 * chunks, from this process or any other) and hands each payload to the subscribers of its
 * channel. Notifications only hasten what polling would find: a lost one delays, never loses.
 * A dropped connection is reported (`onLost`: the server may have restarted; see
 * connection-loss.ts) and made again, after a pause that grows to a few seconds.
 */
import type { Client, Notification } from "pg";

export type Subscriber = (payload: string) => void;

export interface Listener {
  subscribe(channel: string, subscriber: Subscriber): () => void;
  close(): Promise<void>;
}

const RECONNECT_MS = { first: 100, most: 5_000 };

/** `connect` makes a new (unconnected) client; the first must connect, or this rejects. */
export async function createListener(
  connect: () => Client,
  channels: string[],
  onLost: () => void = () => {},
): Promise<Listener> {
  const subscribers = new Map<string, Set<Subscriber>>();
  let client: Client;
  let closed = false;
  let pause = RECONNECT_MS.first;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const open = async (): Promise<void> => {
    const next = connect();
    let lost = false;
    const drop = () => {
      if (lost || closed) return;
      lost = true;
      onLost();
      void next.end().catch(() => {});
      reconnect();
    };
    next.on("notification", (message: Notification) => {
      for (const subscriber of subscribers.get(message.channel) ?? [])
        subscriber(message.payload ?? "");
    });
    next.on("error", drop);
    next.on("end", drop);
    client = next;
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN "${channel}"`);
    } catch (error) {
      lost = true;
      void next.end().catch(() => {});
      throw error;
    }
    pause = RECONNECT_MS.first;
  };
  const reconnect = () => {
    if (closed) return;
    retry = setTimeout(() => {
      retry = undefined;
      open().catch(() => {
        pause = Math.min(pause * 2, RECONNECT_MS.most);
        reconnect();
      });
    }, pause);
    retry.unref?.();
  };

  await open();
  return {
    subscribe(channel, subscriber) {
      let set = subscribers.get(channel);
      if (!set) subscribers.set(channel, (set = new Set()));
      set.add(subscriber);
      return () => set.delete(subscriber);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      subscribers.clear();
      await client.end().catch(() => {});
    },
  };
}
