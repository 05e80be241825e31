
/** `{ accessToken }`: a bearer token used as is (never refreshed). */
export interface KnetikAccessTokenCredentials {
  /** The bearer token. Never shown in errors, `toString` or `JSON.stringify`. */
  accessToken: string;
  clientId?: never;
  clientSecret?: never;
  username?: never;
  password?: never;
}

/** `{ clientId, clientSecret }`: the OAuth2 `client_credentials` grant. */
export interface KnetikClientCredentials {
  clientId: string;
  /** Never shown in errors, `toString` or `JSON.stringify`. */
  clientSecret: string;
  accessToken?: never;
  username?: never;
  password?: never;
}

/** `{ clientId, username, password }`: the OAuth2 `password` grant. */
export interface KnetikPasswordCredentials {
  clientId: string;
  username: string;
  /** Never shown in errors, `toString` or `JSON.stringify`. */
  password: string;
  accessToken?: never;
  clientSecret?: never;
}

/**
 * Options of `new KnetikTokens()`: the common client options and exactly one credential form.
 * With a grant, the client gets the access token from `/oauth/token` on the first call, shares
 * that one request between concurrent calls, refreshes the token shortly before it expires, and
 * repeats a call once with a fresh token after a 401.
 */
export type KnetikTokensOptions = ClientOptions &
  (KnetikAccessTokenCredentials | KnetikClientCredentials | KnetikPasswordCredentials);

/** The credential form of a client, as `toJSON()` names it. */
export type KnetikGrant = "access_token" | "client_credentials" | "password";

/** What `JSON.stringify(knetikTokens)` gives: no secret. */
export interface KnetikTokensDescription {
  provider: "knetik";
  baseUrl: string;
  grant: KnetikGrant;
  /** `null` for an `accessToken` client. */
  clientId: string | null;
  timeoutMs: number;
}

/** The first argument of `getTokens()` (query `filter_client_id`, `filter_username`, `size`, `page`, `order`). */
export interface KnetikTokensQuery {
  /** Only tokens issued to this OAuth client. */
  filterClientId?: string;
  /** Only tokens issued to this user. */
  filterUsername?: string;
  /** Page size (server default 25). */
  size?: number;
  /** Page number, from 1 (default 1). */
  page?: number;
  /** Comma-separated `PROPERTY:ASC` / `PROPERTY:DESC` pairs, e.g. `"username:ASC,client_id:DESC"`. */
  order?: string;
}

/** The first argument of `listAll()`. */
export interface KnetikListAllQuery {
  filterClientId?: string;
  filterUsername?: string;
  /** As in {@link KnetikTokensQuery.order}. */
  order?: string;
  /** Tokens per request (the server's default page size when absent). */
  pageSize?: number;
}

/**
 * The filter of `deleteTokens()`: a username, a client id, or both. One is required; a call
 * without a filter (which would delete every token) is refused before anything is sent.
 */
export type KnetikDeleteFilter =
  | { username: string; clientId?: string }
  | { username?: string; clientId: string };

/** `OauthAccessTokenResource`. List items have no `token`; only `getToken()` returns it. */
export interface OauthAccessTokenResource {
  client_id?: string;
  token?: string;
  username?: string;
  [extra: string]: unknown;
}

/** The spec's `Order`: one sort criterion of a page. */
export interface KnetikOrder {
  ascending?: boolean;
  descending?: boolean;
  direction?: "ASC" | "DESC" | (string & {});
  ignore_case?: boolean;
  null_handling?: "NATIVE" | "NULLS_FIRST" | "NULLS_LAST" | (string & {});
  property?: string;
  [extra: string]: unknown;
}

/** `PageResource_OauthAccessTokenResource`: one page of `getTokens()`. */
export interface PageResource {
  /** Always present (an empty array when the server left it out). */
  content: OauthAccessTokenResource[];
  first?: boolean;
  last?: boolean;
  /** The page number as the server reports it. */
  number?: number;
  number_of_elements?: number;
  size?: number;
  /** Present when the request had an `order`. */
  sort?: KnetikOrder[];
  /** int64: a `bigint` when above `Number.MAX_SAFE_INTEGER`. */
  total_elements?: number | bigint;
  total_pages?: number;
  [extra: string]: unknown;
}

/** The spec's `ErrorResource`: one error of a {@link KnetikResult}. */
export interface KnetikErrorResource {
  details?: unknown;
  field?: unknown;
  message?: string;
  [extra: string]: unknown;
}

/** The spec's `Result`: an `ApiError.body` of the `/auth/tokens` operations (`code` -> `ApiError.code`). */
export interface KnetikResult {
  code?: number;
  request_id?: string;
  result?: KnetikErrorResource[];
  [extra: string]: unknown;
}

/** `OAuth2Error`: an `ApiError.body` of `getOAuthToken` (`error` -> `ApiError.code`). */
export interface OAuth2Error {
  /** e.g. `invalid_grant`, `invalid_client`. */
  error?: string;
  error_description?: string;
  [extra: string]: unknown;
}

/** `listAll()` results are async iterables: `for await (const t of k.listAll()) {}`. */
export interface KnetikTokenIterator {
  [Symbol.asyncIterator](): KnetikTokenIterator;
}
