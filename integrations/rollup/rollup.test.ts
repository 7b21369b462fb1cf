/** `workflow/rollup`: the fixture app fixtures/apps/rollup, built by the real bundler (test/integrations/suite.ts). */
import { bundlerSuite } from "../../test/integrations/suite.js";

bundlerSuite("rollup", {
  ext: "js",
  location: (file, line, column) => new RegExp(`${file}:${line}:${column}`),
});
