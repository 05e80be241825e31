#!/usr/bin/env node
// The `tokenops` command: `tokenops <service> <operation> [arguments] [flags]` over the JS API
// of this package (plain Node, no dependency). See `tokenops --help`.
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { SERVICES, flagsOf, argumentOf } from "./commands.mjs";
import { CREDENTIALS, baseUrl, readEnvironment, refuseSecretFlags } from "./credentials.mjs";
import { mainHelp, serviceHelp } from "./help.mjs";
import { curlLine, errorText, listTable, ndjsonLine, recordTable, requestText, showStdin, STDIN_STAND_IN } from "./output.mjs";
import { escapeControls } from "./terminal.mjs";
import { UsageError, toJson, wholeNumber } from "./values.mjs";

/**
 * The client class of the command's service, loaded when a service command runs: its own entry
 * only, so the command instantiates that service's wasm and no other (`tokenops sandbox`, help
 * and --version load none).
 */
let CLASSES;

/** Exit code of each `ApiError` kind (README "Command line"). */
const EXIT = { http: 1, decode: 1, invalid_argument: 2, insecure_url: 2, network: 3, timeout: 3, aborted: 130 };

const out = process.stdout;
const terminal = Boolean(out.isTTY);
// A reader that stopped reading (`| head`) ends the command quietly, as it would a C tool; any
// other failure to write (a full disk) is said in one line.
out.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
  process.stderr.write(`tokenops: cannot write the output (${err.code ?? err.message})\n`);
  process.exit(1);
});

/** The exit code of a call aborted by a signal: 130 for SIGINT (Ctrl-C), 143 for SIGTERM. */
let abortExit = EXIT.aborted;

/** Writes to stdout, waiting when the pipe is full (NDJSON of many pages). */
function write(text) {
  return out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once("drain", resolve));
}

function version() {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return pkg.version;
}

/**
 * On Node 20 only, before any wasm is compiled: wasm compiled by V8's baseline compiler alone.
 * Node 20 otherwise waits 60-90 ms at exit for the optimizing compilation of undici's HTTP parser
 * (a wasm) that the first `fetch` started (README "Performance"). Node 22 and later do not wait,
 * and there the flag would slow the command; Deno and Bun are left as they are.
 */
async function baselineWasmOnNode20() {
  if (process.versions.bun || globalThis.Deno || process.versions.node.split(".")[0] !== "20") return;
  const { setFlagsFromString } = await import("node:v8");
  setFlagsFromString("--liftoff-only");
}

/** Reads the command line: service, operation, flag values and positional arguments. */
function parse(argv) {
  const [serviceName, operationName, ...rest] = argv;
  const service = SERVICES[serviceName];
  if (!service) throw new UsageError(`unknown service "${serviceName}": hopr, authlete or knetik (see tokenops --help)`);
  if (operationName === undefined || operationName === "--help" || operationName === "-h") {
    return { help: serviceHelp(serviceName), helpIsError: operationName === undefined };
  }
  const operation = service.operations[operationName];
  if (!operation) {
    throw new UsageError(`unknown operation "${operationName}" of ${serviceName}: ${Object.keys(service.operations).join(", ")}`);
  }
  const flags = flagsOf(serviceName, operation);
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, spec]) => [name, { type: spec.kind === "switch" ? "boolean" : "string", multiple: spec.kind === "list" }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    const flag = /'(-[^' ]+)/.exec(e.message)?.[1];
    if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new UsageError(`unknown flag ${flag} for "tokenops ${serviceName} ${operationName}" (see tokenops ${serviceName} --help)`);
    }
    if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new UsageError(`${flag ?? "a flag"} needs a value (one that starts with "-" is written ${flag ?? "--flag"}=-5)`);
    }
    throw new UsageError(e.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: serviceHelp(serviceName) };
  const expected = operation.positionals ?? [];
  if (positionals.length < expected.length) {
    throw new UsageError(`missing <${expected[positionals.length]}>: tokenops ${serviceName} ${operationName}${expected.map((p) => ` <${p}>`).join("")}`);
  }
  if (positionals.length > expected.length) throw new UsageError(`unexpected argument "${positionals[expected.length]}"`);
  if (values["page-size"] !== undefined && !values.all) throw new UsageError("--page-size goes with --all");
  if (values["dry-run"] && values.curl) throw new UsageError("--dry-run and --curl: choose one");
  const stdin = stdinSlot(positionals, expected, values, flags);
  if (!stdin) return { serviceName, service, operation, values, positionals };
  return { serviceName, service, operation, ...stdin.fill(readStdinLine(stdin.label)), stdin };
}

/**
 * Arguments and flags that are tokens (a HOPR id is the token itself, an Authlete access token,
 * a revoke's token identifier) would be visible to every process on the machine: `-` reads one
 * from the first line of standard input. Returns the one `-`: its `label` for messages, and
 * `fill(value)` giving the `{ values, positionals }` with it; or nothing when there is none.
 */
function stdinSlot(positionals, names, values, flags) {
  const dashFlags = Object.keys(flags).filter((name) => flags[name].stdin && values[name] === "-");
  const at = positionals.indexOf("-");
  const dashes = positionals.filter((p) => p === "-").length + dashFlags.length;
  if (dashes === 0) return undefined;
  if (dashes > 1) throw new UsageError('only one argument can be "-" (read from standard input)');
  if (at >= 0) return { label: `<${names[at]}>`, fill: (line) => ({ values, positionals: positionals.map((p, i) => (i === at ? line : p)) }) };
  return { label: `--${dashFlags[0]}`, fill: (line) => ({ values: { ...values, [dashFlags[0]]: line }, positionals }) };
}

