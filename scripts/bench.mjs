// Benchmark (issue 6): tokenops against a hand-written fetch + JSON.parse baseline and the official
// SDKs (@hoprnet/hopr-sdk, @authlete/typescript-sdk, @knetik/knetikcloud-sdk), all against a private
// sandbox. Measures shipped size, per-call latency, throughput, decoding of 10,000 records, cold
// start (Node: the tokenops/hopr entry and the combined one, and the `tokenops hopr get` command;
// Chromium) and memory. Writes build/bench/results.md (+ results.json) and
// build/bench/chart.svg, and prints the table.
// Usage: node scripts/bench.mjs [--quick] [--from build/bench/results.json (the report only, from an earlier run)]
//   [--readme [README.md]] (a full run's table into that file, between `<!-- bench:start -->` and
//   `<!-- bench:end -->`; quick figures are refused)
// Needs the package installed in tests/node_modules (scripts/install-for-tests.sh) and the sandbox
// built (cargo build -p tokenops-sandbox --profile sandbox). Installs bench/node_modules when missing.
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, extname } from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import os from "node:os";
import { watchWasmMemory, wasmMemoryBytes } from "./wasm-memory.mjs";
import { measureRustAppSize } from "./rust-app-size.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const benchDir = join(root, "bench");
const outDir = join(root, "build/bench");
const pkgDir = join(root, "tests/node_modules/tokenops");
const requireFromTests = createRequire(join(root, "tests/package.json"));
watchWasmMemory();
const tokenops = requireFromTests("tokenops");

// ---------------------------------------------------------------- memory child mode
if (process.argv[2] === "--memory-child") {
  await memoryChild(process.argv[3], Number(process.argv[4]));
  process.exit(0);
}

const quick = process.argv.includes("--quick");
// `--from <results.json>`: only the report, from the figures of an earlier run.
const fromFile = process.argv.includes("--from") ? process.argv[process.argv.indexOf("--from") + 1] : null;
// `--readme [file]`: the table also goes into that file (README.md by default) between its markers.
const readmeArg = process.argv.indexOf("--readme");
const readmeNext = process.argv[readmeArg + 1];
const readmeFile = readmeArg < 0 ? null : readmeNext && !readmeNext.startsWith("--") ? readmeNext : join(root, "README.md");
const C = quick
  ? { reps: 1, warm: 10, latency: 50, conc: [1, 16], tputCalls: 200, records: 1000, decodeRuns: 3, coldNode: 3, cli: 3, coldChromium: 2, memCalls: 2000 }
  : { reps: 3, warm: 100, latency: 1000, conc: [1, 16, 256], tputCalls: 2000, records: 10000, decodeRuns: 10, coldNode: 10, cli: 10, coldChromium: 5, memCalls: 100000 };
const t00 = performance.now();
const log = (...a) => console.error("[bench]", `${((performance.now() - t00) / 1000).toFixed(0)} s`, ...a);

const { startSandbox } = await import(pathToFileURL(join(root, "tests/js/sandbox.mjs")).href);
mkdirSync(outDir, { recursive: true });

// ---------------------------------------------------------------- official SDKs
const sdk = ensureBenchDeps();
const requireFromBench = createRequire(join(benchDir, "package.json"));

/** Installs bench/node_modules from bench/package-lock.json unless the stamp says it is current. */
function ensureBenchDeps() {
  const lock = join(benchDir, "package-lock.json");
  const stamp = join(benchDir, "node_modules/.tokenops-lock-stamp");
  if (!existsSync(lock)) return { ok: false, why: "bench/package-lock.json missing" };
  const sum = createHash("sha256").update(readFileSync(lock)).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === sum) return { ok: true };
  log("installing the official SDKs into bench/node_modules");
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error", "--fetch-retries=1", "--fetch-timeout=15000"],
    { cwd: benchDir, stdio: ["ignore", 2, 2] /* npm's output goes to stderr: stdout is the table */, timeout: quick ? 45_000 : 180_000 });
  if (r.status !== 0) return { ok: false, why: `npm ci in bench/ failed (${r.error?.code ?? `exit ${r.status}`}); SDK columns are n/a` };
  writeFileSync(stamp, sum + "\n");
  return { ok: true };
}

async function importSdk(spec) {
  return import(pathToFileURL(requireFromBench.resolve(spec)).href);
}

// ---------------------------------------------------------------- statistics
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// ---------------------------------------------------------------- the calls
const B64 = (s) => Buffer.from(s).toString("base64");
const FETCH_OPTS = { cache: "no-store", redirect: "manual", credentials: "omit" };

/** A hand-written fetch + JSON.parse call: same URL, headers and auth as tokenops sends. */
function rawGet(url, headers) {
  return async () => {
    const res = await fetch(url, { ...FETCH_OPTS, headers: { accept: "application/json", ...headers } });
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return JSON.parse(text);
  };
}

async function knetikOAuthToken(url) {
  const res = await fetch(`${url}/oauth/token`, {
    ...FETCH_OPTS,
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=admin-client&client_secret=admin-secret",
  });
  return JSON.parse(await res.text()).access_token;
}

