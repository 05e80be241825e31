// Declarations that derivation from the Rust models cannot express (see README "TypeScript
// types"): the exclusive credential forms of the constructors (`?: never` keeps two forms
// from being mixed), the type of the client methods (`Operation`, with its `dryRun` overloads),
// and the names earlier releases used.

/** Options every client constructor takes besides its credentials. */
export interface ClientOptions {
  /** The service's origin, optionally with a path prefix. `https:` unless loopback. */
  baseUrl: string;
  /** Allow plain `http:` to a host that is not loopback. */
  allowInsecureHttp?: boolean;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Retry policy of idempotent calls, or `false` to never retry. */
  retry?: Retry;
  /**
   * Every request of the client goes through this function instead of the global `fetch`
   * (tests: the in-process emulator's `fetch`, an MSW handler; proxies, custom agents). It is
   * called with one `Request` and resolves to a `Response`. Dry runs never call it.
   */
  fetch?: (input: Request) => Promise<Response>;
}

/** Authlete API v2: HTTP Basic with the service API key and secret. */
export interface AuthleteV2Credentials {
  apiKey: string;
  /** Never shown in errors, `toString` or `JSON.stringify`. */
  apiSecret: string;
  serviceId?: never;
  accessToken?: never;
}

/** Authlete API v3: `Authorization: Bearer` with a service access token; paths `/api/{serviceId}/...`. */
export interface AuthleteV3Credentials {
  serviceId: string;
  /** Never shown in errors, `toString` or `JSON.stringify`. */
  accessToken: string;
  apiKey?: never;
  apiSecret?: never;
}

/** Knetik `{ accessToken }`: a bearer token used as is (never refreshed). */
export interface KnetikAccessTokenCredentials {
  /** Never shown in errors, `toString` or `JSON.stringify`. */
  accessToken: string;
  clientId?: never;
  clientSecret?: never;
  username?: never;
  password?: never;
}

/** Knetik `{ clientId, clientSecret }`: the OAuth2 `client_credentials` grant. */
export interface KnetikClientCredentials {
  clientId: string;
  /** Never shown in errors, `toString` or `JSON.stringify`. */
  clientSecret: string;
  accessToken?: never;
  username?: never;
  password?: never;
}

/** Knetik `{ clientId, username, password }`: the OAuth2 `password` grant. */
export interface KnetikPasswordCredentials {
  clientId: string;
  username: string;
  /** Never shown in errors, `toString` or `JSON.stringify`. */
  password: string;
  accessToken?: never;
  clientSecret?: never;
}

/**
 * A method of a client class, declared once for all of them: called with `A` (the arguments
 * before the options) and options `CallOptions & O` (`O`: the method's own options), it sends
 * its request and returns `R`; with `dryRun: true` it sends nothing and resolves to the `DryRun`
 * of the request it would send (a `listAll` yields the request of its first page, once).
 */
export type Operation<A extends unknown[], R, O = {}> = {
  (...args: [...A, options?: (CallOptions & O & { dryRun?: false }) | null]): R;
  (...args: [...A, options: CallOptions & O & { dryRun: true }]): R extends Promise<unknown>
    ? Promise<DryRun>
    : AsyncIterableIterator<DryRun>;
  /** `dryRun` known only at run time (options handed on by a wrapper): either of the above. */
  (...args: [...A, options: CallOptions & O & { dryRun?: boolean }]): R extends Promise<infer T>
    ? Promise<T | DryRun>
    : R extends AsyncIterableIterator<infer T>
      ? AsyncIterableIterator<T | DryRun>
      : never;
};

/**
 * `T` as a request carries it: without the index signature of `Extra` (the fields a newer
 * service adds to an answer), at any depth, so that a misspelt field of an object literal is a
 * compile error, as it is a run-time one. Used where a request reuses an answer's model.
 */
export type Sent<T> = T extends readonly (infer U)[]
  ? Sent<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: Sent<T[K]> }
    : T;

/** The call options of a dry run: the method sends nothing and resolves to its `DryRun`. */
export type DryRunOptions = CallOptions & { dryRun: true };

/** The name of `TokensCreateRequest` in earlier releases. */
export type CreateTokenRequest = TokensCreateRequest;
/** The name of `TokensCreate201Response` in earlier releases. */
export type CreatedToken = TokensCreate201Response;

declare global {
  interface SymbolConstructor {
    /**
     * Declared here (as TypeScript's `esnext.disposable` lib and `@types/node` declare it) so
     * that the classes' `[Symbol.dispose]()` type-checks under any `lib` setting.
     */
    readonly dispose: unique symbol;
  }
}
