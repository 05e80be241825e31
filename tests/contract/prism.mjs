// Stoplight Prism for the contract suites: `prism mock` (or `prism proxy`) of a document on a free
// loopback port, stopped by its process id, and a recording proxy in front of it. The clients talk
// to the proxy, which keeps what reached the wire (method, path, query, headers, body), the answer,
// and Prism's verdict on both (the `sl-violations` header), and can ask Prism for a given answer
// (`Prefer`).
import { spawn } from "node:child_process";
import { createServer, request } from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PRISM = join(root, "node_modules/.bin/prism");

/** A free loopback port (the kernel's choice, released for Prism to take). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prism mock <file>`, or with `upstream` `prism proxy <file> <upstream>` (which checks the
 * upstream's answers against the document); resolves to `{ url, stop }` once it listens.
 */
export async function startPrism(file, { seed = "tokenops", upstream } = {}) {
  const port = await freePort();
  const mode = upstream ? ["proxy", file, upstream] : ["mock", file, "--seed", seed];
  const child = spawn(PRISM, [...mode, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const lines = createInterface({ input: child.stdout });
  child.stderr.on("data", (c) => (log += c));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start within 30 s: ${log}`)), 30_000);
    child.once("exit", (code) => reject(new Error(`prism exited with ${code}: ${log}`)));
    lines.on("line", (line) => {
      log += `${line}\n`;
      if (line.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", resolve);
        process.kill(child.pid, "SIGTERM");
      }),
  };
}

/**
 * A proxy to `target` that records every exchange as `{ method, path, query, headers, body,
 * status, violations }`. A `Prefer` header (Prism's choice of answer) is added to a request when
 * `preferFor(path, method)` gives one, else when `prefer` is set. `rewrite(entry, text)`, when
 * set, may change an answer's body on its way to the client.
 */
export async function startRecorder(target) {
  const recorder = { exchanges: [], prefer: null };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url, "http://x");
      const entry = {
        method: req.method,
        path: url.pathname,
        query: url.search.slice(1),
        headers: req.headers,
        body: body.toString("utf8"),
      };
      recorder.exchanges.push(entry);
      const headers = { ...req.headers, host: new URL(target).host };
      const prefer = recorder.preferFor?.(url.pathname, req.method) ?? recorder.prefer;
      if (prefer) headers.prefer = prefer;
      const upstream = request(`${target}${req.url}`, { method: req.method, headers }, (answer) => {
        const violations = answer.headers["sl-violations"];
        entry.status = answer.statusCode;
        entry.violations = violations ? JSON.parse(violations) : [];
        const parts = [];
        answer.on("data", (c) => parts.push(c));
        answer.on("end", () => {
          let text = Buffer.concat(parts).toString("utf8");
          if (recorder.rewrite) text = recorder.rewrite(entry, text);
          entry.answer = text;
          const out = { ...answer.headers, "content-length": String(Buffer.byteLength(text)) };
          delete out["transfer-encoding"];
          res.writeHead(answer.statusCode, out).end(text);
        });
      });
      upstream.on("error", (e) => {
        entry.status = 0;
        entry.violations = [{ message: `proxy: ${e.message}` }];
        res.writeHead(502).end();
      });
      upstream.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  recorder.url = `http://127.0.0.1:${server.address().port}`;
  recorder.stop = () => new Promise((resolve) => server.close(resolve));
  recorder.take = () => recorder.exchanges.splice(0);
  return recorder;
}
