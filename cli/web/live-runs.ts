/**
 * The runs page's live feed (server-sent events): the first page of runs for the page's filter,
 * sent again whenever it changes. It polls `listRuns`, which every world answers from storage,
 * so it sees runs that another process (the app) starts.
 */
import type { ServerResponse } from "node:http";
import type { World } from "../../runtime/worlds/index.js";
import type { RunFilter } from "../../runtime/worlds/shared/world.js";

/** How often the feed reads the first page. */
export const LIVE_POLL_MS = 500;

export function streamRuns(world: World, filter: RunFilter, res: ServerResponse): void {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-store",
    connection: "keep-alive",
  });
  let last = "";
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const page = await world.listRuns(filter);
      const text = JSON.stringify(page);
      if (text !== last) {
        last = text;
        res.write(`event: runs\ndata: ${text}\n\n`);
      } else res.write(`: idle\n\n`);
    } catch (error) {
      res.write(`event: failure\ndata: ${JSON.stringify({ message: String(error) })}\n\n`);
    }
    if (!stopped) timer = setTimeout(tick, LIVE_POLL_MS);
  };
  res.on("close", () => {
    stopped = true;
    clearTimeout(timer);
  });
  void tick();
}
