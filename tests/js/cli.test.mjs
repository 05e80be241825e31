// The `tokenops` command, installed from the packed package as `npx tokenops` runs it
// (tests/node_modules/.bin/tokenops), against a private sandbox seeded with 1,000 extra tokens
// per provider: every subcommand in table and --json form, --all streaming NDJSON, --dry-run
// and --curl (nothing sent; the curl line, run by curl, makes the same request), exit codes,
// Ctrl-C, usage errors naming the flag or variable, the one wasm a command instantiates (its
// service's), and no credential in any output.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compiledWasm } from "./assertions.mjs";
import { startSandbox } from "./sandbox.mjs";

const BIN = fileURLToPath(new URL("../node_modules/.bin/tokenops", import.meta.url));
const PKG_DIR = fileURLToPath(new URL("../node_modules/tokenops", import.meta.url));
const CREDENTIALS = {
  TOKENOPS_HOPR_TOKEN: "hopr-demo-token",
  TOKENOPS_AUTHLETE_API_KEY: "sandbox-key",
  TOKENOPS_AUTHLETE_API_SECRET: "sandbox-secret",
  TOKENOPS_KNETIK_CLIENT_ID: "admin-client",
  TOKENOPS_KNETIK_CLIENT_SECRET: "admin-secret",
};
const V3 = { TOKENOPS_AUTHLETE_SERVICE_ID: "715948317", TOKENOPS_AUTHLETE_ACCESS_TOKEN: "sandbox-service-token" };
const PASSWORD_GRANT = { TOKENOPS_KNETIK_CLIENT_ID: "web", TOKENOPS_KNETIK_USERNAME: "root", TOKENOPS_KNETIK_PASSWORD: "root-pass" };
/** Values that must never be printed (the Authlete API key and client ids are not secrets). */
const SECRETS = ["hopr-demo-token", "hopr-admin-token", "sandbox-secret", "sandbox-service-token", "admin-secret", "root-pass"];

let sandbox;
let env;
const outputs = [];
/** The bytes of every stdout and stderr, for the scan for terminal controls. */
const printed = [];
before(async () => {
  sandbox = await startSandbox(["--seed", "1000"]);
  env = {
    PATH: process.env.PATH,
    TOKENOPS_HOPR_URL: sandbox.url,
    TOKENOPS_AUTHLETE_URL: sandbox.url,
    TOKENOPS_KNETIK_URL: sandbox.url,
  };
});
after(() => sandbox?.stop());
beforeEach(() => sandbox.reset());

/** Runs the command; resolves to { code, stdout, stderr } (kept for the secret scan). */
function tokenops(args, extraEnv = CREDENTIALS, { onLine, onStart, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: { ...env, ...extraEnv }, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    if (input !== undefined) child.stdin.end(input);
    // Bytes, decoded once at the end: a character split between two chunks stays whole.
    const out = [];
    const err = [];
    let lineSeen = false;
    child.stdout.on("data", (chunk) => {
      out.push(chunk);
      if (onLine && !lineSeen && chunk.includes(0x0a)) {
        lineSeen = true;
        onLine(child);
      }
    });
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const [stdoutBytes, stderrBytes] = [Buffer.concat(out), Buffer.concat(err)];
      const [stdout, stderr] = [stdoutBytes.toString(), stderrBytes.toString()];
      outputs.push(stdout, stderr);
      printed.push(stdoutBytes, stderrBytes);
      resolve({ code: code ?? signal, stdout, stderr, stdoutBytes, stderrBytes });
    });
    onStart?.(child);
  });
}

const ndjson = (text) => text.split("\n").filter(Boolean).map((line) => JSON.parse(line));

async function ok(args, extraEnv, input) {
  const r = await tokenops(args, extraEnv, { input });
  assert.equal(r.code, 0, `tokenops ${args.join(" ")}: ${r.stderr}`);
  assert.equal(r.stderr, "", "nothing on stderr when stderr is not a terminal");
  return r.stdout;
}

