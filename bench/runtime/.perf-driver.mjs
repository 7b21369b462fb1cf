// temp profiling driver (not committed)
import path from "node:path";
const ROOT = process.cwd();
const { createRuntime } = await import(path.join(ROOT, "dist/runtime/engine/runtime.js"));
const { createMemoryWorld } = await import(path.join(ROOT, "dist/runtime/worlds/index.js"));
const { start } = await import(path.join(ROOT, "dist/runtime/api/index.js"));
const { createBundleSource } = await import(path.join(ROOT, "dist/integrations/bundling/bundle-source.js"));
const bundles = createBundleSource({ root: ROOT });
const wf = (name) => Object.assign(async () => {}, { workflowId: `workflow//./bench/runtime/workloads//${name}` });
const runtime = createRuntime({ world: createMemoryWorld(), bundles });
await runtime.start();
const N = +(process.argv[2] ?? 100), steps = +(process.argv[3] ?? 10), par = +(process.argv[4] ?? 1);
for (let round = 0; round < 2; round++) {
  const t0 = performance.now(); const c0 = process.cpuUsage();
  for (let i = 0; i < N; i += par) {
    await Promise.all(Array.from({ length: par }, async () => {
      const h = await start(wf("trivial"), [steps], { runtime });
      if ((await h.returnValue) !== steps) throw new Error("bad");
    }));
  }
  const c = process.cpuUsage(c0);
  console.log(`round ${round}: ${((performance.now() - t0) / N / steps).toFixed(3)} ms/step wall, ${((c.user + c.system) / 1000 / N / steps).toFixed(3)} ms/step cpu`);
}
await runtime.close();
