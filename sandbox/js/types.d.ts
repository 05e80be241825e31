
// ---- The functions and objects of `tokenops/sandbox` (the models above come from the
// ---- emulator's Rust types).

/** What a fresh emulated world holds. */
export interface SandboxOptions {
  /** Extra tokens per provider, for paging (default 0; at most 100000, 10000 in a session). */
  seed?: number;
  /** Lifetime of Knetik access tokens, seconds (default 3600). */
  knetikTokenTtl?: number;
}

/** `startSandbox`'s options: the emulator's and where to listen. */
export interface StartSandboxOptions extends SandboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
}

/** The control API: every method also exists on a session, where it touches only that session. */
export interface Control {
  /** Back to the seeded state: tokens, scripted faults, the clock, counters and the request log. */
  reset(): Promise<void>;
  /** Moves the emulated clock forward by `ms` milliseconds; every expiry follows it. */
  advanceClock(ms: number): Promise<void>;
  /** The emulated clock, ms since the epoch. */
  now(): Promise<number>;
  /** Scripts the next answers of a path (a status and body, a delay, a drop, a truncated or stalled body). */
  fault(f: Fault): Promise<void>;
  /** The requests received so far, oldest first, credentials and tokens redacted. */
  requests(): Promise<LoggedRequest[]>;
}

/** An isolated, seeded world under its own URL (a path prefix of the sandbox's origin). */
export interface Session extends Control {
  readonly id: string;
  /** The base URL to give the clients. */
  readonly url: string;
  /** Ends the session: its state is gone and its URL answers 404 (again, or after the sandbox's close, it just resolves). */
  close(): Promise<void>;
}

/** A sandbox listening on a port (`startSandbox`). */
export interface Sandbox extends Control {
  /** `http://host:port`: the base URL to give the clients. */
  readonly url: string;
  /** The demo credentials, each spreadable into a client's options. */
  readonly credentials: Credentials;
  /** A new isolated session (at most 64 live; making one more ends the oldest idle one). */
  session(options?: SandboxOptions): Promise<Session>;
  /** Stops listening and closes every connection; then the control methods (a session's too) reject saying the sandbox is closed. */
  close(): Promise<void>;
  /**
   * `close()`, for `await using sandbox = await startSandbox()` (set where the engine has
   * `Symbol.asyncDispose`: Node 20+, Deno, Bun).
   */
  [Symbol.asyncDispose](): Promise<void>;
}

/** The emulator in this process (`createSandbox`), reached through its own `fetch`. */
export interface InProcessSandbox extends Control {
  /** `http://sandbox.localhost`: the base URL to give the clients together with `fetch`. */
  readonly url: string;
  /** The demo credentials, each spreadable into a client's options. */
  readonly credentials: Credentials;
  /**
   * `fetch`, answered in this process: give it to a client's `fetch` option or an MSW handler.
   * Faults show as `fetch` shows them: a drop rejects with a `TypeError`, a truncated body
   * errors while read, a stalled body waits until the request's signal aborts (60 s at most).
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** A new isolated session (at most 64 live; making one more ends the oldest idle one). */
  session(options?: SandboxOptions): Promise<Session>;
}

/** Starts the emulator on a port (Node only; in a browser it rejects: use `createSandbox`). */
export declare function startSandbox(options?: StartSandboxOptions): Promise<Sandbox>;

/** The emulator in this process: no socket, no port; one per test isolates the tests. */
export declare function createSandbox(options?: SandboxOptions): InProcessSandbox;

declare global {
  interface SymbolConstructor {
    /**
     * Declared here (as TypeScript's `esnext.disposable` lib and `@types/node` declare it) so
     * that `Sandbox`'s `[Symbol.asyncDispose]()` type-checks under any `lib` setting.
     */
    readonly asyncDispose: unique symbol;
  }
}