test("hopr: get, create, delete and endpoints, as tables and as JSON", async () => {
  // A node's token id is the token itself: `get` shows the placeholder, never the credential.
  assert.match(await ok(["hopr", "get"]), /^id\s+<credential>$/m);
  const mine = JSON.parse(await ok(["hopr", "get", "--json", "--auth-scheme", "basic"]));
  assert.deepEqual([mine.id, mine.description], ["<credential>", "demo token"]);

  assert.match(await ok(["hopr", "create", "--capability", "tokensGetToken", "--lifetime", "600"]), /^token\s+\S{16,}$/m);
  const { token } = JSON.parse(await ok(["hopr", "create", "--capability", "tokensGetToken", "--capability", "tokensDelete", "--description", "cli", "--json"]));
  const created = JSON.parse(await ok(["hopr", "get", "--json"], { TOKENOPS_HOPR_TOKEN: token }));
  assert.deepEqual(created.capabilities.map((c) => c.endpoint).sort(), ["tokensDelete", "tokensGetToken"]);
  assert.equal(created.description, "cli");

  assert.equal(await ok(["hopr", "delete", token]), "deleted the token\n");
  assert.equal((await tokenops(["hopr", "get"], { TOKENOPS_HOPR_TOKEN: token })).code, 1);
  // `-` reads the id (the token itself) from standard input, so it is not on the command line.
  const { token: second } = JSON.parse(await ok(["hopr", "create", "--capability", "tokensGetToken", "--json"]));
  const piped = await tokenops(["hopr", "delete", "-", "--json"], CREDENTIALS, { input: `${second}\n` });
  assert.deepEqual([piped.code, piped.stdout, piped.stderr], [0, "", ""]);
  const empty = await tokenops(["hopr", "delete", "-"], CREDENTIALS, { input: "" });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /<id> is "-" but standard input has no line/);
  const gone = await tokenops(["hopr", "get"], { TOKENOPS_HOPR_TOKEN: second });
  assert.equal(gone.code, 1);

  const names = (await ok(["hopr", "endpoints"], {})).trim().split("\n");
  assert.equal(names.length, 40);
  assert.deepEqual(ndjson(await ok(["hopr", "endpoints", "--json"], {})), names);
});

test("a service command instantiates only its service's wasm; --version and help none", async () => {
  // tests/js/wasm-compiled.mjs, preloaded into the command's Node, reports the wasm it compiled.
  const preload = { NODE_OPTIONS: `--import=${new URL("wasm-compiled.mjs", import.meta.url)}` };
  const get = await tokenops(["hopr", "get", "--json"], { ...CREDENTIALS, ...preload });
  assert.equal(get.code, 0, get.stderr);
  assert.equal(JSON.parse(get.stdout).description, "demo token");
  assert.deepEqual(compiledWasm(get.stderr, PKG_DIR), ["web/hopr/tokenops_bg.wasm"]);
  for (const args of [["--version"], ["--help"], ["knetik", "--help"]]) {
    const r = await tokenops(args, preload);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(compiledWasm(r.stderr, PKG_DIR), [], args.join(" "));
  }
});

