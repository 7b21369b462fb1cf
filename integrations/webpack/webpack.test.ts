/** `workflow/webpack`: the fixture app fixtures/apps/webpack, built by the real bundler (test/integrations/suite.ts). */
import { bundlerSuite } from "../../test/integrations/suite.js";

bundlerSuite("webpack", {
  ext: "js",
  location: (file, line, column) => new RegExp(`${file}:${line}:${column}`),
});
