
/** Retry settings; `retries` extra attempts with exponential backoff and jitter. */
export interface RetryOptions {
  /** Extra attempts after the first (0-10, default 2). */
  retries?: number;
  /** First backoff in ms (default 100). */
  minDelayMs?: number;
  /** Cap of any wait in ms (default 5000); a longer `Retry-After` is not waited for. */
  maxDelayMs?: number;
}

/** Options every client constructor takes. */
export interface ClientOptions {
  /** The service's origin, optionally with a path prefix. `https:` unless loopback. */
  baseUrl: string;
  /** Allow plain `http:` to a host that is not loopback. */
  allowInsecureHttp?: boolean;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Retry policy of idempotent calls, or `false` to never retry. */
  retry?: RetryOptions | boolean;
}

/** The last, optional argument of every method. */
export interface CallOptions {
  /** Aborts the call; it rejects with an `ApiError` of kind `aborted`. */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call. */
  timeoutMs?: number;
  /** `true` retries even a non-idempotent call; `false` never retries; an object sets the policy. */
  retry?: RetryOptions | boolean;
}