/** The representative call per provider, in the three implementations (sdk: fn or why not). */
async function makeCases(url) {
  const hopr = new tokenops.HoprTokens({ baseUrl: url, apiToken: "hopr-demo-token", retry: false });
  const a2 = new tokenops.AuthleteTokens({ baseUrl: url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", retry: false });
  const a3 = new tokenops.AuthleteTokens({ baseUrl: url, serviceId: "715948317", accessToken: "sandbox-service-token", retry: false });
  const k = new tokenops.KnetikTokens({ baseUrl: url, clientId: "admin-client", clientSecret: "admin-secret", retry: false });
  await k.getTokens({ size: 5 }); // the OAuth token is fetched once and cached, as for the others
  const kToken = await knetikOAuthToken(url);

  const cases = [
    {
      key: "hopr", label: "HOPR getToken",
      tokenops: () => hopr.getToken(),
      baseline: rawGet(`${url}/api/v3/token`, { "x-auth-token": "hopr-demo-token" }),
      sdk: "n/a",
    },
    {
      key: "authlete-v2", label: "Authlete list v2",
      tokenops: () => a2.list({ subject: "alice" }),
      baseline: rawGet(`${url}/api/auth/token/get/list?subject=alice`, { authorization: `Basic ${B64("sandbox-key:sandbox-secret")}` }),
      sdk: "n/a: the SDK speaks only the v3 API (Bearer, /api/{serviceId}/...); see the v3 row",
    },
    {
      key: "authlete-v3", label: "Authlete list v3",
      tokenops: () => a3.list({ subject: "alice" }),
      baseline: rawGet(`${url}/api/715948317/auth/token/get/list?subject=alice`, { authorization: "Bearer sandbox-service-token" }),
      sdk: "n/a",
    },
    {
      key: "knetik", label: "Knetik getTokens",
      tokenops: () => k.getTokens({ size: 5 }),
      baseline: rawGet(`${url}/auth/tokens?size=5`, { authorization: `Bearer ${kToken}` }),
      sdk: "n/a",
    },
  ];
  if (!sdk.ok) {
    for (const c of cases) if (typeof c.sdk === "string" && c.sdk === "n/a") c.sdk = `n/a: ${sdk.why}`;
    return cases;
  }
  // HOPR: @hoprnet/hopr-sdk validates answers with zod and requires `limits` on every capability,
  // which the node API v3 schema (and the sandbox) leave out when a capability has no limits.
  try {
    const { getToken } = await importSdk("@hoprnet/hopr-sdk/api");
    await getToken({ apiEndpoint: url, apiToken: "hopr-demo-token" });
    cases[0].sdk = () => getToken({ apiEndpoint: url, apiToken: "hopr-demo-token" });
  } catch (e) {
    cases[0].sdk = `n/a: @hoprnet/hopr-sdk getToken throws ${e?.name ?? "an error"} on the sandbox's answer` +
      (e?.name === "ZodError" ? " (its schema requires `limits` on every capability; the API marks it optional)" : `: ${String(e?.message ?? e).slice(0, 120)}`);
  }
  try {
    const { AuthleteCore } = await importSdk("@authlete/typescript-sdk/core.js");
    const { tokenManagementList } = await importSdk("@authlete/typescript-sdk/funcs/tokenManagementList.js");
    const core = new AuthleteCore({ serverURL: url, bearer: "sandbox-service-token" });
    const call = async (req) => {
      const r = await tokenManagementList(core, { serviceId: "715948317", ...req });
      if (!r.ok) throw r.error;
      return r.value;
    };
    await call({ subject: "alice" });
    cases[2].sdk = () => call({ subject: "alice" });
    cases[2].sdkRaw = call;
  } catch (e) {
    cases[2].sdk = `n/a: @authlete/typescript-sdk failed: ${String(e?.message ?? e).slice(0, 120)}`;
  }
  try {
    const { default: ApiClient } = await importSdk("@knetik/knetikcloud-sdk/src/ApiClient.js");
    const { default: AuthTokensApi } = await importSdk("@knetik/knetikcloud-sdk/src/api/AuthTokensApi.js");
    const client = new ApiClient();
    client.basePath = url;
    client.authentications.oauth2_client_credentials_grant.accessToken = kToken;
    const api = new AuthTokensApi(client);
    await api.getTokens({ size: 5 });
    cases[3].sdk = () => api.getTokens({ size: 5 });
    cases[3].sdkRaw = (opts) => api.getTokens(opts);
  } catch (e) {
    cases[3].sdk = `n/a: @knetik/knetikcloud-sdk failed: ${String(e?.message ?? e).slice(0, 120)}`;
  }
  return cases;
}

const IMPLS = ["tokenops", "baseline", "sdk"];

async function latency(fn, n, warm) {
  for (let i = 0; i < warm; i++) await fn();
  const t = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    t[i] = performance.now() - s;
  }
  return { p50: pct(t, 50), p99: pct(t, 99) };
}

async function throughput(fn, calls, concurrency) {
  let next = 0;
  const s = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < calls) {
      next++;
      await fn();
    }
  }));
  return calls / ((performance.now() - s) / 1000);
}

