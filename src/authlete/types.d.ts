
/** An int64 value: a `number` within ±(2^53 - 1), a `BigInt` beyond. Inputs accept both. */
export type Int64 = number | bigint;

/** Grant types (`grant_type`); v3 adds `PRE_AUTHORIZED_CODE`. */
export type GrantType =
  | "AUTHORIZATION_CODE" | "IMPLICIT" | "PASSWORD" | "CLIENT_CREDENTIALS" | "REFRESH_TOKEN"
  | "CIBA" | "DEVICE_CODE" | "TOKEN_EXCHANGE" | "JWT_BEARER" | "PRE_AUTHORIZED_CODE";

/** API v2: HTTP Basic with the service API key and secret. */
export interface AuthleteV2Options extends ClientOptions {
  apiKey: string;
  apiSecret: string;
  serviceId?: never;
  accessToken?: never;
}

/** API v3: `Authorization: Bearer` with a service access token; paths `/api/{serviceId}/...`. */
export interface AuthleteV3Options extends ClientOptions {
  serviceId: string;
  accessToken: string;
  apiKey?: never;
  apiSecret?: never;
}

/** Options of `new AuthleteTokens()`. */
export type AuthleteTokensOptions = AuthleteV2Options | AuthleteV3Options;

/** Call options of create, update, revoke and revokeAll. */
export interface AuthleteBodyOptions extends CallOptions {
  /** `"json"` (default) or `"form"` (`application/x-www-form-urlencoded`; refuses `properties` and `authorizationDetails`). */
  contentType?: "json" | "form";
}

/** `Property`. */
export interface Property {
  key: string;
  value?: string;
  hidden?: boolean;
}

/** `authorization_details_element` (RFC 9396). */
export interface AuthzDetailsElement {
  type: string;
  locations?: string[];
  actions?: string[];
  dataTypes?: string[];
  identifier?: string;
  privileges?: string[];
  otherFields?: string;
  [extra: string]: unknown;
}

/** `authz_details`. */
export interface AuthzDetails {
  elements?: AuthzDetailsElement[];
  [extra: string]: unknown;
}

/** `access_token`: a token in a list (hashes only). */
export interface AccessToken {
  accessTokenHash?: string;
  accessTokenExpiresAt?: Int64;
  refreshTokenHash?: string;
  refreshTokenExpiresAt?: Int64;
  createdAt?: Int64;
  lastRefreshedAt?: Int64;
  clientId?: Int64;
  subject?: string;
  grantType?: GrantType | (string & {});
  scopes?: string[];
  properties?: Property[];
  [extra: string]: unknown;
}

/** The client of a list response (the spec's `Client`; every field passes through). */
export interface ClientSummary {
  clientId?: Int64;
  clientIdAlias?: string;
  clientIdAliasEnabled?: boolean;
  clientName?: string;
  clientType?: "PUBLIC" | "CONFIDENTIAL" | (string & {});
  createdAt?: Int64;
  modifiedAt?: Int64;
  [extra: string]: unknown;
}

/** `token_get_list_response`. */
export interface TokenGetListResponse {
  start?: number;
  end?: number;
  totalCount?: number;
  client?: ClientSummary;
  subject?: string;
  accessTokens: AccessToken[];
  [extra: string]: unknown;
}

/** `list()` filters and window. */
export interface AuthleteListQuery {
  clientIdentifier?: string;
  subject?: string;
  /** Inclusive, default 0. */
  start?: number;
  /** Exclusive, greater than `start`; default 5. */
  end?: number;
  tokenStatus?: "VALID" | "INVALID" | "ALL";
}

/** `listAll()` filters and page size. */
export interface AuthleteListAllQuery {
  clientIdentifier?: string;
  subject?: string;
  tokenStatus?: "VALID" | "INVALID" | "ALL";
  /** Tokens per request (1-1000, default 100). */
  pageSize?: number;
}

/** `token_create_request`. */
export interface TokenCreateRequest {
  grantType: GrantType;
  clientId: Int64;
  subject?: string;
  scopes?: string[];
  accessTokenDuration?: Int64;
  refreshTokenDuration?: Int64;
  properties?: Property[];
  clientIdAliasUsed?: boolean;
  accessToken?: string;
  refreshToken?: string;
  accessTokenPersistent?: boolean;
  certificateThumbprint?: string;
  dpopKeyThumbprint?: string;
  authorizationDetails?: AuthzDetails;
  resources?: string[];
  forExternalAttachment?: boolean;
  jwtAtClaims?: string;
  acr?: string;
  authTime?: Int64;
  clientEntityIdUsed?: boolean;
}

/** Actions of create responses. */
export type TokenCreateAction = "INTERNAL_SERVER_ERROR" | "BAD_REQUEST" | "FORBIDDEN" | "OK";
/** Actions of update responses. */
export type TokenUpdateAction = "INTERNAL_SERVER_ERROR" | "BAD_REQUEST" | "FORBIDDEN" | "NOT_FOUND" | "OK";

/** `token_create_response` (only `action: "OK"` resolves). */
export interface TokenCreateResponse {
  resultCode?: string;
  resultMessage?: string;
  action?: TokenCreateAction | (string & {});
  accessToken?: string;
  clientId?: Int64;
  expiresAt?: Int64;
  expiresIn?: Int64;
  grantType?: GrantType | (string & {});
  properties?: Property[];
  refreshToken?: string;
  scopes?: string[];
  subject?: string;
  tokenType?: string;
  jwtAccessToken?: string;
  authorizationDetails?: AuthzDetails;
  forExternalAttachment?: boolean;
  [extra: string]: unknown;
}

/** `token_update_request`. */
export interface TokenUpdateRequest {
  accessToken: string;
  accessTokenExpiresAt?: Int64;
  scopes?: string[];
  properties?: Property[];
  accessTokenExpiresAtUpdatedOnScopeUpdate?: boolean;
  accessTokenHash?: string;
  accessTokenValueUpdated?: boolean;
  accessTokenPersistent?: boolean;
  certificateThumbprint?: string;
  dpopKeyThumbprint?: string;
  authorizationDetails?: AuthzDetails;
  forExternalAttachment?: boolean;
}

/** `token_update_response` (only `action: "OK"` resolves). */
export interface TokenUpdateResponse {
  resultCode?: string;
  resultMessage?: string;
  action?: TokenUpdateAction | (string & {});
  accessToken?: string;
  accessTokenExpiresAt?: Int64;
  properties?: Property[];
  scopes?: string[];
  authorizationDetails?: AuthzDetails;
  tokenType?: string;
  forExternalAttachment?: boolean;
  refreshTokenExpiresAt?: Int64;
  [extra: string]: unknown;
}

/** `token_revoke_request`: the first identifier given wins, in this order. */
export interface TokenRevokeRequest {
  accessTokenIdentifier?: string;
  refreshTokenIdentifier?: string;
  clientIdentifier?: string;
  subject?: string;
}

/** `token_revoke_response` (a 200 with an `action` other than `"OK"` rejects). */
export interface TokenRevokeResponse {
  resultCode?: string;
  resultMessage?: string;
  /** Tokens this call revoked. */
  count: number;
  [extra: string]: unknown;
}

/** What `JSON.stringify(authleteTokens)` gives. */
export interface AuthleteTokensDescription {
  provider: "authlete";
  baseUrl: string;
  apiVersion: "v2" | "v3";
  serviceId: string | null;
  timeoutMs: number;
}

/** `listAll()` results are async iterable. */
export interface AuthleteTokenIterator extends AsyncIterableIterator<AccessToken> {}
