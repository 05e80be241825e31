// `tokenops sandbox`: the emulator of the three services on a port (the package's
// `tokenops/sandbox` entry, Node's http server over the emulator core), until SIGINT (exit 130)
// or SIGTERM (exit 0); or, with `-- <command> [args...]`, around one command, the way
// `firebase emulators:exec` works: start on a free port, run the command with the sandbox's URL
// and demo credentials in its environment, stop, exit with the command's status.
import { parseArgs } from "node:util";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { startSandbox } from "../node/sandbox.mjs";
import { UsageError, wholeNumber } from "./values.mjs";

const core = createRequire(import.meta.url)("../node/sandbox-core.js");

/** `tokenops sandbox --help`. */
export function sandboxHelp() {
  return `tokenops sandbox: a local, stateful emulator of the HOPR, Authlete and Knetik token APIs.

Usage: tokenops sandbox [--port N] [--host H] [--seed N] [--knetik-token-ttl S]
       tokenops sandbox [flags] -- <command> [args...]

  --port <value>               port to listen on (default 8787; with a command, a free one)
  --host <value>               interface to listen on (default 127.0.0.1)
  --seed <value>               extra tokens per provider, for paging (default 0)
  --knetik-token-ttl <value>   lifetime of Knetik access tokens, seconds (default 3600)

Prints "sandbox listening on http://HOST:PORT", then the demo credentials, and serves until
Ctrl-C (exit 130) or SIGTERM (exit 0).

With -- <command>: runs the command with TOKENOPS_SANDBOX_URL, TOKENOPS_HOPR_URL,
TOKENOPS_AUTHLETE_URL and TOKENOPS_KNETIK_URL set to the sandbox and the demo credentials in the
TOKENOPS_* variables tokenops reads, then stops the sandbox and exits with the command's status.
Example: tokenops sandbox -- wasm-pack test --headless --chrome

Control API (tests): POST /_sandbox/reset, POST /_sandbox/faults, GET|POST /_sandbox/clock,
GET /_sandbox/requests, POST /_sandbox/sessions (see README "Testing your code against the emulator").
`;
}

/** Reads the flags and the command after `--`. */
function parse(argv) {
  const dash = argv.indexOf("--");
  const flags = dash === -1 ? argv : argv.slice(0, dash);
  const command = dash === -1 ? [] : argv.slice(dash + 1);
  if (dash !== -1 && command.length === 0) throw new UsageError("-- needs a command to run");
  let values;
  try {
    ({ values } = parseArgs({
      args: flags,
      options: { port: { type: "string" }, host: { type: "string" }, seed: { type: "string" }, "knetik-token-ttl": { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(`${e.message.split("\n")[0]} (see tokenops sandbox --help)`);
  }
  const options = {};
  if (values.port !== undefined) options.port = wholeNumber(values.port, "port");
  else options.port = command.length > 0 ? 0 : 8787;
  if (values.host !== undefined) options.host = values.host;
  if (values.seed !== undefined) options.seed = wholeNumber(values.seed, "seed");
  if (values["knetik-token-ttl"] !== undefined) options.knetikTokenTtl = wholeNumber(values["knetik-token-ttl"], "knetik-token-ttl");
  return { help: values.help, options, command };
}

/** Runs `tokenops sandbox ...`; resolves to the exit code. */
export async function sandboxCommand(argv, write) {
  const { help, options, command } = parse(argv);
  if (help) {
    await write(sandboxHelp());
    return 0;
  }
  let sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) {
      throw new UsageError(e.message.replace(/^startSandbox: /, "--").replace("knetikTokenTtl", "knetik-token-ttl"));
    }
    throw e;
  }
  if (command.length === 0) return serve(sandbox, options, write);
  process.stderr.write(`sandbox listening on ${sandbox.url}\n`);
  return exec(sandbox, command);
}

/** Serves until SIGINT or SIGTERM. */
async function serve(sandbox, options, write) {
  const text = core.credentialsText(JSON.stringify({ seed: options.seed, knetikTokenTtl: options.knetikTokenTtl }));
  await write(`sandbox listening on ${sandbox.url}\n${text}\n`);
  const signal = await new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  await sandbox.close();
  return signal === "SIGINT" ? 130 : 0;
}

/** Runs the command inside the sandbox; its exit status (128 + the signal's number when one ended it). */
async function exec(sandbox, [file, ...args]) {
  const env = { ...process.env };
  const pairs = core.execEnv(sandbox.url);
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    if (pairs[i + 1] === "") delete env[pairs[i]];
    else env[pairs[i]] = pairs[i + 1];
  }
  const child = spawn(file, args, { stdio: "inherit", env });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const code = await new Promise((resolve) => {
    child.once("error", (e) => {
      process.stderr.write(`tokenops sandbox: cannot run ${file}: ${e.code ?? e.message}\n`);
      resolve(127);
    });
    child.once("exit", (status, signal) => resolve(status ?? 128 + (constants.signals[signal] ?? 0)));
  });
  process.off("SIGINT", forward);
  process.off("SIGTERM", forward);
  await sandbox.close();
  return code;
}
