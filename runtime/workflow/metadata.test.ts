/** The app URL that runs report (webhook URLs, getWorkflowMetadata().url). */
import { describe, expect, it } from "vitest";
import { getAppUrl } from "./metadata.js";

describe("getAppUrl", () => {
  it("takes WORKFLOW_URL first, then the server's own URL, then PORT, then 3000", () => {
    const server = "http://127.0.0.1:5174";
    expect(getAppUrl({ WORKFLOW_URL: "https://app.example", PORT: "8080" }, server)).toBe(
      "https://app.example",
    );
    expect(getAppUrl({ PORT: "8080" }, server)).toBe(server);
    expect(getAppUrl({ PORT: "8080" })).toBe("http://localhost:8080");
    expect(getAppUrl({})).toBe("http://localhost:3000");
  });

  it("treats empty variables as unset", () => {
    expect(getAppUrl({ PORT: "" })).toBe("http://localhost:3000");
    expect(getAppUrl({ WORKFLOW_URL: "", PORT: "" }, "http://127.0.0.1:5174")).toBe(
      "http://127.0.0.1:5174",
    );
  });
});
