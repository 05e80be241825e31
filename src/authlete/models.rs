//! Authlete token-operation models with the spec's wire names (`accessTokenExpiresAt`, ...).
//!
//! Response types accept what a newer service may add: unknown fields are kept in `extra` and
//! handed to JS unchanged, and enum-like fields (`grantType`, `action`, `clientType`) are plain
//! strings, so an unknown value is not an error. Request types are strict: an unknown field is a
//! typo, refused before anything is sent.
//!
//! int64 fields of answers (client ids, millisecond timestamps, durations) are [`Int64`]: decoded
//! exactly, they reach JS as a `number` when within ±(2^53 - 1), as a `BigInt` above.
//!
//! These structs are the one description of each model, declared with [`crate::model!`]: each
//! field's wire name is written once and gives serde's name and the name the models that keep
//! unknown fields (a field list ending in `..`) read; tsify derives their TypeScript
//! declarations. A schema the spec uses in requests and answers (`property`, `authz_details`) is
//! one struct; its `extra` fields are refused in a request (see [`super::requests`]) except in
//! authorization details, which RFC 9396 leaves open.

use serde::{Deserialize, Serialize};
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::core::int64::Int64;
use crate::core::wire::Defaulted;
use crate::model;

/// `grant_type`: the grant a token is issued for. `PreAuthorizedCode` (`PRE_AUTHORIZED_CODE`)
/// exists in API v3 only (example: [`TokenCreateRequest`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
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

/// `tokenStatus` of a list query (example:
/// [`AuthleteClient::list_all`](crate::authlete::AuthleteClient::list_all)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
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

