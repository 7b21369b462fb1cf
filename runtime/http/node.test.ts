/** toNodeHandler as a middleware: a request it passes on keeps its body for the next one. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { toNodeHandler } from "./node.js";

it("leaves the body of a request it does not match to the next middleware", async () => {
  const middleware = toNodeHandler(() => new Response("mine"), {
    match: (pathname) => pathname.startsWith("/.well-known/workflow/"),
  });
  const server = createServer((req, res) => {
    void middleware(req, res, async () => {
      let body = "";
      for await (const chunk of req) body += chunk;
      res.end(`next got ${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const passed = await fetch(`${base}/api/orders?x=1`, { method: "POST", body: "order" });
    expect(await passed.text()).toBe("next got order");
    const mine = await fetch(`${base}/.well-known/workflow/v1/flow`, { method: "POST" });
    expect(await mine.text()).toBe("mine");
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
