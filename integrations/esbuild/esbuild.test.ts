/** `workflow/esbuild`: the fixture app fixtures/apps/esbuild, built by the real bundler (test/integrations/suite.ts). */
import { bundlerSuite } from "../../test/integrations/suite.js";

bundlerSuite("esbuild", {
  ext: "ts",
  location: (file, line, column) => new RegExp(`${file}:${line}:${column - 1}`),
  frame: (line, text) => new RegExp(`${line} │ ${text}`),
  importNote: true,
});
