/** `workflow/vite`: the fixture app fixtures/apps/vite, built by the real bundler (test/integrations/suite.ts). */
import { bundlerSuite } from "../../test/integrations/suite.js";

bundlerSuite("vite", {
  ext: "ts",
  location: (file, line, column) => new RegExp(`${file}:${line}:${column}`),
});
