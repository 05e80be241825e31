// Starts a private sandbox for one test file and talks to its control endpoints.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const SANDBOX_BIN = process.env.TOKENOPS_SANDBOX_BIN ?? join(root, "target/sandbox/tokenops-sandbox");

/** Starts `sandbox --port 0` and resolves once it listens. */
export async function startSandbox(extraArgs = []) {
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
  return new Sandbox(url, child);
}

export class Sandbox {
  constructor(url, child) {
    this.url = url;
    this.child = child;
  }
  async control(method, path, body) {
    const res = await fetch(this.url + path, {
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
  async stop() {
    this.child.kill();
    await new Promise((r) => (this.child.exitCode !== null ? r() : this.child.once("exit", r)));
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