/** The first line of standard input, trimmed; `name` says what it is for in the refusal of none. */
function readStdinLine(name) {
  let line;
  try {
    line = readFileSync(0, "utf8").split(/\r?\n/, 1)[0].trim();
  } catch (e) {
    throw new UsageError(`${name} is "-" but standard input cannot be read (${e.code ?? e.message})`);
  }
  if (!line) throw new UsageError(`${name} is "-" but standard input has no line`);
  return line;
}

/** The client of the command's service, configured from flags and the environment. */
function makeClient({ serviceName, service, values }, env) {
  const url = baseUrl(values, env, serviceName);
  const credentials = CREDENTIALS[serviceName](env, values, url);
  const options = { baseUrl: url, ...credentials.options };
  if (values["allow-insecure-http"]) options.allowInsecureHttp = true;
  if (values["timeout-ms"] !== undefined) options.timeoutMs = wholeNumber(values["timeout-ms"], "timeout-ms");
  if (values["no-retry"]) options.retry = false;
  return { client: new CLASSES[service.className](options), curl: credentials.curl };
}

/** Prints `done` / a record / a list page, as a table or JSON. */
async function print(command, result) {
  const { operation, values, positionals } = command;
  const json = values.json;
  if (operation.output === "none") {
    if (!json) await write(`${operation.done(positionals)}\n`);
  } else if (operation.output === "record") {
    await write(json ? `${toJson(result)}\n` : `${recordTable(result, terminal)}\n`);
  } else if (operation.output === "names") {
    await write(json ? result.map(ndjsonLine).join("") : `${result.map(escapeControls).join("\n")}\n`);
  } else {
    const items = operation.items(result);
    if (json) {
      await write(items.map(ndjsonLine).join(""));
    } else {
      const footer = operation.footer(result);
      await write(`${listTable(items, terminal)}\n${footer ? `${footer}\n` : ""}`);
    }
  }
}

/** `--all`: every item of the iterator, NDJSON lines as they arrive (or one table at the end). */
async function printAll(command, iterator) {
  const { values } = command;
  const pageSize = values["page-size"] === undefined ? 100 : Number(values["page-size"]);
  const progress = process.stderr.isTTY ? (n) => process.stderr.write(`\r${n} items, ${Math.ceil(n / pageSize)} pages`) : () => {};
  const rows = [];
  let count = 0;
  try {
    for await (const item of iterator) {
      count++;
      if (values.json) await write(ndjsonLine(item));
      else rows.push(item);
      if (count % pageSize === 0) progress(count);
    }
  } finally {
    if (process.stderr.isTTY && count >= pageSize) process.stderr.write("\n");
  }
  if (!values.json) await write(`${listTable(rows, terminal)}\n${count} items\n`);
}

async function run(argv) {
  if (argv.length === 0) {
    process.stderr.write(mainHelp());
    return 2;
  }
  if (argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    await write(mainHelp());
    return 0;
  }
  if (argv[0] === "--version" || argv[0] === "-v") {
    await write(`${version()}\n`);
    return 0;
  }
  if (argv[0] === "sandbox") {
    const { sandboxCommand } = await import("./sandbox.mjs");
    return sandboxCommand(argv.slice(1), write);
  }
  refuseSecretFlags(argv);
  const command = parse(argv);
  if (command.help) {
    if (command.helpIsError) {
      process.stderr.write(command.help);
      return 2;
    }
    await write(command.help);
    return 0;
  }
  const { operation, values, positionals, service, serviceName } = command;
  await baselineWasmOnNode20();
  CLASSES = await import(`../node/${serviceName}.mjs`);
  if (operation.offline) {
    await print(command, operation.run(CLASSES[service.className]));
    return 0;
  }
  const env = readEnvironment(values["env-file"]);
  const arg = argumentOf(operation, values, positionals);
  const { client, curl } = makeClient(command, env);

  if (values["dry-run"] || values.curl) {
    const dryRun = async ({ values: given, positionals: args }) => {
      const request = await operation.run(client, argumentOf(operation, given, args), given, { dryRun: true }, args);
      return typeof request?.next === "function" ? (await request.next()).value : request;
    };
    // Made with the argument itself, the dry run refuses what the call would refuse; one read
    // from standard input (it may be a token) is then shown as `<stdin>`, and a curl line reads
    // it from its own standard input.
    let request = await dryRun({ values, positionals });
    if (command.stdin) request = await dryRun(command.stdin.fill(STDIN_STAND_IN));
    if (values.curl) await write(`${curlLine(request, curl)}\n`);
    else {
      const shown = showStdin(request);
      await write(values.json ? `${toJson(shown)}\n` : `${requestText(shown)}\n`);
    }
    return 0;
  }

  const controller = new AbortController();
  // The first signal aborts the call (its error is printed, the exit code is the signal's); a
  // second one ends the process at once.
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
    process.once(signal, () => {
      abortExit = code;
      controller.abort();
      process.once(signal, () => process.exit(code));
    });
  }
  const result = operation.run(client, arg, values, { signal: controller.signal }, positionals);
  if (values.all) await printAll(command, result);
  else await print(command, await result);
  return 0;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  const json = process.argv.includes("--json");
  process.stderr.write(`${errorText(err, json)}\n`);
  if (err instanceof UsageError) process.exitCode = 2;
  else if (err?.name === "ApiError") process.exitCode = err.kind === "aborted" ? abortExit : (EXIT[err.kind] ?? 1);
  else process.exitCode = 1;
}
