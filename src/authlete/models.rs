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
//! The wasm client does not decode answers into these types: it checks them with the matching
//! [`super::shapes`] table in one pass and lets the JS engine build the objects (far less code and
//! time). The response types stay as the typed form for Rust users of the crate and as the
//! reference the shapes are fuzzed against (`tests/fuzz.rs`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::core::int64;

/// Grant types of API v2 (the spec's `grant_type` enum).
pub const GRANT_TYPES_V2: [&str; 9] = [
    "AUTHORIZATION_CODE",
    "IMPLICIT",
    "PASSWORD",
    "CLIENT_CREDENTIALS",
    "REFRESH_TOKEN",
    "CIBA",
    "DEVICE_CODE",
    "TOKEN_EXCHANGE",
    "JWT_BEARER",
];

/// The grant type API v3 adds.
pub const GRANT_TYPE_V3_ONLY: &str = "PRE_AUTHORIZED_CODE";

/// Actions of the create response.
pub const CREATE_ACTIONS: [&str; 4] = ["INTERNAL_SERVER_ERROR", "BAD_REQUEST", "FORBIDDEN", "OK"];
/// Actions of the update response.
pub const UPDATE_ACTIONS: [&str; 5] = [
    "INTERNAL_SERVER_ERROR",
    "BAD_REQUEST",
    "FORBIDDEN",
    "NOT_FOUND",
    "OK",
];

/// `Property`: an extra key/value attached to a token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// Key.
    pub key: String,
    /// Value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Hidden from the client (kept server-side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}

/// `authorization_details_element` (RFC 9396).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuthzDetailsElement {
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
    pub extra: Map<String, Value>,
}

/// `authz_details`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuthzDetails {
    /// The elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elements: Option<Vec<AuthzDetailsElement>>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `access_token`: one token in a list (hashes only, never the values).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub refresh_token_expires_at: Option<i64>,
    /// Creation time, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    pub created_at: Option<i64>,
    /// Last refresh time, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    pub last_refreshed_at: Option<i64>,
    /// The client's id (int64).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
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
    pub properties: Option<Vec<Value>>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The client summary of a list response: the spec's `Client`, with its int64 fields typed and
/// every other field passed through.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientSummary {
    /// The client's id (int64).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
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
    pub created_at: Option<i64>,
    /// Modification time, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    pub modified_at: Option<i64>,
    /// Every other field of `Client`.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `token_get_list_response`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// The tokens of this page.
    #[serde(default)]
    pub access_tokens: Vec<AccessToken>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `token_create_request`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenCreateRequest {
    /// Grant type (required).
    pub grant_type: String,
    /// Client id (required, int64).
    pub client_id: u64,
    /// Resource owner (required unless CLIENT_CREDENTIALS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Access token duration in seconds (0: the service default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_duration: Option<u64>,
    /// Refresh token duration in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    pub auth_time: Option<u64>,
    /// Whether `clientId` is an entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_entity_id_used: Option<bool>,
}

/// `token_create_response`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub client_id: Option<i64>,
    /// Expiry, ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    pub expires_at: Option<i64>,
    /// Lifetime, seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "int64::serialize_opt"
    )]
    pub expires_in: Option<i64>,
    /// Grant type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<String>,
    /// Properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Value>>,
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
    pub extra: Map<String, Value>,
}

/// `token_update_request`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenUpdateRequest {
    /// The access token (value) to update (required).
    pub access_token: String,
    /// New expiry, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub access_token_expires_at: Option<i64>,
    /// Properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Value>>,
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
    pub refresh_token_expires_at: Option<i64>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `token_revoke_request`: the first identifier given wins, in this order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRevokeResponse {
    /// Result code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    /// Result message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
    /// How many tokens this call revoked (the service caps one call, e.g. at 20).
    #[serde(default)]
    pub count: u64,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
