"use strict";
// The Node entry of `tokenops/sandbox`: `startSandbox` (the emulator core, compiled to wasm,
// behind Node's http server on loopback) and `createSandbox` (the same core in process).
// The server carries out each answer on its sockets: a scripted delay is a timer, a drop
// destroys the socket, a truncated body is half a body then a closed socket, a stall is half a
// body then silence until the client gives up (or 60 s), a huge body is streamed.
const http = require("node:http");
const wasm = require("./sandbox-core.js");
const { createShell, checkOptions, CORE_OPTIONS } = require("./sandbox-shell.js");

const shell = createShell(wasm);

/** Largest accepted request body, bytes (as the std server: larger ones get 413). */
const MAX_BODY = 1024 * 1024;
/** How long a stalled answer keeps its socket, ms (as the std server). */
const STALL_MS = 60_000;
const SERVER_OPTIONS = ["port", "host", ...CORE_OPTIONS];

/** A running sandbox: its URL, its control API, sessions, and `close()`. */
class Sandbox extends shell.Control {
  #core;
  #server;
  #closing;
  constructor(core, url, server) {
    super(shell.controlSender(core, url, ""));
    this.#core = core;
    this.#server = server;
    /** `http://host:port`: the base URL to give the clients. */
    this.url = url;
    /** The demo credentials, each spreadable into a client's options. */
    this.credentials = shell.credentials;
    Object.freeze(this);
  }
  /** A new isolated session under this sandbox's origin (`options`: seed, knetikTokenTtl). */
  async session(options) {
    return shell.makeSession(this.#core, this.url, options);
  }
  /**
   * Stops listening and closes every connection (stalled ones too). Calling it again is fine;
   * from the call on, the control methods (a session's too) reject saying the sandbox is closed.
   */
  close() {
    this.#closing ??= new Promise((resolve) => {
      shell.markClosed(this.#core);
      this.#server.closing = true;
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
      for (const socket of this.#server.stalled) socket.destroy();
    });
    return this.#closing;
  }
}
if (Symbol.asyncDispose) Sandbox.prototype[Symbol.asyncDispose] = Sandbox.prototype.close;

/**
 * `startSandbox(options?)`: listens on `host` (default 127.0.0.1) and `port` (default 0: a free
 * one) and resolves once it does. `seed`: extra tokens per provider; `knetikTokenTtl`: Knetik
 * access token lifetime, seconds.
 */
async function startSandbox(options) {
  const checked = checkOptions(options, SERVER_OPTIONS, "startSandbox");
  const port = checked.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError("startSandbox: port must be an integer from 0 to 65535");
  }
  const host = checked.host ?? "127.0.0.1";
  const core = shell.newCore(checked, "startSandbox");
  const server = http.createServer({ requestTimeout: 0 }, (req, res) => serve(core, server, req, res));
  server.stalled = new Set();
  await new Promise((resolve, reject) => {
    server.once("error", (e) => {
      core.free();
      reject(new Error(`startSandbox: cannot listen on ${host}:${port} (${e.code ?? e.message})`, { cause: e }));
    });
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const shown = address.family === "IPv6" || address.family === 6 ? `[${address.address}]` : address.address;
  server.on("close", () => core.free());
  return new Sandbox(core, `http://${shown}:${address.port}`, server);
}

/** Reads a request (bounded), asks the core, carries out its answer. */
function serve(core, server, req, res) {
  // A client that goes away mid-request is not the server's failure.
  req.on("error", () => {});
  res.on("error", () => {});
  const chunks = [];
  let size = 0;
  let refused = false;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY && !refused) {
      refused = true;
      res.writeHead(413, { connection: "close", "access-control-allow-origin": "*" }).end();
      req.socket.destroySoon?.();
    } else if (!refused) {
      chunks.push(chunk);
    }
  });
  req.on("end", () => {
    if (refused || server.closing) return;
    const headers = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const target = originForm(req.url);
    if (!target) {
      res.writeHead(400).end();
      return;
    }
    // Where the caller reached us (as the std server): an absolute-form target's authority, else
    // the Host header, when that is a host[:port]; else the local address. Never a refusal.
    const local = req.socket.localAddress?.includes(":") ? `[${req.socket.localAddress}]` : req.socket.localAddress;
    const named = [target.authority, req.headers.host].find((h) => h !== undefined && wasm.isHost(h));
    const origin = `http://${named ?? `${local}:${req.socket.localPort}`}`;
    const reply = shell.dispatch(core, req.method, target.url, headers, Buffer.concat(chunks), origin);
    if (reply.delayMs > 0) {
      const timer = setTimeout(() => carryOut(reply, req, res, server), reply.delayMs);
      res.on("close", () => clearTimeout(timer));
    } else {
      carryOut(reply, req, res, server);
    }
  });
}

