//! Authlete token-operation models with the spec's wire names (`accessTokenExpiresAt`, ...).
//!
//! Response types accept what a newer service may add: unknown fields are kept in `extra` and
//! handed to JS unchanged, and enum-like fields (`grantType`, `action`, `clientType`) are plain
//! strings, so an unknown value is not an error. Request types are strict: an unknown field is a
//! typo, refused before anything is sent.
//!
//! int64 fields (client ids, millisecond timestamps, durations) are decoded exactly and reach JS
//! as a `number` when within ±(2^53 - 1), as a `BigInt` above (see [`crate::core::int64`]).
//!
//! These structs are the one description of each model: serde reads and writes them (answers
//! with the build's JSON codec, JS values with serde-wasm-bindgen) and tsify derives their
//! TypeScript declarations (`Int64` is `number | bigint`). The models that keep unknown fields
//! are read through [`crate::deserialize_keeping_extra!`] rather than a derived `Deserialize`
//! (smaller wasm; `crate::core::wire::read_object` says why). A schema the spec uses in requests
//! and answers (`property`, `authz_details`) is one struct; its `extra` fields are refused in a
//! request (see [`super::requests`]) except in authorization details, which RFC 9396 leaves open.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::core::int64;
use crate::core::wire::{Defaulted, Extra};

/// `grant_type`: the grant a token is issued for. `PreAuthorizedCode` exists in API v3 only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GrantType {
    /// `AUTHORIZATION_CODE`
    #[default]
    AuthorizationCode,
    /// `IMPLICIT`
    Implicit,
    /// `PASSWORD`
    Password,
    /// `CLIENT_CREDENTIALS`
    ClientCredentials,
    /// `REFRESH_TOKEN`
    RefreshToken,
    /// `CIBA`
    Ciba,
    /// `DEVICE_CODE`
    DeviceCode,
    /// `TOKEN_EXCHANGE`
    TokenExchange,
    /// `JWT_BEARER`
    JwtBearer,
    /// `PRE_AUTHORIZED_CODE` (API v3 only)
    PreAuthorizedCode,
}

/// `tokenStatus` of a list query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TokenStatus {
    /// Tokens still valid.
    Valid,
    /// Expired or revoked tokens.
    Invalid,
    /// Both.
    All,
}

impl TokenStatus {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenStatus::Valid => "VALID",
            TokenStatus::Invalid => "INVALID",
            TokenStatus::All => "ALL",
        }
    }
}

/// `property`: an extra key/value attached to a token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
pub struct Property {
    /// Key (required in a request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Hidden from the client (kept server-side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// Fields this version does not know (refused in a request).
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `authorization_details_element` (RFC 9396; its other fields pass through both ways).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
pub struct AuthorizationDetailsElement {
    /// Type of the authorization details.
    #[serde(rename = "type")]
    pub kind: String,
    /// Resource locations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<String>>,
    /// Actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
    /// Data types.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "dataTypes")]
    pub data_types: Option<Vec<String>>,
    /// Identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// Privileges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileges: Option<Vec<String>>,
    /// Other fields, as a JSON string.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        rename = "otherFields"
    )]
    pub other_fields: Option<String>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `authz_details`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
