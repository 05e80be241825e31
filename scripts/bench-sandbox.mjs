// The emulator's figures (README "Performance"): how fast each shell starts, an in-process
// request's latency, requests per second of the wasm core behind Node's http server next to the
// native binary at concurrency 16, and the size of the emulator's wasm in the package.
// Prints figures; asserts nothing (speed goals are shown here, never by timed tests).
// Needs the package installed in tests/node_modules (scripts/install-for-tests.sh) and the
// native sandbox built (cargo build -p tokenops-sandbox --profile sandbox).
// Usage: node scripts/bench-sandbox.mjs [--runs 15] [--seconds 3]
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync, constants } from "node:zlib";
import http from "node:http";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { runs: { type: "string", default: "15" }, seconds: { type: "string", default: "3" } } });
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const tests = join(root, "tests");
const require = createRequire(join(tests, "package.json"));
const sandboxEntry = pathToFileURL(require.resolve("tokenops/sandbox")).href;
const NATIVE = join(root, "target/sandbox/tokenops-sandbox");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;

/** Node, fresh process: import tokenops/sandbox, then startSandbox(); both times, in ms. */
function nodeStart() {
  const script = `
    const t0 = performance.now();
    const { startSandbox } = await import(${JSON.stringify(sandboxEntry)});
    const t1 = performance.now();
    const sb = await startSandbox();
    const t2 = performance.now();
    console.log(JSON.stringify({ import: t1 - t0, start: t2 - t1 }));
    await sb.close();`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
}

/** The native binary: spawn to its "listening" line, in ms. */
function nativeStart() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(NATIVE, ["--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", (chunk) => {
      if (!String(chunk).startsWith("sandbox listening on")) return reject(new Error(String(chunk)));
      const t = performance.now() - t0;
      child.kill();
      child.once("exit", () => resolve(t));
    });
  });
}

/** p50 of an in-process `fetch` of GET /api/v3/token, body read. */
async function inProcessP50() {
  const { createSandbox } = await import(sandboxEntry);
  const sb = createSandbox();
  const url = `${sb.url}/api/v3/token`;
  const init = { headers: { "x-auth-token": "hopr-demo-token" } };
  const times = [];
  for (let i = 0; i < 6000; i++) {
    const t = performance.now();
    await (await sb.fetch(url, init)).arrayBuffer();
    if (i >= 1000) times.push(performance.now() - t);
    if (i % 1000 === 999) await sb.reset(); // keep the request log from dominating
  }
  return median(times);
}

/** Requests per second of GET /api/v3/token at `concurrency`, keep-alive, for SECONDS. */
async function throughput(url, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port } = new URL(url);
  const one = () =>
    new Promise((resolve, reject) => {
      const req = http.get({ hostname, port, path: "/api/v3/token", agent, headers: { "x-auth-token": "hopr-demo-token" } }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on("error", reject);
    });
  const until = performance.now() + SECONDS * 1000;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await one();
        done++;
      }
    }),
  );
  agent.destroy();
  return done / ((performance.now() - t0) / 1000);
}

/** A server in a process of its own (so the load does not share its event loop); its URL and a stop. */
function serverProcess(kind) {
  return new Promise((resolve, reject) => {
    const child =
      kind === "native"
        ? spawn(NATIVE, ["--port", "0"], { stdio: ["ignore", "pipe", "inherit"] })
        : spawn(process.execPath, ["--input-type=module", "-e", `const { startSandbox } = await import(${JSON.stringify(sandboxEntry)}); const sb = await startSandbox(); console.log("sandbox listening on " + sb.url);`], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", (chunk) => {
      const m = /sandbox listening on (http:\/\/\S+)/.exec(String(chunk));
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

console.log(`tokenops sandbox figures (${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${RUNS} runs)`);
const starts = [];
for (let i = 0; i < RUNS; i++) starts.push(nodeStart());
console.log(`  startSandbox() to listening, fresh Node:        median ${ms(median(starts.map((s) => s.start)))} (import of tokenops/sandbox before it: median ${ms(median(starts.map((s) => s.import)))})`);
const natives = [];
for (let i = 0; i < RUNS; i++) natives.push(await nativeStart());
console.log(`  native binary, spawn to listening:              median ${ms(median(natives))}`);
console.log(`  in-process fetch, GET /api/v3/token, p50:       ${ms(await inProcessP50())}`);
for (const kind of ["node", "native"]) {
  const server = await serverProcess(kind);
  try {
    await throughput(server.url, 16); // warm-up
    const rps = await throughput(server.url, 16);
    const label = kind === "node" ? "wasm core behind Node's http server, c=16:" : "native binary, c=16:";
    console.log(`  ${label.padEnd(48)}${Math.round(rps).toLocaleString("en")} requests/s`);
  } finally {
    server.stop();
  }
}
const wasm = readFileSync(join(tests, "node_modules/tokenops/web/sandbox/tokenops_sandbox_bg.wasm"));
const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION }).length;
console.log(`  the emulator's wasm in the package:             ${(wasm.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip (loaded only by tokenops/sandbox)`);
