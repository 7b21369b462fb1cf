/**
 * A promise of a workflow sandbox rejected with no handler (workflow code that leaves one
 * floating, or code the time limit stopped mid-way) is the run's business, not the process's:
 * Node reports every realm's rejections to the host's `process`, and by default turns an
 * unhandled one into an uncaught exception that ends the process, every other run with it.
 *
 * One `unhandledRejection` listener, added with the first sandbox, drops the rejections of
 * sandbox promises. It must not change what happens to the app's own: a listener's presence
 * alone stops Node's default, so when it is the only listener it throws the app's rejection
 * again as Node would (`--unhandled-rejections=throw`, the default), unless Node was started
 * with another mode, which it then leaves to Node's warning or silence.
 */

/** `Promise.prototype` of every live sandbox realm. */
const realmPromises = new WeakSet<object>();
let listening = false;

/** Registers a sandbox realm's `Promise.prototype`. */
export function dropRealmRejections(realmPromisePrototype: object): void {
  realmPromises.add(realmPromisePrototype);
  if (listening) return;
  listening = true;
  process.on("unhandledRejection", onUnhandledRejection);
}

function onUnhandledRejection(reason: unknown, promise: Promise<unknown>): void {
  if (realmPromises.has(Object.getPrototypeOf(promise) as object)) return;
  if (process.listenerCount("unhandledRejection") > 1) return; // the app listens itself
  if (nodeMode() !== "throw") {
    if (nodeMode() !== "none")
      process.emitWarning(`Unhandled promise rejection: ${String(reason)}`);
    return;
  }
  throw reason;
}

/** Node's `--unhandled-rejections` mode, from its flags (default `throw`). */
function nodeMode(): string {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  for (const flag of flags) {
    const match = /^--unhandled-rejections=(\S+)$/.exec(flag);
    if (match) return match[1]!;
  }
  return "throw";
}
