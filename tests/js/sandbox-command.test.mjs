// `tokenops sandbox` from the packed package (tests/node_modules/.bin/tokenops): serving until
// SIGINT (130) or SIGTERM (0), the banner, usage errors, and the `--` mode that runs a command
// (here `tokenops` itself) with the sandbox's URL and demo credentials, and exits with its status.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../node_modules/.bin/tokenops", import.meta.url));
// No TOKENOPS_* variable of the machine leaks into these runs.
const ENV = { PATH: process.env.PATH, HOME: process.env.HOME };

/** Runs `tokenops args`; resolves to { code, stdout, stderr }. */
function run(args, env = ENV) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? signal, stdout, stderr }));
  });
}

/** Starts `tokenops sandbox args`; resolves once it prints its URL, with the child and its lines. */
async function serve(args) {
  const child = spawn(BIN, ["sandbox", ...args], { env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  const lines = [];
  const reader = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`tokenops sandbox exited with ${code}`)));
    reader.on("line", (line) => {
      lines.push(line);
      const m = /^sandbox listening on (http:\/\/\S+)$/.exec(line);
      if (m) resolve(m[1]);
    });
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  return { child, url, lines, exited };
}

test("serves until SIGTERM (exit 0) or SIGINT (exit 130), listening line first, then the credentials", async () => {
  for (const [signal, code] of [["SIGTERM", 0], ["SIGINT", 130]]) {
    const { child, url, lines, exited } = await serve(["--port", "0", "--seed", "2"]);
    assert.equal(lines[0], `sandbox listening on ${url}`);
    const res = await fetch(`${url}/api/v3/token`, { headers: { "x-auth-token": "hopr-seed-token-0001" } });
    assert.equal(res.status, 200);
    await new Promise((r) => setTimeout(r, 100)); // the banner's remaining lines
    const banner = lines.join("\n");
    assert.match(banner, /demo credentials:/);
    assert.match(banner, /hopr-demo-token/);
    assert.match(banner, /sandbox-service-token/);
    child.kill(signal);
    assert.equal(await exited, code, signal);
    await assert.rejects(fetch(`${url}/api/v3/token`), TypeError, "still listening after the signal");
  }
});

test("-- runs a command with the sandbox's URL and credentials and exits with its status", async () => {
  const script = `
    const want = ["TOKENOPS_SANDBOX_URL", "TOKENOPS_HOPR_URL", "TOKENOPS_AUTHLETE_URL", "TOKENOPS_KNETIK_URL"];
    const urls = new Set(want.map((n) => process.env[n]));
    if (urls.size !== 1 || !/^http:\\/\\/127\\.0\\.0\\.1:\\d+$/.test([...urls][0])) process.exit(90);
    fetch(process.env.TOKENOPS_SANDBOX_URL + "/api/v3/token", { headers: { "x-auth-token": process.env.TOKENOPS_HOPR_TOKEN } })
      .then((r) => process.exit(r.status === 200 ? 7 : 91), () => process.exit(92));`;
  const r = await run(["sandbox", "--", process.execPath, "-e", script]);
  assert.equal(r.code, 7, r.stderr);
  assert.match(r.stderr, /^sandbox listening on http:\/\/127\.0\.0\.1:\d+$/m);
  assert.equal(r.stdout, "");
});

test("tokenops itself works inside, on every service", async () => {
  for (const args of [["hopr", "get", "--json"], ["authlete", "list", "--subject", "alice", "--json"], ["knetik", "list", "--json"]]) {
    const r = await run(["sandbox", "--", BIN, ...args]);
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    assert.ok(r.stdout.trim().length > 0, args.join(" "));
    for (const line of r.stdout.trim().split("\n")) JSON.parse(line);
  }
  // A variable of another Knetik grant would win over the sandbox's: it is removed.
  const r = await run(["sandbox", "--", BIN, "knetik", "list", "--json"], { ...ENV, TOKENOPS_KNETIK_ACCESS_TOKEN: "stale" });
  assert.equal(r.code, 0, r.stderr);
});

test("the command's failure is the exit status; usage errors exit 2", async () => {
  assert.equal((await run(["sandbox", "--", process.execPath, "-e", "process.exit(3)"])).code, 3);
  const missing = await run(["sandbox", "--", "tokenops-no-such-command"]);
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /cannot run tokenops-no-such-command/);
  for (const [args, says] of [
    [["sandbox", "--"], /needs a command/],
    [["sandbox", "--seed", "x"], /--seed/],
    [["sandbox", "--knetik-token-ttl", "0"], /--knetik-token-ttl/],
    [["sandbox", "--port", "70000"], /port/],
    [["sandbox", "--bogus"], /bogus/],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, says);
  }
  const help = await run(["sandbox", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /tokenops sandbox \[flags\] -- <command>/);
});
