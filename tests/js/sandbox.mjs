// Starts a private sandbox for one test file and talks to its control endpoints.
//
// Which shell of the emulator: TOKENOPS_TEST_SHELL=native (the default: the std binary),
// node (the package's `startSandbox`: the core in wasm behind Node's http server) or in-process
// (the package's `createSandbox`: clients reach it through their `fetch` option, built from
// `sandbox.client`). The suites construct every client from `sandbox.client` and send raw
// requests with `sandbox.fetch`, so one suite runs unchanged against each shell.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const SANDBOX_BIN = process.env.TOKENOPS_SANDBOX_BIN ?? join(root, "target/sandbox/tokenops-sandbox");
export const SHELL = process.env.TOKENOPS_TEST_SHELL ?? "native";

/** The binary's flags as the package's options (`--seed N`, `--knetik-token-ttl S`). */
function packageOptions(args) {
  const options = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = { "--seed": "seed", "--knetik-token-ttl": "knetikTokenTtl" }[args[i]];
    if (!name) throw new Error(`the ${SHELL} shell has no flag ${args[i]}`);
    options[name] = Number(args[i + 1]);
  }
  return options;
}

/** Starts a sandbox (`sandbox --port 0`, or the package's shell) and resolves once it listens. */
export async function startSandbox(extraArgs = []) {
  if (SHELL === "node" || SHELL === "in-process") {
    const pkg = await import("tokenops/sandbox");
    if (SHELL === "node") {
      const sb = await pkg.startSandbox(packageOptions(extraArgs));
      return new Sandbox(sb.url, { stop: () => sb.close() });
    }
    const sb = pkg.createSandbox(packageOptions(extraArgs));
    return new Sandbox(sb.url, { stop: async () => {}, fetch: sb.fetch });
  }
  if (SHELL !== "native") throw new Error(`TOKENOPS_TEST_SHELL: native, node or in-process, not ${SHELL}`);
  const child = spawn(
    SANDBOX_BIN,
    ["--port", "0", "--www", join(root, "www"), "--pkg", join(root, "tests/node_modules/tokenops"), ...extraArgs],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("sandbox did not start within 10 s")), 10_000);
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
    lines.on("line", (line) => {
      const m = /^sandbox listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  lines.on("line", () => {}); // keep draining stdout
  return new Sandbox(url, {
    stop: async () => {
      child.kill();
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
    },
  });
}

export class Sandbox {
  #stop;
  constructor(url, { stop, fetch }) {
    this.url = url;
    this.#stop = stop;
    /** `fetch` that reaches this sandbox (the global one, or the in-process emulator's). */
    this.fetch = fetch ?? globalThis.fetch;
    /** The options every client of the suites starts from: the base URL, and `fetch` in process. */
    this.client = fetch ? { baseUrl: url, fetch } : { baseUrl: url };
  }
  async control(method, path, body) {
    const res = await this.fetch(this.url + path, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  }
  reset() {
    return this.control("POST", "/_sandbox/reset");
  }
  /** Scripts the next `count` answers of `path`: see the sandbox README for the fields. */
  fault(fault) {
    return this.control("POST", "/_sandbox/faults", fault);
  }
  async count(method, path) {
    const stats = await this.control("GET", "/_sandbox/stats");
    return stats.requests[`${method} ${path}`] ?? 0;
  }
  requests() {
    return this.control("GET", "/_sandbox/requests");
  }
  stop() {
    return this.#stop();
  }
}

/** Records everything written to the console while `fn` runs. */
export async function captureConsole(fn) {
  const lines = [];
  const saved = {};
  for (const name of ["log", "info", "warn", "error", "debug", "trace"]) {
    saved[name] = console[name];
    console[name] = (...args) => lines.push(args.map((a) => (typeof a === "string" ? a : safeInspect(a))).join(" "));
  }
  try {
    await fn();
  } finally {
    Object.assign(console, saved);
  }
  return lines;
}

function safeInspect(v) {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