test("authlete: create, update, revoke, revoke-all, list and delete, v2 and v3, as tables and as JSON", async () => {
  const created = JSON.parse(await ok(["authlete", "create", "--grant-type", "PASSWORD", "--client", "1001", "--subject", "cli-user", "--scope", "openid", "--scope", "email", "--json"]));
  assert.equal(created.action, "OK");
  assert.deepEqual(created.scopes, ["openid", "email"]);
  assert.match(await ok(["authlete", "create", "--grant-type", "CLIENT_CREDENTIALS", "--client", "1001", "--form"], V3), /^action\s+OK$/m);

  const updated = JSON.parse(await ok(["authlete", "update", created.accessToken, "--scope", "openid", "--json", "--api", "v3"], { ...CREDENTIALS, ...V3 }));
  assert.deepEqual(updated.scopes, ["openid"]);
  // `-`: the access token comes from standard input, not the command line.
  const fromStdin = await tokenops(["authlete", "update", "-", "--scope", "email", "--form"], CREDENTIALS, { input: `${created.accessToken}\n` });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.match(fromStdin.stdout, /^action\s+OK$/m);
  const twice = await tokenops(["knetik", "get", "-", "-"], CREDENTIALS, { input: "a\nb\n" });
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /only one argument can be "-"/);

  const page = ndjson(await ok(["authlete", "list", "--subject", "cli-user", "--json"]));
  assert.equal(page.length, 1);
  assert.equal(page[0].subject, "cli-user");
  const table = await ok(["authlete", "list", "--subject", "cli-user"]);
  assert.match(table, /accessTokenHash/);
  assert.match(table, /^1 of 1$/m);

  assert.equal(JSON.parse(await ok(["authlete", "revoke", "--subject", "cli-user", "--json"])).count, 1);
  assert.match(await ok(["authlete", "revoke", "--subject", "cli-user", "--form"], V3), /^count\s+0$/m);
  for (let i = 0; i < 3; i++) await ok(["authlete", "create", "--grant-type", "PASSWORD", "--client", "1001", "--subject", "cli-many"]);
  assert.match(await ok(["authlete", "revoke-all", "--subject", "cli-many", "--form"]), /^count\s+3$/m);
  for (let i = 0; i < 2; i++) await ok(["authlete", "create", "--grant-type", "PASSWORD", "--client", "1001", "--subject", "cli-many"]);
  assert.equal(JSON.parse(await ok(["authlete", "revoke-all", "--subject", "cli-many", "--json"], V3)).count, 2);

  const another = JSON.parse(await ok(["authlete", "create", "--grant-type", "PASSWORD", "--client", "1001", "--subject", "cli-del", "--json"], V3));
  assert.equal(await ok(["authlete", "delete", another.accessToken], V3), "deleted\n");
  assert.equal(ndjson(await ok(["authlete", "list", "--subject", "cli-del", "--json"], V3)).length, 0);
  const third = JSON.parse(await ok(["authlete", "create", "--grant-type", "PASSWORD", "--client", "1001", "--subject", "cli-del", "--json"]));
  assert.equal(await ok(["authlete", "delete", third.accessToken, "--json"]), "");
  assert.equal(ndjson(await ok(["authlete", "list", "--subject", "cli-del", "--json"])).length, 0);
});

test("knetik: list, get and delete with both OAuth grants, as tables and as JSON", async () => {
  const page = ndjson(await ok(["knetik", "list", "--filter-username", "alice", "--json"]));
  assert.ok(page.length >= 1 && page.every((t) => t.username === "alice"));
  assert.match(await ok(["knetik", "list", "--client", "web", "--size", "2", "--order", "username:ASC"], PASSWORD_GRANT), /^page 1 of \d+, \d+ in all$/m);

  const one = JSON.parse(await ok(["knetik", "get", "alice", "web", "--json"]));
  assert.equal(one.username, "alice");
  assert.equal(typeof one.token, "string");
  assert.match(await ok(["knetik", "get", "alice", "web"], PASSWORD_GRANT), /^username\s+alice$/m);

  assert.equal(await ok(["knetik", "delete", "--username", "alice", "--client", "web"]), "deleted\n");
  const after = await tokenops(["knetik", "get", "alice", "web"]);
  assert.equal(after.code, 1);
  assert.match(after.stderr, /^tokenops: http, status 404/);
  assert.ok(ndjson(await ok(["knetik", "list", "--filter-username", "jdoe", "--json"])).length >= 1);
  assert.equal(await ok(["knetik", "delete", "--username", "jdoe", "--json"], PASSWORD_GRANT), "");
  assert.equal(ndjson(await ok(["knetik", "list", "--filter-username", "jdoe", "--json"])).length, 0);
});

