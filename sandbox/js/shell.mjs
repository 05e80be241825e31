// The JavaScript shells' common part, over the emulator core compiled to wasm (src/js.rs): the
// options, the control API as methods (`reset`, `advanceClock`, `now`, `fault`, `requests`,
// sessions), and the in-process `fetch`, which carries out each answer as `fetch` would show it.
//
// One source for the browser entry (ESM, as is) and the Node entry (scripts/package.mjs makes a
// CommonJS copy): it imports nothing; `createShell` is handed the wasm module.

/** Options the emulator itself takes (the rest belong to `startSandbox`'s server). */
export const CORE_OPTIONS = ["seed", "knetikTokenTtl"];

/** Where the in-process emulator pretends to live (a loopback name: the clients allow http). */
export const IN_PROCESS_ORIGIN = "http://sandbox.localhost";

/** Checks an options object: an object whose keys are all `allowed`, finite numbers where numbers go. */
export function checkOptions(options, allowed, where) {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${where}: unknown option "${key}" (known: ${allowed.join(", ")})`);
    }
    if (value !== undefined && key !== "host" && typeof value !== "number") {
      throw new TypeError(`${where}: ${key} must be a number`);
    }
    // JSON would send NaN and the infinities as null, which the core takes for "absent".
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new RangeError(`${where}: ${key} must be a finite number (got ${value})`);
    }
    if (key === "host" && value !== undefined && typeof value !== "string") {
      throw new TypeError(`${where}: host must be a string`);
    }
  }
  return options;
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A core reply as plain values (the wasm object freed). */
function readReply(reply) {
  try {
    return {
      kind: reply.kind,
      delayMs: reply.delayMs,
      status: reply.status,
      statusText: reply.statusText,
      headers: reply.headers,
      body: reply.body,
      hugeBytes: reply.hugeBytes,
    };
  } finally {
    reply.free();
  }
}

/** Largest accepted request body, bytes (as the servers: larger ones get 413). */
const MAX_BODY = 1024 * 1024;
/** How long a stalled answer waits before it fails, ms (as the servers keep its socket). */
const STALL_MS = 60_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();
const NULL_BODY = new Set([101, 204, 205, 304]);
/** Fetch's request-body-header names: dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
/** Headers not sent on to another origin when a redirect is followed. */
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/** Builds the shells over the wasm module `wasm` (its `Core`, `credentials`, `execEnv`). */
export function createShell(wasm) {
  const credentials = deepFreeze(JSON.parse(wasm.credentials()));
  /** The cores of closed sandboxes (freed, or about to be): no call reaches them. */
  const closedCores = new WeakSet();

  /** Marks `core` closed: its control calls (a session's too) reject saying so from now on. */
  function markClosed(core) {
    closedCores.add(core);
  }

  /** A new core for the checked `options` (an `Error` naming the option when the core refuses one). */
  function newCore(options, where) {
    const picked = {};
    for (const key of CORE_OPTIONS) if (options[key] !== undefined) picked[key] = options[key];
    const seed = new Uint32Array(2);
    globalThis.crypto.getRandomValues(seed);
    try {
      return new wasm.Core(JSON.stringify(picked), seed[0], seed[1], Date.now());
    } catch (e) {
      throw new RangeError(`${where}: ${e.message}`);
    }
  }

  /** Hands one request to `core` (`origin`: where the caller reached it); the reply as plain values. */
  function dispatch(core, method, url, headers, body, origin = url.origin) {
    return readReply(core.handle(method, url.pathname + url.search, headers, body, origin, Date.now()));
  }

  /** A control call straight to `core` (no socket), under `prefix` (a session's path). */
  function controlSender(core, origin, prefix) {
    return (method, path, value) => {
      if (closedCores.has(core)) {
        throw Object.assign(new Error(`sandbox ${method} ${prefix}${path}: the sandbox is closed (its close() was called)`), { closed: true });
      }
      let text = "";
      if (value !== undefined) {
        try {
          text = JSON.stringify(value);
        } catch (e) {
          throw new TypeError(`${path}: the argument cannot be sent as JSON (${e.message})`);
        }
      }
      const url = new URL(prefix + path, origin);
      const reply = dispatch(core, method, url, ["content-type", "application/json"], ENCODER.encode(text));
      const bodyText = DECODER.decode(reply.body);
      const json = bodyText ? JSON.parse(bodyText) : undefined;
      if (reply.status >= 400) {
        const why = json?.error ?? `status ${reply.status}`;
        throw Object.assign(new Error(`sandbox ${method} ${prefix}${path}: ${why}`), { status: reply.status });
      }
      return json;
    };
  }

  /** The control API as methods; `send(method, path, value)` performs one call. */
  class Control {
    #send;
    constructor(send) {
      this.#send = send;
    }
    /** Back to the seeded state: tokens, faults, the clock, counters and the log. */
    async reset() {
      this.#send("POST", "/_sandbox/reset");
    }
    /** Moves the emulated clock forward by `ms` (every expiry follows it). */
    async advanceClock(ms) {
      this.#send("POST", "/_sandbox/clock", { advanceMs: ms });
    }
    /** The emulated time, ms since the epoch. */
    async now() {
      return this.#send("GET", "/_sandbox/clock").now;
    }
    /** Scripts the next answers of a path (see `Fault`). */
    async fault(fault) {
      this.#send("POST", "/_sandbox/faults", fault);
    }
    /** The requests received so far, oldest first, credentials and tokens redacted. */
    async requests() {
      return this.#send("GET", "/_sandbox/requests");
    }
  }

  /** An isolated, seeded world under its own URL (a path prefix of the same origin). */
  class Session extends Control {
    #send;
    constructor(core, origin, made) {
      const send = controlSender(core, origin, `/_sandbox/sessions/${made.id}`);
      super(send);
      this.#send = send;
      /** The session's id. */
      this.id = made.id;
      /** The base URL to give the clients. */
      this.url = made.url;
      Object.freeze(this);
    }
    /**
     * Ends the session (its state is gone; its URL answers 404). Ending it twice is fine, as is
     * ending it after its sandbox closed.
     */
    async close() {
      try {
        this.#send("DELETE", "");
      } catch (e) {
        // Gone already: ended before, or with its sandbox.
        if (e.status !== 404 && !e.closed) throw e;
      }
    }
  }

  /** Makes a session of `core` (`options`: seed, knetikTokenTtl). */
  function makeSession(core, origin, options) {
    checkOptions(options, CORE_OPTIONS, "session");
    const made = controlSender(core, origin, "")("POST", "/_sandbox/sessions", options ?? {});
    return new Session(core, origin, made);
  }

  /**
   * `fetch` answered by `core` in this process. Faults show as `fetch` shows them: a drop
   * rejects with a `TypeError`; a truncated body errors while it is read; a stalled body waits
   * until the request's signal aborts; a delay is a timer (the signal cuts it short). A redirect
   * is followed as Node's `fetch` follows it: no credential headers to another origin, a 303 (or
   * a 301/302 from POST) turned into a GET without its body, `redirected` set on the answer.
   */
  function inProcessFetch(core) {
    return async function fetch(input, init) {
      let request = new Request(input, init);
      let followed = false;
      for (let hops = 0; ; hops++) {
        const { signal } = request;
        if (signal.aborted) throw signal.reason;
        const body = new Uint8Array(await request.arrayBuffer());
        const url = new URL(request.url);
        // As both servers refuse a body beyond 1 MiB.
        if (body.length > MAX_BODY) return new Response(null, { status: 413, headers: { "access-control-allow-origin": "*" } });
        const headers = [];
        request.headers.forEach((value, name) => headers.push(name, value));
        const reply = dispatch(core, request.method, url, headers, body);
        if (reply.delayMs > 0) await sleep(reply.delayMs, signal);
        const response = toResponse(reply, request);
        const location = response.headers.get("location");
        if (!REDIRECTS.has(response.status) || location === null || request.redirect === "manual") {
          return followed ? redirected(response) : response;
        }
        if (request.redirect === "error") throw new TypeError("fetch failed: redirect mode is \"error\"");
        if (hops >= 20) throw new TypeError("fetch failed: too many redirects");
        const next = new URL(location, url);
        // As Fetch's HTTP-redirect fetch: 303 (but from HEAD), and 301/302 from POST, become a
        // GET without the body and the headers that describe it.
        const toGet = (response.status === 303 && request.method !== "GET" && request.method !== "HEAD") ||
          ((response.status === 301 || response.status === 302) && request.method === "POST");
        const nextHeaders = new Headers(request.headers);
        if (toGet) for (const name of BODY_HEADERS) nextHeaders.delete(name);
        // To another origin, no credential (Fetch drops Authorization; Node's fetch, undici, also
        // Cookie and Proxy-Authorization).
        if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) nextHeaders.delete(name);
        const nextInit = { method: toGet ? "GET" : request.method, headers: nextHeaders, signal, redirect: request.redirect };
        if (!toGet && body.length > 0) nextInit.body = body;
        if (next.origin !== url.origin) return redirected(await globalThis.fetch(next, nextInit));
        request = new Request(next, nextInit);
        followed = true;
      }
    };
  }

  /** `response`, marked as the end of followed redirects (`response.redirected`). */
  function redirected(response) {
    Object.defineProperty(response, "redirected", { value: true });
    return response;
  }

  /** The `Response` (or rejection) `fetch` would give for a reply. */
  function toResponse(reply, request) {
    if (reply.kind === "drop") {
      throw new TypeError("fetch failed", { cause: new Error("the sandbox closed the connection without answering (a scripted drop)") });
    }
    const headers = new Headers();
    for (let i = 0; i + 1 < reply.headers.length; i += 2) headers.append(reply.headers[i], reply.headers[i + 1]);
    const bodiless = NULL_BODY.has(reply.status) || request.method === "HEAD";
    let body = null;
    if (!bodiless) {
      if (reply.kind === "respond") body = reply.body;
      else if (reply.kind === "huge") body = hugeBody(reply.hugeBytes);
      else body = brokenBody(reply.body.subarray(0, reply.body.length >> 1), reply.kind, request.signal);
    }
    if (reply.kind === "huge") headers.set("content-length", String(reply.hugeBytes));
    const response = new Response(body, { status: reply.status, statusText: reply.statusText, headers });
    Object.defineProperty(response, "url", { value: request.url });
    return response;
  }

  /**
   * Half a body, then an error (truncate) or nothing until the signal aborts (stall). A stall
   * holds a timer, as a socket would hold the event loop: the process waits for the abort; after
   * `STALL_MS` the body fails as the servers' closed connection does.
   */
  function brokenBody(half, kind, signal) {
    let timer;
    let onAbort;
    return new ReadableStream({
      start(controller) {
        if (half.length > 0) controller.enqueue(half);
        if (kind === "truncate") {
          controller.error(new TypeError("terminated", { cause: new Error("the sandbox cut the body short (a scripted truncate)") }));
          return;
        }
        if (signal.aborted) return controller.error(signal.reason);
        onAbort = () => {
          clearTimeout(timer);
          controller.error(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        timer = setTimeout(() => {
          signal.removeEventListener("abort", onAbort);
          controller.error(new TypeError("terminated", { cause: new Error("the sandbox closed a stalled answer after 60 s (a scripted stall)") }));
        }, STALL_MS);
      },
      cancel() {
        clearTimeout(timer);
        if (onAbort) signal.removeEventListener("abort", onAbort);
      },
    });
  }

  /** `n` bytes of `x`, made as they are read. */
  function hugeBody(n) {
    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    let left = n;
    return new ReadableStream({
      pull(controller) {
        if (left <= 0) return controller.close();
        const take = Math.min(left, chunk.length);
        controller.enqueue(chunk.slice(0, take));
        left -= take;
      },
    });
  }

  /** The emulator in this process, reached through its own `fetch`. */
  class InProcessSandbox extends Control {
    #core;
    constructor(core) {
      super(controlSender(core, IN_PROCESS_ORIGIN, ""));
      this.#core = core;
      /** The base URL to give the clients (with this sandbox's `fetch`). */
      this.url = IN_PROCESS_ORIGIN;
      /** The demo credentials, each spreadable into a client's options. */
      this.credentials = credentials;
      /** `fetch`, answered in this process; pass it to the clients' `fetch` option or an MSW handler. */
      this.fetch = inProcessFetch(core);
      Object.freeze(this);
    }
    /** A new isolated session (`options`: seed, knetikTokenTtl). */
    async session(options) {
      return makeSession(this.#core, IN_PROCESS_ORIGIN, options);
    }
  }

  /** `createSandbox(options?)`: the emulator in this process (no socket, no port). */
  function createSandbox(options) {
    const checked = checkOptions(options, CORE_OPTIONS, "createSandbox");
    return new InProcessSandbox(newCore(checked, "createSandbox"));
  }

  return { credentials, newCore, markClosed, dispatch, controlSender, makeSession, Control, Session, createSandbox, sleep };
}

function deepFreeze(value) {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