/**
 * A request target as `{ url, authority }`: `url` holds its path and query (`pathname`,
 * `search`), `authority` the host of an absolute-form target (`http://host:port/path?query`,
 * userinfo dropped); `undefined` for anything else (authority-form, another scheme).
 */
function originForm(target) {
  if (target === "*") return { url: { pathname: "*", search: "" } };
  let path = target;
  let authority;
  if (!target.startsWith("/")) {
    const m = /^https?:\/\/([^/?]*)(.*)$/i.exec(target);
    if (!m) return undefined;
    authority = m[1].slice(m[1].lastIndexOf("@") + 1);
    if (!authority) return undefined;
    path = m[2].startsWith("/") ? m[2] : `/${m[2]}`;
  }
  try {
    // On a fixed base, so that "//x/y" stays a path.
    return { url: new URL(`http://sandbox.invalid${path}`), authority };
  } catch {
    return undefined;
  }
}

/** Sends a reply: a response, or a scripted fault on the socket. */
function carryOut(reply, req, res, server) {
  const socket = req.socket;
  if (socket.destroyed) return;
  if (reply.kind === "drop") {
    socket.destroy();
    return;
  }
  const bodiless = reply.status < 200 || reply.status === 204 || reply.status === 304;
  const body = Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength);
  if (reply.kind === "respond") {
    const headers = [...reply.headers];
    if (!bodiless) headers.push("content-length", String(body.length));
    res.writeHead(reply.status, reply.statusText, headers);
    res.end(bodiless ? undefined : body);
    return;
  }
  if (reply.kind === "huge") {
    const n = bodiless ? 0 : reply.hugeBytes;
    res.writeHead(reply.status, reply.statusText, [...reply.headers, "content-length", String(n), "connection", "close"]);
    if (req.method === "HEAD") return void res.end();
    streamHuge(res, n);
    return;
  }
  // truncate or stall: announce 64 bytes more than the body, send half of it.
  const announced = bodiless ? [] : ["content-length", String(body.length + 64)];
  res.writeHead(reply.status, reply.statusText, [...reply.headers, ...announced, "connection", "close"]);
  const half = bodiless ? Buffer.alloc(0) : body.subarray(0, body.length >> 1);
  if (reply.kind === "truncate" || bodiless) {
    res.write(half, () => socket.destroy());
    return;
  }
  res.write(half);
  server.stalled.add(socket);
  const timer = setTimeout(() => socket.destroy(), STALL_MS);
  timer.unref();
  socket.once("close", () => {
    clearTimeout(timer);
    server.stalled.delete(socket);
  });
}

/** Writes `n` bytes of `x`, waiting for the socket to drain. */
function streamHuge(res, n) {
  const chunk = Buffer.alloc(64 * 1024, 0x78);
  let left = n;
  const more = () => {
    while (left > 0) {
      const take = Math.min(left, chunk.length);
      left -= take;
      if (!res.write(take === chunk.length ? chunk : chunk.subarray(0, take))) return void res.once("drain", more);
    }
    res.end();
  };
  more();
}

module.exports = { startSandbox, createSandbox: shell.createSandbox };