model! {
    /// `property`: an extra key/value attached to a token (example: [`TokenCreateRequest`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct Property {
        /// Key (required in a request).
        "key" key: Option<String>,
        /// Value.
        "value" value: Option<String>,
        /// Hidden from the client (kept server-side).
        "hidden" hidden: Option<bool>,
        ..
    }

    /// `authorization_details_element` (RFC 9396; its other fields pass through both ways).
    /// Built like the other models (example: [`TokenCreateRequest`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct AuthorizationDetailsElement {
        /// Type of the authorization details.
        "type" kind: String,
        /// Resource locations.
        "locations" locations: Option<Vec<String>>,
        /// Actions.
        "actions" actions: Option<Vec<String>>,
        /// Data types.
        "dataTypes" data_types: Option<Vec<String>>,
        /// Identifier.
        "identifier" identifier: Option<String>,
        /// Privileges.
        "privileges" privileges: Option<Vec<String>>,
        /// Other fields, as a JSON string.
        "otherFields" other_fields: Option<String>,
        ..
    }

    /// `authz_details`: the elements of [`AuthorizationDetailsElement`] (example:
    /// [`TokenCreateRequest`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct AuthzDetails {
        /// The elements.
        "elements" elements: Option<Vec<AuthorizationDetailsElement>>,
        ..
    }

    /// `access_token`: one token in a list (hashes only, never the values; example:
    /// [`TokenGetListResponse`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct AccessToken {
        /// Hash of the access token.
        "accessTokenHash" access_token_hash: Option<String>,
        /// Expiry of the access token, ms since the epoch.
        "accessTokenExpiresAt" access_token_expires_at: Option<Int64>,
        /// Hash of the refresh token.
        "refreshTokenHash" refresh_token_hash: Option<String>,
        /// Expiry of the refresh token, ms.
        "refreshTokenExpiresAt" refresh_token_expires_at: Option<Int64>,
        /// Creation time, ms.
        "createdAt" created_at: Option<Int64>,
        /// Last refresh time, ms.
        "lastRefreshedAt" last_refreshed_at: Option<Int64>,
        /// The client's id.
        "clientId" client_id: Option<Int64>,
        /// The resource owner.
        "subject" subject: Option<String>,
        /// The grant type (an unknown value is kept as is).
        "grantType" grant_type: Option<String>,
        /// Scopes.
        "scopes" scopes: Option<Vec<String>>,
        /// Properties.
        "properties" properties: Option<Vec<Property>>,
        ..
    }

    /// The client of a list response (v2 `Client`, v3 `client_limited`), with its int64 fields
    /// typed and every other field passed through.
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct ClientSummary {
        /// The client's id.
        "clientId" client_id: Option<Int64>,
        /// Alias of the client id.
        "clientIdAlias" client_id_alias: Option<String>,
        /// Whether the alias is enabled.
        "clientIdAliasEnabled" client_id_alias_enabled: Option<bool>,
        /// Display name.
        "clientName" client_name: Option<String>,
        /// `PUBLIC` or `CONFIDENTIAL`.
        "clientType" client_type: Option<String>,
        /// Creation time, ms.
        "createdAt" created_at: Option<Int64>,
        /// Modification time, ms.
        "modifiedAt" modified_at: Option<Int64>,
        ..
    }

    /// `token_get_list_response`: one page of tokens; `accessTokens` is `[]` when absent. Every
    /// model reads and writes the spec's wire names (camelCase), int64 values exactly
    /// ([`Int64`]); fields a newer service adds are kept in `extra`.
    ///
    /// ```
    /// use tokenops::authlete::TokenGetListResponse;
    ///
    /// let page: TokenGetListResponse = serde_json::from_str(r#"{
    ///     "start": 0, "end": 20, "totalCount": 1, "subject": "alice",
    ///     "client": {"clientId": 9007199254740993, "clientName": "web"},
    ///     "accessTokens": [{"accessTokenHash": "h1", "createdAt": 1767225600000, "scopes": ["openid"]}]
    /// }"#).unwrap();
    /// assert_eq!(*page.client.unwrap().client_id.unwrap(), 9_007_199_254_740_993); // exact
    /// let token = &page.access_tokens[0];
    /// assert_eq!(token.access_token_hash.as_deref(), Some("h1"));
    /// assert_eq!(token.created_at.map(|t| *t), Some(1_767_225_600_000));
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct TokenGetListResponse {
        /// Start index (inclusive).
        "start" start: Option<i64>,
        /// End index (exclusive).
        "end" end: Option<i64>,
        /// Number of matching tokens.
        "totalCount" total_count: Option<i64>,
        /// The client filter, when one was given.
        "client" client: Option<ClientSummary>,
        /// The subject filter, when one was given.
        "subject" subject: Option<String>,
        /// The tokens of this page (`[]` when the answer leaves them out).
        "accessTokens" access_tokens: Defaulted<Vec<AccessToken>>,
        ..
    }

    /// `token_create_request`: what `create` sends.
    ///
    /// ```
    /// use tokenops::authlete::{GrantType, Property, TokenCreateRequest};
    ///
    /// let request = TokenCreateRequest {
    ///     grant_type: GrantType::ClientCredentials,
    ///     client_id: Some(26888344),
    ///     scopes: Some(vec!["payments".into()]),
    ///     properties: Some(vec![Property {
    ///         key: Some("team".into()),
    ///         value: Some("ops".into()),
    ///         ..Default::default()
    ///     }]),
    ///     ..Default::default()
    /// };
    /// let body = serde_json::to_value(&request).unwrap();
    /// assert_eq!(body["grantType"], "CLIENT_CREDENTIALS");
    /// assert_eq!(body["properties"][0]["key"], "team");
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    #[serde(deny_unknown_fields)]
    pub struct TokenCreateRequest {
        /// Grant type (required).
        "grantType" grant_type: GrantType,
        /// Client id (int64): required on API v2; on v3, this or `clientIdentifier`.
        #[cfg_attr(feature = "js", tsify(type = "Int64"))]
        "clientId" client_id: Option<u64>,
        /// Resource owner (required unless CLIENT_CREDENTIALS).
        "subject" subject: Option<String>,
        /// Scopes.
        "scopes" scopes: Option<Vec<String>>,
        /// Access token duration in seconds (0: the service default).
        #[cfg_attr(feature = "js", tsify(type = "Int64"))]
        "accessTokenDuration" access_token_duration: Option<u64>,
        /// Refresh token duration in seconds.
        #[cfg_attr(feature = "js", tsify(type = "Int64"))]
        "refreshTokenDuration" refresh_token_duration: Option<u64>,
        /// Properties (JSON bodies only).
        #[cfg_attr(feature = "js", tsify(type = "SentProperty[]"))]
        "properties" properties: Option<Vec<Property>>,
        /// Whether `clientId` is an alias.
        "clientIdAliasUsed" client_id_alias_used: Option<bool>,
        /// A token value to use instead of a generated one.
        "accessToken" access_token: Option<String>,
        /// A refresh token value to use.
        "refreshToken" refresh_token: Option<String>,
        /// Whether the access token never expires.
        "accessTokenPersistent" access_token_persistent: Option<bool>,
        /// Certificate thumbprint (MTLS binding).
        "certificateThumbprint" certificate_thumbprint: Option<String>,
        /// DPoP key thumbprint.
        "dpopKeyThumbprint" dpop_key_thumbprint: Option<String>,
        /// Authorization details (JSON bodies only).
        "authorizationDetails" authorization_details: Option<AuthzDetails>,
        /// Resources (RFC 8707).
        "resources" resources: Option<Vec<String>>,
        /// For external attachment (OIDC4IDA).
        "forExternalAttachment" for_external_attachment: Option<bool>,
        /// Extra JWT access token claims, as JSON.
        "jwtAtClaims" jwt_at_claims: Option<String>,
        /// Authentication context class reference.
        "acr" acr: Option<String>,
        /// Authentication time, seconds.
        #[cfg_attr(feature = "js", tsify(type = "Int64"))]
        "authTime" auth_time: Option<u64>,
        /// Whether `clientId` is an entity id.
        "clientEntityIdUsed" client_entity_id_used: Option<bool>,
        /// The client identifier to associate with the token (API v3 only).
        "clientIdentifier" client_identifier: Option<String>,
        /// The user's authentication session to associate with the token (API v3 only).
        "sessionId" session_id: Option<String>,
        /// Whether a metadata document resolved the client (API v3 only).
        "metadataDocumentUsed" metadata_document_used: Option<bool>,
    }

    /// `token_create_response` (example:
    /// [`AuthleteClient::create`](crate::authlete::AuthleteClient::create)).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct TokenCreateResponse {
        /// Result code.
        "resultCode" result_code: Option<String>,
        /// Result message.
        "resultMessage" result_message: Option<String>,
        /// `OK`, `BAD_REQUEST`, `FORBIDDEN`, `INTERNAL_SERVER_ERROR` (or newer values).
        "action" action: Option<String>,
        /// The new access token.
        "accessToken" access_token: Option<String>,
        /// Client id.
        "clientId" client_id: Option<Int64>,
        /// Expiry, ms.
        "expiresAt" expires_at: Option<Int64>,
        /// Lifetime, seconds.
        "expiresIn" expires_in: Option<Int64>,
        /// Grant type.
        "grantType" grant_type: Option<String>,
        /// Properties.
        "properties" properties: Option<Vec<Property>>,
        /// The new refresh token.
        "refreshToken" refresh_token: Option<String>,
        /// Scopes.
        "scopes" scopes: Option<Vec<String>>,
        /// Subject.
        "subject" subject: Option<String>,
        /// Token type, e.g. `Bearer`.
        "tokenType" token_type: Option<String>,
        /// The access token in JWT form, when the service issues JWTs.
        "jwtAccessToken" jwt_access_token: Option<String>,
        /// Authorization details.
        "authorizationDetails" authorization_details: Option<AuthzDetails>,
        /// For external attachment.
        "forExternalAttachment" for_external_attachment: Option<bool>,
        ..
    }

    /// `token_update_request` (example:
    /// [`AuthleteClient::update`](crate::authlete::AuthleteClient::update)).
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    #[serde(deny_unknown_fields)]
    pub struct TokenUpdateRequest {
        /// The access token (value) to update: required on API v2; on v3, this or
        /// `accessTokenHash`.
        "accessToken" access_token: Option<String>,
        /// New expiry, ms (0 or negative: unchanged).
        #[cfg_attr(feature = "js", tsify(type = "Int64"))]
        "accessTokenExpiresAt" access_token_expires_at: Option<i64>,
        /// New scopes.
        "scopes" scopes: Option<Vec<String>>,
        /// New properties (JSON bodies only).
        #[cfg_attr(feature = "js", tsify(type = "SentProperty[]"))]
        "properties" properties: Option<Vec<Property>>,
        /// Whether changing scopes also resets the expiry.
        "accessTokenExpiresAtUpdatedOnScopeUpdate" access_token_expires_at_updated_on_scope_update: Option<bool>,
        /// Hash of the token, to address it without its value (API v3, when `accessToken` is
        /// not given).
        "accessTokenHash" access_token_hash: Option<String>,
        /// Whether the token value itself changes.
        "accessTokenValueUpdated" access_token_value_updated: Option<bool>,
        /// Whether the token never expires.
        "accessTokenPersistent" access_token_persistent: Option<bool>,
        /// Certificate thumbprint.
        "certificateThumbprint" certificate_thumbprint: Option<String>,
        /// DPoP key thumbprint.
        "dpopKeyThumbprint" dpop_key_thumbprint: Option<String>,
        /// Authorization details (JSON bodies only).
        "authorizationDetails" authorization_details: Option<AuthzDetails>,
        /// For external attachment.
        "forExternalAttachment" for_external_attachment: Option<bool>,
        /// New expiry of the refresh token, ms (0 or negative: unchanged; API v3 only).
        #[cfg_attr(feature = "js", tsify(type = "Int64"))]
        "refreshTokenExpiresAt" refresh_token_expires_at: Option<i64>,
        /// Whether changing scopes also resets the refresh token's expiry (API v3 only).
        "refreshTokenExpiresAtUpdatedOnScopeUpdate" refresh_token_expires_at_updated_on_scope_update: Option<bool>,
        /// The token identifier (API v3 only).
        "tokenId" token_id: Option<String>,
    }

    /// `token_update_response` (example:
    /// [`AuthleteClient::update`](crate::authlete::AuthleteClient::update)).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct TokenUpdateResponse {
        /// Result code.
        "resultCode" result_code: Option<String>,
        /// Result message.
        "resultMessage" result_message: Option<String>,
        /// `OK`, `NOT_FOUND`, `BAD_REQUEST`, `FORBIDDEN`, `INTERNAL_SERVER_ERROR` (or newer values).
        "action" action: Option<String>,
        /// The access token.
        "accessToken" access_token: Option<String>,
        /// Expiry, ms.
        "accessTokenExpiresAt" access_token_expires_at: Option<Int64>,
        /// Properties.
        "properties" properties: Option<Vec<Property>>,
        /// Scopes.
        "scopes" scopes: Option<Vec<String>>,
        /// Authorization details.
        "authorizationDetails" authorization_details: Option<AuthzDetails>,
        /// Token type.
        "tokenType" token_type: Option<String>,
        /// For external attachment.
        "forExternalAttachment" for_external_attachment: Option<bool>,
        /// Refresh token expiry, ms.
        "refreshTokenExpiresAt" refresh_token_expires_at: Option<Int64>,
        ..
    }

    /// `token_revoke_request`: the first identifier given wins, in this order (examples:
    /// [`AuthleteClient::revoke`](crate::authlete::AuthleteClient::revoke),
    /// [`AuthleteClient::revoke_all`](crate::authlete::AuthleteClient::revoke_all)).
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    #[serde(deny_unknown_fields)]
    pub struct TokenRevokeRequest {
        /// An access token value or hash.
        "accessTokenIdentifier" access_token_identifier: Option<String>,
        /// A refresh token value or hash.
        "refreshTokenIdentifier" refresh_token_identifier: Option<String>,
        /// A client id or alias.
        "clientIdentifier" client_identifier: Option<String>,
        /// A subject.
        "subject" subject: Option<String>,
    }

    /// `token_revoke_response` (example:
    /// [`AuthleteClient::revoke`](crate::authlete::AuthleteClient::revoke)).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct TokenRevokeResponse {
        /// Result code.
        "resultCode" result_code: Option<String>,
        /// Result message.
        "resultMessage" result_message: Option<String>,
        /// How many tokens this call revoked (the service caps one call, e.g. at 20); 0 when absent.
        "count" count: Defaulted<u64>,
        ..
    }
}

/// What `revokeAll` resolves to: how many tokens were revoked in all (example:
/// [`AuthleteClient::revoke_all`](crate::authlete::AuthleteClient::revoke_all)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
pub struct RevokeAllResponse {
    /// The total over every revoke call.
    pub count: u64,
}
