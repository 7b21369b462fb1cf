/** The dashboard's page: two hash routes, `#/` (runs) and `#/run/<id>` (one run). */
import { renderRunPage } from "./run-page.js";
import { renderRunsPage } from "./runs-page.js";

const root = document.getElementById("app")!;
let leave: (() => void) | undefined;

function route() {
  leave?.();
  const match = /^#\/run\/(.+)$/.exec(location.hash);
  leave = match ? renderRunPage(root, decodeURIComponent(match[1]!)) : renderRunsPage(root);
  document.title = match ? `Run ${decodeURIComponent(match[1]!)}: workflow runs` : "Workflow runs";
  root.focus();
}

window.addEventListener("hashchange", route);
route();