pub struct AuthzDetails {
    /// The elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elements: Option<Vec<AuthorizationDetailsElement>>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `access_token`: one token in a list (hashes only, never the values).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AccessToken {
    /// Hash of the access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_hash: Option<String>,
    /// Expiry of the access token, ms since the epoch.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub access_token_expires_at: Option<i64>,
    /// Hash of the refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_hash: Option<String>,
    /// Expiry of the refresh token, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub refresh_token_expires_at: Option<i64>,
    /// Creation time, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub created_at: Option<i64>,
    /// Last refresh time, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub last_refreshed_at: Option<i64>,
    /// The client's id (int64).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub client_id: Option<i64>,
    /// The resource owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The grant type (an unknown value is kept as is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<String>,
    /// Scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Property>>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// The client of a list response (v2 `Client`, v3 `client_limited`), with its int64 fields typed
/// and every other field passed through.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientSummary {
    /// The client's id (int64).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub client_id: Option<i64>,
    /// Alias of the client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id_alias: Option<String>,
    /// Whether the alias is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id_alias_enabled: Option<bool>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// `PUBLIC` or `CONFIDENTIAL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_type: Option<String>,
    /// Creation time, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub created_at: Option<i64>,
    /// Modification time, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub modified_at: Option<i64>,
    /// Every other field of the client.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `token_get_list_response`: one page of tokens; `accessTokens` is `[]` when absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TokenGetListResponse {
    /// Start index (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// End index (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<i64>,
    /// Number of matching tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
    /// The client filter, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientSummary>,
    /// The subject filter, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The tokens of this page (`[]` when the answer leaves them out).
    pub access_tokens: Defaulted<Vec<AccessToken>>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `token_create_request`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenCreateRequest {
    /// Grant type (required).
    pub grant_type: GrantType,
    /// Client id (required, int64).
    #[tsify(type = "Int64")]
    pub client_id: u64,
    /// Resource owner (required unless CLIENT_CREDENTIALS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Access token duration in seconds (0: the service default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Int64")]
    pub access_token_duration: Option<u64>,
    /// Refresh token duration in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Int64")]
    pub refresh_token_duration: Option<u64>,
    /// Properties (JSON bodies only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Property>>,
    /// Whether `clientId` is an alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id_alias_used: Option<bool>,
    /// A token value to use instead of a generated one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// A refresh token value to use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Whether the access token never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_persistent: Option<bool>,
    /// Certificate thumbprint (MTLS binding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_thumbprint: Option<String>,
    /// DPoP key thumbprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop_key_thumbprint: Option<String>,
    /// Authorization details (JSON bodies only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_details: Option<AuthzDetails>,
    /// Resources (RFC 8707).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<String>>,
    /// For external attachment (OIDC4IDA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_external_attachment: Option<bool>,
    /// Extra JWT access token claims, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt_at_claims: Option<String>,
    /// Authentication context class reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
    /// Authentication time, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Int64")]
    pub auth_time: Option<u64>,
    /// Whether `clientId` is an entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_entity_id_used: Option<bool>,
}

/// `token_create_response`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TokenCreateResponse {
    /// Result code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    /// Result message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
    /// `OK`, `BAD_REQUEST`, `FORBIDDEN`, `INTERNAL_SERVER_ERROR` (or newer values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The new access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// Client id (int64).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub client_id: Option<i64>,
    /// Expiry, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub expires_at: Option<i64>,
    /// Lifetime, seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub expires_in: Option<i64>,
    /// Grant type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<String>,
    /// Properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Property>>,
    /// The new refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Token type, e.g. `Bearer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// The access token in JWT form, when the service issues JWTs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt_access_token: Option<String>,
    /// Authorization details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_details: Option<AuthzDetails>,
    /// For external attachment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_external_attachment: Option<bool>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `token_update_request`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenUpdateRequest {
    /// The access token (value) to update (required).
    pub access_token: String,
    /// New expiry, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Int64")]
    pub access_token_expires_at: Option<u64>,
    /// New scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// New properties (JSON bodies only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Property>>,
    /// Whether changing scopes also resets the expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_expires_at_updated_on_scope_update: Option<bool>,
    /// Hash of the token, to address it without its value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_hash: Option<String>,
    /// Whether the token value itself changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_value_updated: Option<bool>,
    /// Whether the token never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_persistent: Option<bool>,
    /// Certificate thumbprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_thumbprint: Option<String>,
    /// DPoP key thumbprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop_key_thumbprint: Option<String>,
    /// Authorization details (JSON bodies only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_details: Option<AuthzDetails>,
    /// For external attachment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_external_attachment: Option<bool>,
}

