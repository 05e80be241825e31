
/** What went wrong, in one word. */
export type ApiErrorKind =
  | "http" | "network" | "timeout" | "aborted" | "decode" | "invalid_argument" | "insecure_url";

/** The services tokenops talks to. */
export type ProviderName = "hopr" | "authlete" | "knetik";

/** The fields of an {@link ApiError}. */
export interface ApiErrorInit {
  kind: ApiErrorKind;
  /**
   * One line, no credential, safe to print to a terminal: service text in it shows control
   * characters and bidi overrides escaped (`\u001b`).
   */
  message: string;
  /** HTTP status when the server answered, else `null`. */
  status: number | null;
  /**
   * The provider's code: HOPR `status`, Authlete `resultCode`, Knetik `code` / OAuth `error`,
   * exactly as the service sent it.
   */
  code: string | null;
  provider: ProviderName;
  /** The provider's operationId, e.g. `tokensGetToken`. */
  operation: string;
  /** The parsed error body (or its text when not JSON), secrets removed; `null` when none. */
  body: unknown;
  /** The server's `Retry-After`, in ms, when it sent one. */
  retryAfterMs: number | null;
}

/** The error every call rejects with. `instanceof Error` and `instanceof ApiError` both hold. */
export declare class ApiError extends Error implements ApiErrorInit {
  constructor(init: ApiErrorInit);
  readonly name: "ApiError";
  kind: ApiErrorKind;
  status: number | null;
  code: string | null;
  provider: ProviderName;
  operation: string;
  body: unknown;
  retryAfterMs: number | null;
  toJSON(): ApiErrorInit & { name: "ApiError" };
}