test("--all walks 1,000 seeded Knetik tokens, streaming NDJSON as pages arrive", async () => {
  // The second page is answered after 3 s: the first page must be out before then.
  await sandbox.fault({ path: "/auth/tokens", delayMs: 0 });
  await sandbox.fault({ path: "/auth/tokens", delayMs: 3000 });
  let runningAtFirstLine;
  const r = await tokenops(["knetik", "list", "--all", "--page-size", "200", "--json"], CREDENTIALS, {
    onLine: (child) => (runningAtFirstLine = child.exitCode === null),
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(runningAtFirstLine, true, "the first page was printed only at the end");
  const items = ndjson(r.stdout);
  assert.ok(items.length >= 1000, `${items.length} items`);
  assert.equal(new Set(items.map((t) => `${t.username}/${t.client_id}`)).size, items.length, "an item repeated");
  const table = await ok(["authlete", "list", "--all", "--subject", "alice", "--page-size", "3"]);
  assert.match(table, /^\d+ items$/m);
});

/** An Authlete token of the given value, made through the sandbox (v2). */
const authleteToken = (accessToken) => async () => {
  const res = await fetch(`${sandbox.url}/api/auth/token/create`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("sandbox-key:sandbox-secret").toString("base64")}` },
    body: JSON.stringify({ grantType: "PASSWORD", clientId: 1001, subject: "carol", accessToken }),
  });
  assert.equal((await res.json()).action, "OK");
};

test("--dry-run and --curl send nothing; the curl line, run by curl, makes the same request", async () => {
  // An argument read from standard input (`-`) may be a token: the dry runs show `<stdin>`, and
  // the curl line reads it from its own standard input.
  const STDIN_TOKEN = "my stdin/token";
  const cases = [
    [["hopr", "create", "--capability", "tokensGetToken", "--lifetime", "60"], CREDENTIALS],
    [["hopr", "get", "--auth-scheme", "basic"], CREDENTIALS],
    [["authlete", "revoke", "--subject", "a b&c", "--form"], CREDENTIALS],
    [["authlete", "list", "--subject", "alice", "--start", "0", "--end", "2"], V3],
    [["knetik", "list", "--filter-username", "alice", "--size", "3"], CREDENTIALS],
    [["knetik", "get", "alice", "web"], PASSWORD_GRANT],
    [["hopr", "delete", "-"], CREDENTIALS, { input: "hopr-readonly-token\n" }],
    [["authlete", "update", "-", "--scope", "email"], CREDENTIALS, { input: `${STDIN_TOKEN}\n`, setup: authleteToken(STDIN_TOKEN) }],
    [["authlete", "update", "-", "--scope", "openid", "--form"], CREDENTIALS, { input: `${STDIN_TOKEN}\n`, setup: authleteToken(STDIN_TOKEN) }],
    [["authlete", "revoke", "--access-token-identifier", "-", "--form"], CREDENTIALS, { input: `${STDIN_TOKEN}\n`, setup: authleteToken(STDIN_TOKEN) }],
    [["authlete", "revoke", "--refresh-token-identifier", "-"], CREDENTIALS, { input: `${STDIN_TOKEN}\n` }],
  ];
  for (const [args, extraEnv, { input, setup } = {}] of cases) {
    await sandbox.reset();
    const dry = JSON.parse(await ok([...args, "--dry-run", "--json"], extraEnv, input));
    const text = await ok([...args, "--dry-run"], extraEnv, input);
    assert.ok(text.startsWith(`${dry.method} ${dry.url}\n`), text);
    const curl = (await ok([...args, "--curl"], extraEnv, input)).trim();
    assert.deepEqual(await sandbox.requests(), [], `${args.join(" ")}: a dry run sent something`);
    assert.ok(curl.startsWith("curl "), curl);
    if (input !== undefined) {
      const value = input.trim();
      for (const shown of [JSON.stringify(dry), text, curl]) {
        assert.ok(!shown.includes(value) && !shown.includes(encodeURIComponent(value)), `${args.join(" ")}: the argument read from stdin is shown: ${shown}`);
      }
      assert.match(text, /<stdin>/);
    }

    await setup?.();
    await ok(args, extraEnv, input);
    const byCommand = (await sandbox.requests()).filter((r) => r.path !== "/oauth/token" && !r.path.endsWith("/create"));
    await sandbox.reset();
    await setup?.();
    const ran = await new Promise((resolve) => {
      const child = spawn("sh", ["-c", curl], { env: { ...env, ...extraEnv } });
      child.stdin.end(input ?? "");
      let out = "";
      child.stdout.on("data", (c) => (out += c));
      child.stderr.on("data", (c) => (out += c));
      child.on("close", (code) => resolve({ code, out }));
    });
    assert.equal(ran.code, 0, ran.out);
    // Not added to the secret scan: what curl prints is the service's own answer (a HOPR node
    // answers the caller's token as its `id`), not the command's output; the curl line is.
    const byCurl = (await sandbox.requests()).filter((r) => r.path !== "/oauth/token" && !r.path.endsWith("/create"));
    assert.equal(byCurl.length, 1, `${args.join(" ")}: curl made ${byCurl.length} API requests`);
    const [a, b] = [byCommand[0], byCurl[0]];
    for (const field of ["method", "path", "query", "body"]) assert.equal(b[field], a[field], `${args.join(" ")}: ${field}`);
    for (const header of ["accept", "content-type", "authorization", "x-auth-token"]) {
      assert.equal(b.headers[header], a.headers[header], `${args.join(" ")}: header ${header}`);
    }
    assert.ok(!ran.out.includes("error"), ran.out);
  }
});

test("--request gives the whole body (flags override it); int64 values stay exact through flags, --request and --json", async () => {
  const request = JSON.stringify({ capabilities: [{ endpoint: "tokensGetToken", limits: [{ type: "calls", conditions: { max: 5 } }] }], description: "from json" });
  const admin = { TOKENOPS_HOPR_TOKEN: "hopr-admin-token" };
  const { token } = JSON.parse(await ok(["hopr", "create", "--request", request, "--description", "flag wins", "--json"], admin));
  const created = JSON.parse(await ok(["hopr", "get", "--json"], { TOKENOPS_HOPR_TOKEN: token }));
  assert.equal(created.description, "flag wins");
  assert.equal(created.capabilities[0].limits[0].conditions.max, 5);

  const big = "9007199254740993";
  const fromJson = JSON.parse(await ok(["authlete", "create", "--request", `{"grantType":"PASSWORD","clientId":${big}}`, "--dry-run", "--json"]));
  assert.equal(JSON.parse(fromJson.body.replace(big, "0")).clientId, 0);
  assert.ok(fromJson.body.includes(`"clientId":${big}`), fromJson.body);
  const fromFlag = await ok(["authlete", "create", "--grant-type", "PASSWORD", "--client", big, "--dry-run"]);
  assert.ok(fromFlag.includes(`"clientId":${big}`), fromFlag);
  // A string of the request stays a string, whatever it holds.
  const marked = JSON.parse(await ok(["authlete", "create", "--request", String.raw`{"grantType":"PASSWORD","clientId":1,"subject":"\u0000tokenops-int64:12"}`, "--dry-run", "--json"]));
  assert.equal(JSON.parse(marked.body).subject, "\u0000tokenops-int64:12");
  const made = await ok(["authlete", "create", "--grant-type", "CLIENT_CREDENTIALS", "--client", big, "--json"]);
  assert.ok(made.includes(`"clientId":${big}`), made);
});

test("exit codes: 1 for a service error, 3 without an answer, 130 on Ctrl-C; errors are one line, or JSON", async () => {
  const missing = await tokenops(["hopr", "delete", "no-such-id"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^tokenops: http, status 404: HOPR tokensDelete failed/);
  assert.equal(missing.stderr.trim().split("\n").length, 1);
  const asJson = await tokenops(["hopr", "delete", "no-such-id", "--json"]);
  assert.equal(asJson.code, 1);
  const fields = JSON.parse(asJson.stderr);
  assert.equal(fields.kind, "http");
  assert.equal(fields.status, 404);
  assert.equal(fields.operation, "tokensDelete");

  const refused = await tokenops(["hopr", "get", "--base-url", "http://127.0.0.1:9", "--no-retry"]);
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /^tokenops: network/);
  await sandbox.fault({ path: "/api/v3/token", delayMs: 2000 });
  const slow = await tokenops(["hopr", "get", "--timeout-ms", "200", "--no-retry"]);
  assert.equal(slow.code, 3);
  assert.match(slow.stderr, /^tokenops: timeout/);

  await sandbox.reset();
  await sandbox.fault({ path: "/api/v3/token", delayMs: 10_000 });
  const interrupted = tokenops(["hopr", "get"], CREDENTIALS, {
    onStart: async (child) => {
      while ((await sandbox.requests()).length === 0) await new Promise((r) => setTimeout(r, 25));
      child.kill("SIGINT");
    },
  });
  const started = Date.now();
  const r = await interrupted;
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /^tokenops: aborted/);
  assert.ok(Date.now() - started < 9000, "Ctrl-C did not stop the call in flight");
});

test("SIGTERM aborts the call in flight with 143; a reader that stops reading (| head) ends the command quietly", async () => {
  await sandbox.fault({ path: "/api/v3/token", delayMs: 10_000 });
  const terminated = await tokenops(["hopr", "get"], CREDENTIALS, {
    onStart: async (child) => {
      while ((await sandbox.requests()).length === 0) await new Promise((r) => setTimeout(r, 25));
      child.kill("SIGTERM");
    },
  });
  assert.equal(terminated.code, 143, terminated.stderr);
  assert.match(terminated.stderr, /^tokenops: aborted/);

  // 1,000 seeded tokens as NDJSON; the reader goes away after the first line.
  const cut = await tokenops(["knetik", "list", "--all", "--page-size", "10", "--json"], CREDENTIALS, { onLine: (child) => child.stdout.destroy() });
  assert.equal(cut.code, 0, cut.stderr);
  assert.equal(cut.stderr, "");
});

test("usage errors exit 2 and name the flag or the variable", async () => {
  const cases = [
    [["hopr", "get", "--bogus"], CREDENTIALS, /unknown flag --bogus/],
    [["hopr", "get", "--api-token", "x"], CREDENTIALS, /--api-token: credentials are never taken from flags .* TOKENOPS_HOPR_TOKEN/],
    [["authlete", "list", "--api-secret=x"], CREDENTIALS, /--api-secret: .*TOKENOPS_AUTHLETE_API_SECRET/],
    [["knetik", "list", "--password", "x"], CREDENTIALS, /--password: .*TOKENOPS_KNETIK_PASSWORD/],
    [["hopr", "get"], {}, /TOKENOPS_HOPR_TOKEN/],
    [["authlete", "list", "--api", "v3"], CREDENTIALS, /TOKENOPS_AUTHLETE_SERVICE_ID and TOKENOPS_AUTHLETE_ACCESS_TOKEN/],
    [["knetik", "list"], { TOKENOPS_KNETIK_CLIENT_ID: "c" }, /TOKENOPS_KNETIK_CLIENT_SECRET/],
    [["hopr", "get"], { ...CREDENTIALS, TOKENOPS_HOPR_URL: "" }, /--base-url or set TOKENOPS_HOPR_URL/],
    [["hopr", "delete"], CREDENTIALS, /missing <id>/],
    [["hopr", "frobnicate"], CREDENTIALS, /unknown operation "frobnicate"/],
    [["gitlab", "list"], CREDENTIALS, /unknown service "gitlab"/],
    [["hopr", "create", "--lifetime", "soon", "--capability", "tokensGetToken"], CREDENTIALS, /--lifetime must be a whole number/],
    [["hopr", "create", "--capability", "notAnEndpoint"], CREDENTIALS, /invalid argument `request.capabilities\[0\].endpoint`/],
    [["hopr", "get", "--base-url", "http://node.example"], CREDENTIALS, /insecure_url/],
    [["hopr", "get", "--timeout-ms", "0"], CREDENTIALS, /`options.timeoutMs`/],
    [["knetik", "delete"], CREDENTIALS, /`filter`/],
    [["authlete", "list", "--page-size", "5"], CREDENTIALS, /--page-size goes with --all/],
    [["authlete", "list", "--all", "--start", "1"], CREDENTIALS, /--start: --all walks every page/],
    [["knetik", "list", "--all", "--size", "3", "--page", "2"], CREDENTIALS, /--size and --page: --all walks every page/],
    [["hopr", "create", "--lifetime", "-5"], CREDENTIALS, /--lifetime needs a value .*--lifetime=-5/],
    [["hopr", "delete", "-"], CREDENTIALS, /<id> is "-" but standard input/],
    [["authlete", "create", "--request", `${"[".repeat(50_000)}${"]".repeat(50_000)}`], CREDENTIALS, /--request (nests too deeply|must be a JSON object)/],
  ];
  for (const [args, extraEnv, message] of cases) {
    const r = await tokenops(args, extraEnv);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(" "));
    assert.equal(r.stdout, "");
  }
  assert.deepEqual(await sandbox.requests(), [], "a refused command sent something");
  const none = await tokenops([], CREDENTIALS);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage: tokenops <service> <operation>/);
});

test("--env-file supplies credentials; help and version", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tokenops-cli-"));
  const file = join(dir, "tokens.env");
  writeFileSync(file, "TOKENOPS_HOPR_TOKEN=hopr-demo-token\n# a comment\nTOKENOPS_HOPR_URL=http://127.0.0.1:1\n");
  const mine = JSON.parse(await ok(["hopr", "get", "--env-file", file, "--json"], {})); // the environment's URL wins
  assert.equal(mine.description, "demo token");
  // A file that is not there stops Node itself before the command runs (Node reads
  // `--env-file` even after the script name: nodejs/node#54232); never silently ignored.
  const missing = await tokenops(["hopr", "get", "--env-file", join(dir, "absent.env")], {});
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /absent\.env/);

  const help = await ok(["--help"], {});
  for (const words of ["tokenops hopr", "tokenops authlete", "tokenops knetik", "--dry-run", "--curl", "TOKENOPS_KNETIK_PASSWORD", "130"]) assert.ok(help.includes(words), words);
  const hoprHelp = await ok(["hopr", "--help"], {});
  assert.match(hoprHelp, /tokenops hopr delete <id>/);
  assert.match(hoprHelp, /--capability <value>\.\.\./);
  assert.equal(await ok(["authlete", "list", "--help"], {}), await ok(["authlete", "--help"], {}));
  assert.match(await ok(["--version"], {}), /^\d+\.\d+\.\d+\n$/);
});

/**
 * A token description as its creator may choose it: a CSI colour, OSC 0 (retitles the window)
 * ended by BEL, CR LF and a fake line, a C1 CSI (U+009B), a right-to-left override, NEL and DEL.
 */
const EVIL = "evil\u001b[31mRED\u001b]0;pwned\u0007\r\nfake-line\u009b2J\u202eexe.txt\u0085\u007f";
/** EVIL as a table shows it: each of those characters escaped, on the record's one row. */
const EVIL_SHOWN = String.raw`evil\u001b[31mRED\u001b]0;pwned\u0007\r\nfake-line\u009b2J\u202eexe.txt\u0085\u007f`;

/**
 * Where the first character a terminal acts on sits in UTF-8 `bytes`, or -1: a C0 control other
 * than the newline that ends a row, DEL, a C1 control (C2 80-C2 9F), a bidi override
 * (E2 80 AA-AE) or isolate (E2 81 A6-A9).
 */
function controlAt(bytes) {
  for (let i = 0; i < bytes.length; i++) {
    const [b, c, d] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    if ((b < 0x20 && b !== 0x0a) || b === 0x7f) return i;
    if (b === 0xc2 && c >= 0x80 && c <= 0x9f) return i;
    if (b === 0xe2 && ((c === 0x80 && d >= 0xaa && d <= 0xae) || (c === 0x81 && d >= 0xa6 && d <= 0xa9))) return i;
  }
  return -1;
}

function assertNoControl(r, what) {
  for (const [name, bytes] of [["stdout", r.stdoutBytes], ["stderr", r.stderrBytes]]) {
    const at = controlAt(bytes);
    assert.equal(at, -1, `${what}: a raw control character on ${name} at byte ${at}: ${JSON.stringify(bytes.toString())}`);
  }
}

/** Runs the command, which must succeed, and checks that it printed no terminal control. */
async function clean(args, extraEnv) {
  const r = await tokenops(args, extraEnv);
  assert.equal(r.code, 0, `tokenops ${args.join(" ")}: ${r.stderr}`);
  assertNoControl(r, `tokenops ${args.join(" ")}`);
  return r.stdout;
}

test("service text never drives the terminal: a description with controls prints escaped on its row; JSON and NDJSON read back exact", async () => {
  const { token } = JSON.parse(await clean(["hopr", "create", "--capability", "tokensGetToken", "--description", EVIL, "--json"]));
  const mine = { TOKENOPS_HOPR_TOKEN: token };
  const table = await clean(["hopr", "get"], mine);
  assert.equal(/^description +(.*)$/m.exec(table)?.[1], EVIL_SHOWN, table);
  assert.ok(!table.split("\n").some((line) => line.startsWith("fake-line")), "the description's CR LF started a row of its own");
  assert.equal(JSON.parse(await clean(["hopr", "get", "--json"], mine)).description, EVIL);

  // A list item's field (an Authlete subject), through --all as NDJSON and as a table.
  const created = JSON.parse(await clean(["authlete", "create", "--grant-type", "PASSWORD", "--client", "1001", "--subject", EVIL, "--json"]));
  assert.equal(created.subject, EVIL);
  const items = ndjson(await clean(["authlete", "list", "--all", "--subject", EVIL, "--json"]));
  assert.deepEqual(items.map((t) => t.subject), [EVIL]);
  const rows = (await clean(["authlete", "list", "--all", "--subject", EVIL])).trimEnd().split("\n");
  assert.equal(rows.length, 3, `header, one row, count: ${rows.join("\n")}`);
  assert.ok(rows[1].includes(EVIL_SHOWN), rows[1]);
  assert.equal(rows[2], "1 items");

  // The caller's own text in a dry run and a curl line is escaped too; the curl line still sends
  // the same description.
  const create = ["hopr", "create", "--capability", "tokensGetToken", "--description", EVIL];
  assert.ok((await clean([...create, "--dry-run"])).includes(`"description":"${EVIL_SHOWN}"`));
  assert.equal(JSON.parse(JSON.parse(await clean([...create, "--dry-run", "--json"])).body).description, EVIL);
  const curl = (await clean([...create, "--curl"])).trim();
  await sandbox.reset();
  await new Promise((resolve) => spawn("sh", ["-c", `${curl} >/dev/null`], { env: { ...env, ...CREDENTIALS }, stdio: "ignore" }).on("close", resolve));
  const [sent] = await sandbox.requests();
  assert.equal(JSON.parse(sent.body).description, EVIL);
});

test("service text never drives the terminal: an Authlete or Knetik error body with controls prints escaped, its JSON reads back exact", async () => {
  const authlete = { resultCode: "A\u001b[2J", resultMessage: "\u001b]0;pwned\u0007 bad\u009b" };
  const knetik = { error: "invalid_client\u001b[2J", error_description: "\u001b]0;pwned\u0007 no\u202e\r\nfake-line" };
  const authleteCode = String.raw`A\u001b[2J`;
  const authleteMessage = String.raw`Authlete auth_token_get_list_api failed: HTTP 400 Bad Request (A\u001b[2J): \u001b]0;pwned\u0007 bad\u009b`;
  const cases = [
    { args: ["authlete", "list"], path: "/api/auth/token/get/list", status: 400, body: authlete, code: authlete.resultCode, shownCode: authleteCode, message: authleteMessage },
    { args: ["authlete", "list", "--all"], path: "/api/auth/token/get/list", status: 400, body: authlete, code: authlete.resultCode, shownCode: authleteCode, message: authleteMessage },
    {
      args: ["knetik", "list"],
      path: "/oauth/token",
      status: 401,
      body: knetik,
      code: knetik.error,
      shownCode: String.raw`invalid_client\u001b[2J`,
      message: String.raw`Knetik getOAuthToken failed: HTTP 401 Unauthorized (invalid_client\u001b[2J): \u001b]0;pwned\u0007 no\u202e\r\nfake-line`,
    },
  ];
  for (const { args, path, status, body, code, shownCode, message } of cases) {
    for (const json of [false, true]) {
      await sandbox.reset();
      // JSON.stringify writes ESC and BEL as escapes and C1 raw: the body carries both forms.
      await sandbox.fault({ path, status, body: JSON.stringify(body) });
      const r = await tokenops(json ? [...args, "--json"] : args);
      const what = `tokenops ${args.join(" ")}${json ? " --json" : ""}`;
      assert.equal(r.code, 1, `${what}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assertNoControl(r, what);
      if (json) {
        // The fields as the library gives them: message escaped, code and body as the service sent them.
        const fields = JSON.parse(r.stderr);
        assert.deepEqual([fields.message, fields.code, fields.body], [message, code, body], what);
      } else {
        assert.equal(r.stderr, `tokenops: http, status ${status}, code ${shownCode}: ${message}\n`, what);
      }
    }
  }
});

test("no terminal control character in anything the command printed", () => {
  assert.ok(printed.length > 50, `${printed.length} outputs`);
  for (const bytes of printed) assert.equal(controlAt(bytes), -1, JSON.stringify(bytes.toString().slice(0, 200)));
});

test("no credential appears in anything the command printed", () => {
  assert.ok(outputs.length > 50, `${outputs.length} outputs`);
  for (const text of outputs) for (const secret of SECRETS) assert.ok(!text.includes(secret), `printed ${secret}: ${text.slice(0, 200)}`);
});
