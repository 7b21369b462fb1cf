/**
 * The runs page's live feed (server-sent events): the first page of runs for the page's filter,
 * sent again whenever it changes. It polls `listRuns`, which every world answers from storage,
 * so it sees runs that another process (the app) starts. Pages open on the same filter share
 * one poller: ten tabs cost one `listRuns` per tick, not ten.
 */
import type { ServerResponse } from "node:http";
import type { World } from "../../runtime/worlds/index.js";
import type { RunFilter } from "../../runtime/worlds/shared/world.js";

/** How often the feed reads the first page. */
export const LIVE_POLL_MS = 500;

interface Poller {
  clients: Set<ServerResponse>;
  /** The page as last sent (JSON), empty before the first read. */
  last: string;
  timer?: NodeJS.Timeout;
}

export interface LiveRuns {
  /** Sends `res` the first page for `filter` now (when known) and at every change. */
  subscribe(filter: RunFilter, res: ServerResponse): void;
}

export function createLiveRuns(world: World): LiveRuns {
  const pollers = new Map<string, Poller>();
  const tick = async (key: string, filter: RunFilter, poller: Poller) => {
    let message: string;
    try {
      const text = JSON.stringify(await world.listRuns(filter));
      message = text === poller.last ? `: idle\n\n` : `event: runs\ndata: ${text}\n\n`;
      poller.last = text;
    } catch (error) {
      message = `event: failure\ndata: ${JSON.stringify({ message: String(error) })}\n\n`;
    }
    for (const res of poller.clients) res.write(message);
    if (poller.clients.size === 0) {
      if (pollers.get(key) === poller) pollers.delete(key);
    } else poller.timer = setTimeout(() => void tick(key, filter, poller), LIVE_POLL_MS);
  };
  return {
    subscribe(filter, res) {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      const key = JSON.stringify(filter);
      let poller = pollers.get(key);
      if (poller?.last) res.write(`event: runs\ndata: ${poller.last}\n\n`);
      if (!poller) {
        poller = { clients: new Set(), last: "" };
        pollers.set(key, poller);
        void tick(key, filter, poller);
      }
      const joined = poller;
      joined.clients.add(res);
      res.on("close", () => {
        joined.clients.delete(res);
        if (joined.clients.size === 0) {
          clearTimeout(joined.timer);
          if (pollers.get(key) === joined) pollers.delete(key);
        }
      });
    },
  };
}