/// `token_update_response`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TokenUpdateResponse {
    /// Result code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    /// Result message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
    /// `OK`, `NOT_FOUND`, `BAD_REQUEST`, `FORBIDDEN`, `INTERNAL_SERVER_ERROR` (or newer values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// Expiry, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub access_token_expires_at: Option<i64>,
    /// Properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Property>>,
    /// Scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Authorization details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_details: Option<AuthzDetails>,
    /// Token type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// For external attachment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_external_attachment: Option<bool>,
    /// Refresh token expiry, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    #[tsify(type = "Int64")]
    pub refresh_token_expires_at: Option<i64>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `token_revoke_request`: the first identifier given wins, in this order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenRevokeRequest {
    /// An access token value or hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_identifier: Option<String>,
    /// A refresh token value or hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_identifier: Option<String>,
    /// A client id or alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_identifier: Option<String>,
    /// A subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

/// `token_revoke_response`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TokenRevokeResponse {
    /// Result code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    /// Result message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
    /// How many tokens this call revoked (the service caps one call, e.g. at 20); 0 when absent.
    pub count: Defaulted<u64>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// What `revokeAll` resolves to: how many tokens were revoked in all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
pub struct RevokeAllResponse {
    /// The total over every revoke call.
    pub count: u64,
}

// `Deserialize` of the models that keep unknown fields (`crate::core::wire::read_object` says
// why it is not derived).
crate::deserialize_keeping_extra!(Property {
    "key" => key opt,
    "value" => value opt,
    "hidden" => hidden opt,
});

crate::deserialize_keeping_extra!(AuthorizationDetailsElement {
    "type" => kind req,
    "locations" => locations opt,
    "actions" => actions opt,
    "dataTypes" => data_types opt,
    "identifier" => identifier opt,
    "privileges" => privileges opt,
    "otherFields" => other_fields opt,
});

crate::deserialize_keeping_extra!(AuthzDetails {
    "elements" => elements opt,
});

crate::deserialize_keeping_extra!(AccessToken {
    "accessTokenHash" => access_token_hash opt,
    "accessTokenExpiresAt" => access_token_expires_at opt,
    "refreshTokenHash" => refresh_token_hash opt,
    "refreshTokenExpiresAt" => refresh_token_expires_at opt,
    "createdAt" => created_at opt,
    "lastRefreshedAt" => last_refreshed_at opt,
    "clientId" => client_id opt,
    "subject" => subject opt,
    "grantType" => grant_type opt,
    "scopes" => scopes opt,
    "properties" => properties opt,
});

crate::deserialize_keeping_extra!(ClientSummary {
    "clientId" => client_id opt,
    "clientIdAlias" => client_id_alias opt,
    "clientIdAliasEnabled" => client_id_alias_enabled opt,
    "clientName" => client_name opt,
    "clientType" => client_type opt,
    "createdAt" => created_at opt,
    "modifiedAt" => modified_at opt,
});

crate::deserialize_keeping_extra!(TokenGetListResponse {
    "start" => start opt,
    "end" => end opt,
    "totalCount" => total_count opt,
    "client" => client opt,
    "subject" => subject opt,
    "accessTokens" => access_tokens dflt,
});

crate::deserialize_keeping_extra!(TokenCreateResponse {
    "resultCode" => result_code opt,
    "resultMessage" => result_message opt,
    "action" => action opt,
    "accessToken" => access_token opt,
    "clientId" => client_id opt,
    "expiresAt" => expires_at opt,
    "expiresIn" => expires_in opt,
    "grantType" => grant_type opt,
    "properties" => properties opt,
    "refreshToken" => refresh_token opt,
    "scopes" => scopes opt,
    "subject" => subject opt,
    "tokenType" => token_type opt,
    "jwtAccessToken" => jwt_access_token opt,
    "authorizationDetails" => authorization_details opt,
    "forExternalAttachment" => for_external_attachment opt,
});

crate::deserialize_keeping_extra!(TokenUpdateResponse {
    "resultCode" => result_code opt,
    "resultMessage" => result_message opt,
    "action" => action opt,
    "accessToken" => access_token opt,
    "accessTokenExpiresAt" => access_token_expires_at opt,
    "properties" => properties opt,
    "scopes" => scopes opt,
    "authorizationDetails" => authorization_details opt,
    "tokenType" => token_type opt,
    "forExternalAttachment" => for_external_attachment opt,
    "refreshTokenExpiresAt" => refresh_token_expires_at opt,
});

crate::deserialize_keeping_extra!(TokenRevokeResponse {
    "resultCode" => result_code opt,
    "resultMessage" => result_message opt,
    "count" => count dflt,
});