// ---------------------------------------------------------------- 1. size
async function measureSize() {
  const { build } = await import(pathToFileURL(createRequire(join(root, "package.json")).resolve("esbuild")).href);
  const comp = (buf) => ({
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
  const sum = (parts) => parts.reduce((a, p) => ({ raw: a.raw + p.raw, gzip: a.gzip + p.gzip, brotli: a.brotli + p.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const files = ["tokenops_bg.wasm", "tokenops.js", "index.js", "api-error.js"];
  const tok = sum(files.map((f) => comp(readFileSync(join(pkgDir, "web", f)))));
  const wasm = comp(readFileSync(join(pkgDir, "web/tokenops_bg.wasm")));
  const entries = {
    hopr: { pkg: "@hoprnet/hopr-sdk", src: `export { getToken, createToken, deleteToken } from "@hoprnet/hopr-sdk/api";\n` },
    authlete: {
      pkg: "@authlete/typescript-sdk",
      src: ["AuthleteCore from \"@authlete/typescript-sdk/core.js\"", ...["Create", "Update", "Revoke", "Delete", "List"].map((op) => `tokenManagement${op} from "@authlete/typescript-sdk/funcs/tokenManagement${op}.js"`)]
        .map((l) => { const [name, from] = l.split(" from "); return `export { ${name} } from ${from};`; }).join("\n") + "\n",
    },
    knetik: {
      pkg: "@knetik/knetikcloud-sdk",
      src: `export { default as ApiClient } from "@knetik/knetikcloud-sdk/src/ApiClient.js";\nexport { default as AuthTokensApi } from "@knetik/knetikcloud-sdk/src/api/AuthTokensApi.js";\nexport { default as AccessTokenApi } from "@knetik/knetikcloud-sdk/src/api/Access_TokenApi.js";\n`,
    },
  };
  const sdks = {};
  for (const [key, e] of Object.entries(entries)) {
    if (!sdk.ok) { sdks[key] = { why: sdk.why }; continue; }
    try {
      const r = await build({
        stdin: { contents: e.src, resolveDir: benchDir, sourcefile: `entry-${key}.mjs` },
        bundle: true, minify: true, platform: "browser", format: "esm", write: false, logLevel: "silent",
        outfile: join(outDir, `bundle-${key}.js`),
      });
      const out = r.outputFiles.find((f) => f.path.endsWith(".js"));
      writeFileSync(out.path, out.contents);
      sdks[key] = { ...comp(Buffer.from(out.contents)), pkg: e.pkg, warnings: r.warnings.length };
    } catch (err) {
      const why = `esbuild cannot bundle ${e.pkg} for the browser: ${String(err.errors?.[0]?.text ?? err.message).slice(0, 160)}`;
      // A lower bound: the same bundle with the unresolvable Node built-ins left out (a real app
      // would add polyfills on top).
      const missing = [...new Set((err.errors ?? []).map((x) => /Could not resolve "([^"]+)"/.exec(x.text)?.[1]).filter(Boolean))];
      let lower = null;
      if (missing.length) {
        try {
          const r = await build({
            stdin: { contents: e.src, resolveDir: benchDir, sourcefile: `entry-${key}.mjs` },
            bundle: true, minify: true, platform: "browser", format: "esm", write: false, logLevel: "silent",
            outfile: join(outDir, `bundle-${key}-without-${missing.join("-")}.js`), external: missing,
          });
          const out = r.outputFiles.find((f) => f.path.endsWith(".js"));
          writeFileSync(out.path, out.contents);
          lower = { ...comp(Buffer.from(out.contents)), without: missing };
        } catch { /* no lower bound */ }
      }
      sdks[key] = { why: lower ? `${why}; it needs a polyfill for ${missing.join(", ")} (the Node built-in); sizes shown are a lower bound without it` : why, lower };
    }
  }
  // Each entry as an app ships it: its wasm plus its JS bundled and minified (esbuild), gzip -9.
  const entrySizes = {};
  for (const [key, dir] of [["tokenops", "web"], ["hopr", "web/hopr"], ["authlete", "web/authlete"], ["knetik", "web/knetik"]]) {
    const r = await build({ entryPoints: [join(pkgDir, dir, "index.js")], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "silent" });
    const js = gzipSync(Buffer.from(r.outputFiles[0].contents), { level: 9 }).length;
    const w = gzipSync(readFileSync(join(pkgDir, dir, "tokenops_bg.wasm")), { level: 9 }).length;
    entrySizes[key] = { wasm: w, js, total: w + js };
  }
  return { tok, wasm, sdks, entries: entrySizes };
}

// ---------------------------------------------------------------- 4. decoding
async function measureDecode(url, n, runs) {
  const a3 = new tokenops.AuthleteTokens({ baseUrl: url, serviceId: "715948317", accessToken: "sandbox-service-token", retry: false });
  const k = new tokenops.KnetikTokens({ baseUrl: url, clientId: "admin-client", clientSecret: "admin-secret", retry: false });
  await k.getTokens({ size: 1 });
  const kToken = await knetikOAuthToken(url);
  const cases = await makeCases(url);
  const out = [];
  const defs = [
    {
      key: "authlete", label: `Authlete list of ${n.toLocaleString("en")} tokens (v3)`,
      tokenops: () => a3.list({ subject: "seeded", start: 0, end: n }),
      url: `${url}/api/715948317/auth/token/get/list?subject=seeded&start=0&end=${n}`,
      headers: { authorization: "Bearer sandbox-service-token" },
      sdk: typeof cases[2].sdk === "function" ? () => cases[2].sdkRaw({ subject: "seeded", start: 0, end: n }) : cases[2].sdk,
      count: (r) => r.accessTokens.length,
    },
    {
      key: "knetik", label: `Knetik page of ${n.toLocaleString("en")} tokens`,
      tokenops: () => k.getTokens({ filterClientId: "seed-client", size: n }),
      url: `${url}/auth/tokens?filter_client_id=seed-client&size=${n}`,
      headers: { authorization: `Bearer ${kToken}` },
      sdk: typeof cases[3].sdk === "function" ? () => cases[3].sdkRaw({ filterClientId: "seed-client", size: n }) : cases[3].sdk,
      count: (r) => r.content.length,
    },
  ];
  for (const d of defs) {
    const got = d.count(await d.tokenops());
    if (got !== n) throw new Error(`${d.label}: tokenops got ${got} records, expected ${n}`);
    const t = { tokenops: [], fetchText: [], parse: [], decode: [], sdk: [] };
    for (let i = 0; i < runs; i++) {
      let s = performance.now();
      await d.tokenops();
      t.tokenops.push(performance.now() - s);
      s = performance.now();
      const res = await fetch(d.url, { ...FETCH_OPTS, headers: { accept: "application/json", ...d.headers } });
      const text = await res.text();
      const mid = performance.now();
      const parsed = JSON.parse(text);
      t.fetchText.push(mid - s);
      t.parse.push(performance.now() - mid);
      if (d.count(parsed) !== n) throw new Error(`${d.label}: baseline got ${d.count(parsed)} records`);
      // Decode only: the same call with `fetch` answered in-process by the very bytes the
      // baseline fetched, so the network is out of the figure.
      const bytes = new TextEncoder().encode(text);
      const realFetch = globalThis.fetch;
      globalThis.fetch = async () => new Response(bytes, { status: 200, headers: { "content-type": "application/json" } });
      let decoded;
      try {
        s = performance.now();
        decoded = await d.tokenops();
        t.decode.push(performance.now() - s);
      } finally {
        globalThis.fetch = realFetch;
      }
      if (d.count(decoded) !== n) throw new Error(`${d.label}: in-process call got ${d.count(decoded)} records`);
      if (typeof d.sdk === "function") {
        s = performance.now();
        await d.sdk();
        t.sdk.push(performance.now() - s);
      }
    }
    const m = Object.fromEntries(Object.entries(t).map(([k2, v]) => [k2, v.length ? median(v) : null]));
    out.push({ ...d, full: m.tokenops, baselineFull: m.fetchText + m.parse, fetchText: m.fetchText, parse: m.parse,
      decode: m.decode, sdkFull: m.sdk, sdkWhy: typeof d.sdk === "string" ? d.sdk : null });
  }
  return out;
}

// ---------------------------------------------------------------- 5. cold start
async function coldNode(url, runs) {
  // The headline is the tokenops/hopr entry, which instantiates only the HOPR wasm; `tokenops`
  // (node/index.mjs) instantiates the combined one.
  const entry = (file) => JSON.stringify(pathToFileURL(join(pkgDir, "node", file)).href);
  // Node loads its fetch implementation (undici, about 20 ms here) on the first call of fetch or
  // the first read of Request, Response or Headers, not on reading globalThis.fetch (a lazy
  // wrapper). Reading Request before t0 loads it, so the figures are the import and the first
  // call, not Node's own fetch (tokenops builds a Request before it calls fetch).
  const child = (body) => `
const realFetch = globalThis.fetch;
globalThis.Request;
const t0 = performance.now();
let sent = null;
globalThis.fetch = (...a) => { if (sent === null) sent = performance.now() - t0; return realFetch(...a); };
${body}
const done = performance.now() - t0;
process.stdout.write(JSON.stringify({ sent, done }));
process.exit(0);`;
  const scripts = {
    tokenops: child(`const { HoprTokens } = await import(${entry("hopr.mjs")});
await new HoprTokens({ baseUrl: ${JSON.stringify(url)}, apiToken: "hopr-demo-token" }).getToken();`),
    combined: child(`const { HoprTokens } = await import(${entry("index.mjs")});
await new HoprTokens({ baseUrl: ${JSON.stringify(url)}, apiToken: "hopr-demo-token" }).getToken();`),
    baseline: child(`const r = await fetch(${JSON.stringify(url + "/api/v3/token")}, { headers: { accept: "application/json", "x-auth-token": "hopr-demo-token" } });
JSON.parse(await r.text());`),
  };
  if (sdk.ok) {
    const a = (s) => JSON.stringify(pathToFileURL(requireFromBench.resolve(s)).href);
    scripts.sdk = child(`const { AuthleteCore } = await import(${a("@authlete/typescript-sdk/core.js")});
const { tokenManagementList } = await import(${a("@authlete/typescript-sdk/funcs/tokenManagementList.js")});
const r = await tokenManagementList(new AuthleteCore({ serverURL: ${JSON.stringify(url)}, bearer: "sandbox-service-token" }), { serviceId: "715948317", subject: "alice" });
if (!r.ok) throw r.error;`);
  }
  const res = {};
  for (const [name, src] of Object.entries(scripts)) {
    const sent = [];
    const done = [];
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", src], { encoding: "utf8", timeout: 30_000 });
      if (r.status !== 0) throw new Error(`cold start child (${name}) failed: ${r.stderr}`);
      const j = JSON.parse(r.stdout);
      sent.push(j.sent);
      done.push(j.done);
    }
    res[name] = { sent: median(sent), done: median(done) };
  }
  return res;
}

/**
 * `tokenops hopr get` as its users run it: wall time from spawn to exit of a fresh Node process on
 * the package's command, Node's own startup included; and of `node -e 0`, the floor every Node
 * command pays. Medians of `runs`.
 */
function coldCommand(url, runs) {
  const env = { ...process.env, TOKENOPS_HOPR_URL: url, TOKENOPS_HOPR_TOKEN: "hopr-demo-token" };
  const wall = (args) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const r = spawnSync(process.execPath, args, { env, encoding: "utf8", timeout: 30_000 });
      times.push(performance.now() - s);
      if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${r.stderr}`);
    }
    return median(times);
  };
  return { command: wall([join(pkgDir, "cli/tokenops.mjs"), "hopr", "get"]), node: wall(["-e", "0"]) };
}

async function coldChromium(url, runs) {
  let chromium;
  try {
    ({ chromium } = createRequire(join(root, "package.json"))("playwright-core"));
  } catch (e) {
    return { why: `playwright-core not installed: ${e.message}` };
  }
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(exe)) return { why: `no Chromium at ${exe}` };
  const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const page = `<!doctype html><meta charset="utf-8">
<script type="importmap">{ "imports": { "tokenops": "/tokenops/web/index.js" } }</script>
<script type="module">
const t0 = performance.now();
let sent = null;
const realFetch = window.fetch;
window.fetch = (...a) => { if (sent === null) sent = performance.now() - t0; return realFetch(...a); };
const { HoprTokens } = await import("tokenops");
await new HoprTokens({ baseUrl: new URLSearchParams(location.search).get("sandbox"), apiToken: "hopr-demo-token" }).getToken();
window.benchResult = { sent, done: performance.now() - t0 };
</script>`;
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, "http://x");
    if (pathname === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
    if (pathname.startsWith("/tokenops/") && !pathname.includes("..")) {
      try {
        const body = await readFile(join(pkgDir, pathname.slice("/tokenops/".length)));
        return res.writeHead(200, { "content-type": TYPES[extname(pathname)] ?? "application/octet-stream" }).end(body);
      } catch { /* fall through */ }
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: exe,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const sent = [];
    const done = [];
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext(); // fresh HTTP cache each run
      const p = await ctx.newPage();
      await p.goto(`${origin}/?sandbox=${encodeURIComponent(url)}`);
      await p.waitForFunction(() => window.benchResult, null, { timeout: 30_000 });
      const r = await p.evaluate(() => window.benchResult);
      sent.push(r.sent);
      done.push(r.done);
      await ctx.close();
    }
    return { sent: median(sent), done: median(done) };
  } finally {
    await browser.close();
    server.close();
  }
}

// ---------------------------------------------------------------- 6. memory (own process)
async function memoryChild(url, calls) {
  const hopr = new tokenops.HoprTokens({ baseUrl: url, apiToken: "hopr-demo-token", retry: false });
  const a = new tokenops.AuthleteTokens({ baseUrl: url, apiKey: "sandbox-key", apiSecret: "sandbox-secret", retry: false });
  const k = new tokenops.KnetikTokens({ baseUrl: url, clientId: "admin-client", clientSecret: "admin-secret", retry: false });
  const ops = [() => hopr.getToken(), () => a.list({ subject: "alice" }), () => k.getTokens({ size: 5 })];
  const warm = Math.floor(calls / 10);
  let next = 0;
  let wasmWarm = 0;
  let rssWarm = 0;
  const rssStart = process.memoryUsage().rss;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < calls) {
      const i = next++;
      if (i === warm) {
        globalThis.gc?.();
        wasmWarm = wasmMemoryBytes();
        rssWarm = process.memoryUsage().rss;
      }
      await ops[i % ops.length]();
    }
  }));
  globalThis.gc?.();
  process.stdout.write(JSON.stringify({ calls, rssStart, wasmWarm, rssWarm, wasmEnd: wasmMemoryBytes(), rssEnd: process.memoryUsage().rss }));
}

async function measureMemory(url, calls) {
  const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--memory-child", url, String(calls)], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`memory child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------- run everything
const started = performance.now();
const results = fromFile ? JSON.parse(readFileSync(fromFile, "utf8")) : await measureAll();
Object.assign(C, results.config);

async function measureAll() {
const results = { quick, config: C, date: new Date().toISOString(), machine: { cpu: os.cpus()[0]?.model ?? "?", cores: os.cpus().length, node: process.version, os: `${os.type()} ${os.release()}` } };

log("1/6 size");
results.size = await measureSize();
log("1/6 size of a Rust app (builds bench/rust-app/tokenops and bench/rust-app/plain)");
results.rustApp = measureRustAppSize();

const sandbox = await startSandbox(["--seed", String(C.records)]);
try {
  const cases = await makeCases(sandbox.url);
  log("2/6 latency");
  const lat = {};
  for (const c of cases) lat[c.key] = Object.fromEntries(IMPLS.map((i) => [i, { p50: [], p99: [] }]));
  for (let rep = 0; rep < C.reps; rep++) {
    for (const c of cases) {
      for (const impl of IMPLS) {
        if (typeof c[impl] !== "function") continue;
        const r = await latency(c[impl], C.latency, C.warm);
        lat[c.key][impl].p50.push(r.p50);
        lat[c.key][impl].p99.push(r.p99);
      }
    }
  }
  log("3/6 throughput");
  const tput = {};
  for (const c of cases) tput[c.key] = Object.fromEntries(C.conc.map((n) => [n, Object.fromEntries(IMPLS.map((i) => [i, []]))]));
  for (let rep = 0; rep < C.reps; rep++) {
    for (const c of cases) {
      for (const n of C.conc) {
        for (const impl of IMPLS) {
          if (typeof c[impl] !== "function") continue;
          tput[c.key][n][impl].push(await throughput(c[impl], C.tputCalls, n));
        }
      }
    }
  }
  results.cases = cases.map((c) => ({
    key: c.key, label: c.label,
    sdkWhy: typeof c.sdk === "string" ? c.sdk : null,
    latency: Object.fromEntries(IMPLS.map((i) => [i, lat[c.key][i].p50.length ? { p50: median(lat[c.key][i].p50), p99: median(lat[c.key][i].p99) } : null])),
    throughput: Object.fromEntries(C.conc.map((n) => [n, Object.fromEntries(IMPLS.map((i) => [i, tput[c.key][n][i].length ? median(tput[c.key][n][i]) : null]))])),
  }));
  log("4/6 decoding");
  results.decode = await measureDecode(sandbox.url, C.records, C.decodeRuns);
  log("5/6 cold start");
  results.coldNode = await coldNode(sandbox.url, C.coldNode);
  results.coldCommand = coldCommand(sandbox.url, C.cli);
  try {
    results.coldChromium = await coldChromium(sandbox.url, C.coldChromium);
  } catch (e) {
    results.coldChromium = { why: `Chromium run failed: ${String(e.message).split("\n")[0].slice(0, 160)}` };
  }
  log("6/6 memory");
  results.memory = await measureMemory(sandbox.url, C.memCalls);
} finally {
  await sandbox.stop();
}
results.seconds = (performance.now() - started) / 1000;
return results;
}

// ---------------------------------------------------------------- report
const ms = (x) => (x == null ? "n/a" : x < 10 ? `${x.toFixed(3)} ms` : `${x.toFixed(1)} ms`);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ratio = (a, b) => (a == null || b == null || !b ? "n/a" : `${(a / b).toFixed(2)}x`);
const cps = (x) => (x == null ? "n/a" : `${Math.round(x).toLocaleString("en")}/s`);
const mark = (ok) => (ok == null ? "-" : ok ? "met" : "**missed**");
const rows = [];
const notes = [];
const row = (item, tok, base, sdkCell, r, target, ok) => rows.push(`| ${item} | ${tok} | ${base} | ${sdkCell} | ${r} | ${target} | ${mark(ok)} |`);

const S = results.size;
const sdkBytes = (key) => (S.sdks[key].why ? S.sdks[key].lower : S.sdks[key]);
const sdkSize = (key, f) => (sdkBytes(key) ? `${S.sdks[key].why ? ">= " : ""}${kb(sdkBytes(key)[f])}` : "n/a");
const allSdks = ["hopr", "authlete", "knetik"].every((k) => sdkBytes(k));
const anyLower = ["hopr", "authlete", "knetik"].some((k) => S.sdks[k].why);
const sdkSum = (f) => (allSdks ? `${anyLower ? ">= " : ""}${kb(["hopr", "authlete", "knetik"].reduce((a, k) => a + sdkBytes(k)[f], 0))}` : "n/a");
row("size gzip, browser build (3 providers) vs sum of 3 SDK bundles", kb(S.tok.gzip), "-", sdkSum("gzip"), "-", "-", null);
// Issue 21's lines: each entry as an app ships it (wasm + JS bundled and minified, gzip).
const ENTRY_TARGETS = { tokenops: 140, hopr: 68, authlete: 108, knetik: 78 };
for (const [key, limit] of Object.entries(S.entries ? ENTRY_TARGETS : {})) {
  const e = S.entries[key];
  const name = key === "tokenops" ? "tokenops (all three)" : `tokenops/${key}`;
  const sdkCell = key === "tokenops" ? sdkSum("gzip") : sdkSize(key, "gzip");
  row(`size gzip, ${name}: wasm + JS bundled and minified (wasm ${kb(e.wasm)})`, kb(e.total), "-", sdkCell, "-", `<= ${limit} KB`, e.total <= limit * 1024);
}
row("size brotli, browser build vs sum of 3 SDK bundles", kb(S.tok.brotli), "-", sdkSum("brotli"), "-", "-", null);
row("size gzip, of which the wasm", kb(S.wasm.gzip), "-", "-", "-", "-", null);
const RA = results.rustApp;
const TARGET_RUST_APP = 30 * 1024;
row("size gzip, Rust wasm app reading its HOPR token: with tokenops (hopr) vs gloo-net + serde", `${kb(RA.tokenops.wasm.gzip)} (+${kb(RA.addedWasm)})`, kb(RA.plain.wasm.gzip), "-", ratio(RA.tokenops.wasm.gzip, RA.plain.wasm.gzip), "<= +30 KB gzip", RA.addedWasm <= TARGET_RUST_APP);
row("size gzip, the same two apps' JS glue", `${kb(RA.tokenops.js.gzip)} (+${kb(RA.tokenops.js.gzip - RA.plain.js.gzip)})`, kb(RA.plain.js.gzip), "-", ratio(RA.tokenops.js.gzip, RA.plain.js.gzip), "-", null);
for (const [key, name] of [["hopr", "@hoprnet/hopr-sdk"], ["authlete", "@authlete/typescript-sdk"], ["knetik", "@knetik/knetikcloud-sdk"]]) {
  row(`size gzip / brotli, SDK bundle ${name} (token ops only)`, "-", "-", sdkBytes(key) ? `${sdkSize(key, "gzip")} / ${sdkSize(key, "brotli")}` : "n/a", "-", "-", null);
  if (S.sdks[key].why) notes.push(`${name} size: ${S.sdks[key].why}`);
}
for (const c of results.cases) {
  const L = c.latency;
  const okLat = L.tokenops.p50 <= 1.25 * L.baseline.p50 && (L.sdk == null || L.tokenops.p50 <= L.sdk.p50);
  row(`latency p50 ${c.label}`, ms(L.tokenops.p50), ms(L.baseline.p50), ms(L.sdk?.p50), ratio(L.tokenops.p50, L.baseline.p50), "<= 1.25x baseline, <= SDK", okLat);
  row(`latency p99 ${c.label}`, ms(L.tokenops.p99), ms(L.baseline.p99), ms(L.sdk?.p99), ratio(L.tokenops.p99, L.baseline.p99), "-", null);
  if (c.sdkWhy) notes.push(`${c.label}, SDK: ${c.sdkWhy.replace(/^n\/a: /, "")}`);
}
for (const c of results.cases) {
  for (const n of C.conc) {
    const T = c.throughput[n];
    const okT = T.tokenops >= 0.8 * T.baseline && (T.sdk == null || T.tokenops >= T.sdk);
    row(`throughput c=${n} ${c.label}`, cps(T.tokenops), cps(T.baseline), cps(T.sdk), ratio(T.tokenops, T.baseline), ">= 0.80x baseline, >= SDK", okT);
  }
}
for (const d of results.decode) {
  const okFull = d.full <= 1.3 * d.baselineFull && (d.sdkFull == null || d.full < d.sdkFull);
  row(`decode ${d.label}: full call`, ms(d.full), ms(d.baselineFull), ms(d.sdkFull), ratio(d.full, d.baselineFull), "<= 1.3x baseline, < SDK", okFull);
  row(`decode ${d.label}: decode only`, ms(d.decode), ms(d.parse), "-", ratio(d.decode, d.parse), "<= 2.0x JSON.parse", d.decode <= 2.0 * d.parse);
  if (d.sdkWhy) notes.push(`${d.label}, SDK: ${d.sdkWhy.replace(/^n\/a: /, "")}`);
}
const CN = results.coldNode;
row("cold start Node, import -> first request sent of tokenops/hopr (HOPR getToken)", ms(CN.tokenops.sent), "-", "-", "-", "<= 20 ms", CN.tokenops.sent <= 20);
row("cold start Node, import -> first response decoded of tokenops/hopr", ms(CN.tokenops.done), ms(CN.baseline.done), CN.sdk ? ms(CN.sdk.done) : "n/a", ratio(CN.tokenops.done, CN.baseline.done), "-", null);
row("cold start Node, import -> first request sent / response decoded of tokenops (combined entry)", `${ms(CN.combined.sent)} / ${ms(CN.combined.done)}`, "-", "-", "-", "-", null);
const CM = results.coldCommand;
row("cold start Node, `tokenops hopr get` wall time, Node startup included (baseline: `node -e 0`)", ms(CM.command), ms(CM.node), "-", ratio(CM.command, CM.node), "<= 150 ms", CM.command <= 150);
const CC = results.coldChromium;
if (CC.why) {
  row("cold start Chromium, import -> first request sent", "n/a", "-", "-", "-", "-", null);
  notes.push(`Chromium cold start: ${CC.why}`);
} else {
  row("cold start Chromium, import -> first request sent", ms(CC.sent), "-", "-", "-", "-", null);
  row("cold start Chromium, import -> first response decoded", ms(CC.done), "-", "-", "-", "-", null);
}
const M = results.memory;
const MiB = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
row(`memory: wasm linear memory after warm-up -> after ${M.calls.toLocaleString("en")} calls`, `${M.wasmWarm.toLocaleString("en")} -> ${M.wasmEnd.toLocaleString("en")} B`, "-", "-", "-", "flat after warm-up", M.wasmEnd <= M.wasmWarm);
row(`memory: process RSS start / after warm-up / after ${M.calls.toLocaleString("en")} calls`, `${MiB(M.rssStart)} / ${MiB(M.rssWarm)} / ${MiB(M.rssEnd)}`, "-", "-", "-", "flat after warm-up (<= +10 %)", M.rssEnd <= 1.1 * M.rssWarm);

const m = results.machine;
const md = [
  `# tokenops benchmark${results.quick ? " (quick mode: small counts, 1 repetition, not for publishing)" : ""}`,
  "",
  `${results.date.slice(0, 10)}; ${m.cpu}, ${m.cores} cores, ${m.os}, Node ${m.node}; sandbox on loopback; ` +
    `medians of ${C.reps} run(s); latency ${C.latency} sequential calls per case after ${C.warm} warm-up; throughput ${C.tputCalls} calls per concurrency; ` +
    `decoding ${C.decodeRuns} runs; cold start ${C.coldNode} Node / ${C.coldChromium} Chromium runs, the command ${C.cli} runs; ${results.seconds.toFixed(0)} s in all.`,
  "",
  "| item | tokenops | fetch + JSON.parse baseline | official SDK | tokenops / baseline | target | status |",
  "|---|---|---|---|---|---|---|",
  ...rows,
  "",
  "How to read it:",
  "- Sizes: per-file gzip -9 and brotli -q 11 (node:zlib) of `web/tokenops_bg.wasm`, `tokenops.js`, `index.js`, `api-error.js`; SDK bundles are esbuild (bundle, minify, platform browser, esm) of entries importing only the token operations. KB = 1024 bytes.",
  "- Rust app: `bench/rust-app/tokenops` (tokenops with `default-features = false, features = [\"hopr\"]`, no JS shell) and `bench/rust-app/plain` (the same app on gloo-net + serde directly) export one async function that reads the caller's HOPR token; both `wasm-pack build --release --target web` with the package's profile, then wasm-opt -Oz as the package's build (scripts/rust-app-size.mjs); the baseline column is the plain app, the figure in brackets what tokenops adds.",
  "- Baseline: `fetch` with the same URL, headers and auth as tokenops sends, then `res.text()` and `JSON.parse`. Knetik baseline and SDK use an OAuth token fetched once; tokenops caches its own.",
  "- Decode only: the whole tokenops call with `globalThis.fetch` answered in-process by a `Response` of the very bytes the baseline fetched (request building, gloo-net, reading the body into wasm, the engine's `JSON.parse`, the Rust model's check of its object through serde-wasm-bindgen; the object is handed on as it is), so only the network is left out; compared with the median `JSON.parse` of that text (the baseline's UTF-8 decoding happens in `res.text()`, outside this figure).",
  "- Cold start: fresh `node` process (or fresh Chromium context, page served from a loopback origin with an import map), `performance.now()` before the `await import` of the entry to the first `fetch()` call (request sent) and to the decoded answer. In Node the entry is `tokenops/hopr` (`node/hopr.mjs`, the HOPR wasm only), and `tokenops` (`node/index.mjs`, the combined wasm) on its own row; in Chromium `tokenops`. The baseline has no import. In Node, `globalThis.Request` is read before the clock starts: that loads Node's fetch implementation (undici), which any caller pays once (reading `globalThis.fetch` alone does not; earlier runs read only that, and their figures include undici's load, about 20 ms).",
  "- `tokenops hopr get`: `spawnSync` of `node <package>/cli/tokenops.mjs hopr get` with `TOKENOPS_HOPR_URL` and `TOKENOPS_HOPR_TOKEN` set, wall time from spawn to exit (Node's startup, the command, its one request); the baseline is `node -e 0`, what any Node command pays before its first line.",
  "- Memory: separate Node process, HOPR/Authlete/Knetik calls in turn at concurrency 16, after `gc()`; warm-up = the first 10 % of the calls.",
  ...(notes.length ? ["", "Not measured, or measured with a caveat:", ...notes.map((n) => `- ${n}`)] : []),
  "",
].join("\n");
writeFileSync(join(outDir, "results.md"), md);
writeFileSync(join(outDir, "results.json"), JSON.stringify(results, (k, v) => (typeof v === "function" ? undefined : v), 2));
writeFileSync(join(outDir, "chart.svg"), chart(results));
if (readmeFile) intoReadme(readmeFile, md, results.quick);
console.log(md);
log(`wrote build/bench/results.md, results.json, chart.svg (${results.seconds.toFixed(0)} s)`);
process.exit(0);

/**
 * Writes the run's line and table into `file` between `<!-- bench:start -->` and
 * `<!-- bench:end -->`, so that the README shows the figures of a run as the bench printed them.
 */
function intoReadme(file, md, isQuick) {
  if (isQuick) throw new Error("--readme: quick figures are not for publishing; run without --quick");
  const [START, END] = ["<!-- bench:start -->", "<!-- bench:end -->"];
  const text = readFileSync(file, "utf8");
  const [from, to] = [text.indexOf(START), text.indexOf(END)];
  if (from < 0 || to < from) throw new Error(`--readme: ${file} has no ${START} ... ${END} block`);
  const lines = md.split("\n");
  const run = lines.find((l) => /^\d{4}-\d{2}-\d{2}; /.test(l));
  const table = lines.filter((l) => l.startsWith("|"));
  const block = [START, "", `Full run of \`node scripts/bench.mjs\`: ${run}`, "", ...table, "", END].join("\n");
  writeFileSync(file, text.slice(0, from) + block + text.slice(to + END.length));
  log(`wrote the table into ${file}`);
}

// ---------------------------------------------------------------- chart
function chart(r) {
  const W = 760;
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const colors = { tokenops: "#3b6fd6", baseline: "#8a8a8a", sdk: "#e08a2c" };
  const parts = [];
  let y = 30;
  parts.push(`<text x="10" y="${y}" font-size="15" font-weight="bold">Per-call latency p50 (ms, lower is better)</text>`);
  y += 14;
  const maxLat = Math.max(...r.cases.flatMap((c) => IMPLS.map((i) => c.latency[i]?.p50 ?? 0)));
  for (const c of r.cases) {
    y += 8;
    parts.push(`<text x="10" y="${y + 12}" font-size="12">${esc(c.label)}</text>`);
    for (const i of IMPLS) {
      const v = c.latency[i]?.p50;
      const w = v == null ? 0 : Math.max(1, (v / maxLat) * 420);
      parts.push(`<rect x="190" y="${y}" width="${w.toFixed(1)}" height="14" fill="${colors[i]}"/>`);
      parts.push(`<text x="${196 + w}" y="${y + 11}" font-size="11">${i}: ${v == null ? "n/a" : v.toFixed(3)}</text>`);
      y += 17;
    }
  }
  y += 30;
  parts.push(`<text x="10" y="${y}" font-size="15" font-weight="bold">Shipped size, gzip (KB, lower is better)</text>`);
  y += 14;
  const sizes = [["tokenops browser build (3 providers)", r.size.tok.gzip, colors.tokenops], ["  of which wasm", r.size.wasm.gzip, colors.tokenops]];
  for (const [k, name] of [["hopr", "@hoprnet/hopr-sdk tokens"], ["authlete", "@authlete/typescript-sdk tokens"], ["knetik", "@knetik/knetikcloud-sdk tokens"]]) {
    const b = r.size.sdks[k].why ? r.size.sdks[k].lower : r.size.sdks[k];
    sizes.push([r.size.sdks[k].why && b ? `${name} (lower bound)` : name, b ? b.gzip : null, colors.sdk]);
  }
  sizes.push(["target", 32 * 1024, "#2a9d4b"]);
  const maxSize = Math.max(...sizes.map((s) => s[1] ?? 0));
  for (const [name, v, col] of sizes) {
    y += 6;
    parts.push(`<text x="10" y="${y + 11}" font-size="12">${esc(name)}</text>`);
    const w = v == null ? 0 : Math.max(1, (v / maxSize) * 420);
    parts.push(`<rect x="230" y="${y}" width="${w.toFixed(1)}" height="14" fill="${col}"/>`);
    parts.push(`<text x="${236 + w}" y="${y + 11}" font-size="11">${v == null ? "n/a" : (v / 1024).toFixed(1)}</text>`);
    y += 16;
  }
  y += 24;
  parts.push(`<text x="10" y="${y}" font-size="11" fill="#555">${esc(`${r.date.slice(0, 10)}, ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}${r.quick ? ", quick mode" : ""}`)}</text>`);
  y += 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${parts.join("\n")}\n</svg>\n`;
}
