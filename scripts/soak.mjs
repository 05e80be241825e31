// Soak: many mixed calls across the providers with ~5% injected faults, against a private sandbox.
// Prints the figures; exits 1 on any panic-like failure (an error that is not an ApiError), any
// unsettled promise, or wasm memory growth after warm-up.
// Usage: node scripts/soak.mjs [calls=100000] [concurrency=32]   (needs the package installed in
// tests/node_modules, as scripts/test.sh does)
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { watchWasmMemory, wasmMemoryBytes } from "./wasm-memory.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const requireFromTests = createRequire(join(root, "tests/package.json"));
watchWasmMemory();
const tokenops = requireFromTests("tokenops");
const { startSandbox } = await import(join(root, "tests/js/sandbox.mjs"));

export async function soak({ calls = 100_000, concurrency = 32, log = console.log } = {}) {
  const sandbox = await startSandbox();
  const url = sandbox.url;
  const ops = [];
  const hopr = new tokenops.HoprTokens({ baseUrl: url, apiToken: "hopr-admin-token", retry: false });
  const demo = new tokenops.HoprTokens({ baseUrl: url, apiToken: "hopr-demo-token", retry: false });
  ops.push({ path: "/api/v3/token", run: () => demo.getToken() });
  ops.push({ path: "/api/v3/tokens/", run: () => hopr.createToken({ capabilities: [{ endpoint: "nodePing" }], lifetime: 60 }) });
  ops.push({ path: "/api/v3/tokens/missing", run: () => hopr.deleteToken("missing").catch((e) => (e.status === 404 ? null : Promise.reject(e))) });
  // Every provider, unconditionally (a class missing from the package fails the soak).
  const a = new tokenops.AuthleteTokens({ baseUrl: url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", retry: false });
  ops.push({ path: "/api/auth/token/get/list", run: () => a.list({ subject: "alice" }) });
  const k = new tokenops.KnetikTokens({ baseUrl: url, clientId: "admin-client", clientSecret: "admin-secret", retry: false });
  ops.push({ path: "/auth/tokens", run: () => k.getTokens({ size: 5 }) });
  // ~5% of each path's calls meet a fault, spread over the run.
  const kinds = [{ status: 503, body: "" }, { drop: true }, { status: 500, body: "{}" }, { status: 200, body: "{" }];
  const perPath = Math.ceil(calls / ops.length);
  const scriptFaults = async (n) => {
    for (const op of ops) {
      for (let i = 0; i < n; i++) await sandbox.fault({ path: op.path, ...kinds[i % kinds.length] });
    }
  };

  let ok = 0;
  let apiErrors = 0;
  const other = [];
  let settled = 0;
  let next = 0;
  const warmup = Math.floor(calls / 10);
  let memAfterWarmup = 0;
  let rssAfterWarmup = 0;
  const started = performance.now();
  const batch = 1000;
  async function worker() {
    while (next < calls) {
      const i = next++;
      if (i % batch === 0) await scriptFaults(Math.round((batch / ops.length) * 0.05));
      if (i === warmup) {
        memAfterWarmup = wasmMemoryBytes();
        rssAfterWarmup = process.memoryUsage().rss;
      }
      try {
        await ops[i % ops.length].run();
        ok++;
      } catch (e) {
        if (e instanceof tokenops.ApiError) apiErrors++;
        else other.push(String(e));
      } finally {
        settled++;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const mem = wasmMemoryBytes();
  const rss = process.memoryUsage().rss;
  await sandbox.stop();
  const result = {
    calls,
    concurrency,
    seconds: Number(seconds.toFixed(2)),
    callsPerSecond: Math.round(calls / seconds),
    ok,
    apiErrors,
    faultShare: Number((apiErrors / calls).toFixed(4)),
    otherErrors: other.length,
    unsettled: calls - settled,
    wasmMemoryAfterWarmup: memAfterWarmup,
    wasmMemoryAtEnd: mem,
    rssAfterWarmupMiB: Number((rssAfterWarmup / 2 ** 20).toFixed(1)),
    rssAtEndMiB: Number((rss / 2 ** 20).toFixed(1)),
    perPath,
  };
  log(JSON.stringify(result, null, 2));
  if (other.length) log(`non-ApiError failures (first 5): ${other.slice(0, 5).join(" | ")}`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const calls = Number(process.argv[2] ?? 100_000);
  const concurrency = Number(process.argv[3] ?? 32);
  const r = await soak({ calls, concurrency });
  const failed = r.otherErrors > 0 || r.unsettled > 0 || r.wasmMemoryAtEnd > r.wasmMemoryAfterWarmup;
  process.exit(failed ? 1 : 0);
}
