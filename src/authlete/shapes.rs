//! The shapes of Authlete's success bodies (see [`crate::core::shape`]), field for field as
//! [`super::models`] and the spec write them. int64 fields (client ids, `...At` timestamps,
//! durations) keep their precision: beyond ±(2^53 - 1) they reach JS as `BigInt`s.

use crate::core::shape::{Field, Shape, INT64};

const I64: Shape = Shape::Int {
    unsigned: false,
    big: false,
};
const U64: Shape = Shape::Int {
    unsigned: true,
    big: false,
};
const STRINGS: Shape = Shape::Array(&Shape::Str);
/// `properties` in answers: any JSON items (the service may add fields to `Property`).
const PROPERTIES: Shape = Shape::Array(&Shape::Any);

const AUTHZ_ELEMENT: Shape = Shape::Object(&[
    Field::required("type", Shape::Str),
    Field::optional("locations", STRINGS),
    Field::optional("actions", STRINGS),
    Field::optional("dataTypes", STRINGS),
    Field::optional("identifier", Shape::Str),
    Field::optional("privileges", STRINGS),
    Field::optional("otherFields", Shape::Str),
]);

const AUTHZ_DETAILS: Shape =
    Shape::Object(&[Field::optional("elements", Shape::Array(&AUTHZ_ELEMENT))]);

/// `access_token`: one token of a list (hashes only).
pub const ACCESS_TOKEN: Shape = Shape::Object(&[
    Field::optional("accessTokenHash", Shape::Str),
    Field::optional("accessTokenExpiresAt", INT64),
    Field::optional("refreshTokenHash", Shape::Str),
    Field::optional("refreshTokenExpiresAt", INT64),
    Field::optional("createdAt", INT64),
    Field::optional("lastRefreshedAt", INT64),
    Field::optional("clientId", INT64),
    Field::optional("subject", Shape::Str),
    Field::optional("grantType", Shape::Str),
    Field::optional("scopes", STRINGS),
    Field::optional("properties", PROPERTIES),
]);

const CLIENT_SUMMARY: Shape = Shape::Object(&[
    Field::optional("clientId", INT64),
    Field::optional("clientIdAlias", Shape::Str),
    Field::optional("clientIdAliasEnabled", Shape::Bool),
    Field::optional("clientName", Shape::Str),
    Field::optional("clientType", Shape::Str),
    Field::optional("createdAt", INT64),
    Field::optional("modifiedAt", INT64),
]);

/// `token_get_list_response`; `accessTokens` is `[]` when absent.
pub const LIST: Shape = Shape::Object(&[
    Field::optional("start", I64),
    Field::optional("end", I64),
    Field::optional("totalCount", I64),
    Field::optional("client", CLIENT_SUMMARY),
    Field::optional("subject", Shape::Str),
    Field::default_empty("accessTokens", Shape::Array(&ACCESS_TOKEN)),
]);

/// `token_create_response`.
pub const CREATE: Shape = Shape::Object(&[
    Field::optional("resultCode", Shape::Str),
    Field::optional("resultMessage", Shape::Str),
    Field::optional("action", Shape::Str),
    Field::optional("accessToken", Shape::Str),
    Field::optional("clientId", INT64),
    Field::optional("expiresAt", INT64),
    Field::optional("expiresIn", INT64),
    Field::optional("grantType", Shape::Str),
    Field::optional("properties", PROPERTIES),
    Field::optional("refreshToken", Shape::Str),
    Field::optional("scopes", STRINGS),
    Field::optional("subject", Shape::Str),
    Field::optional("tokenType", Shape::Str),
    Field::optional("jwtAccessToken", Shape::Str),
    Field::optional("authorizationDetails", AUTHZ_DETAILS),
    Field::optional("forExternalAttachment", Shape::Bool),
]);

/// `token_update_response`.
pub const UPDATE: Shape = Shape::Object(&[
    Field::optional("resultCode", Shape::Str),
    Field::optional("resultMessage", Shape::Str),
    Field::optional("action", Shape::Str),
    Field::optional("accessToken", Shape::Str),
    Field::optional("accessTokenExpiresAt", INT64),
    Field::optional("properties", PROPERTIES),
    Field::optional("scopes", STRINGS),
    Field::optional("authorizationDetails", AUTHZ_DETAILS),
    Field::optional("tokenType", Shape::Str),
    Field::optional("forExternalAttachment", Shape::Bool),
    Field::optional("refreshTokenExpiresAt", INT64),
]);

/// `token_revoke_response`; `count` is `0` when absent.
pub const REVOKE: Shape = Shape::Object(&[
    Field::optional("resultCode", Shape::Str),
    Field::optional("resultMessage", Shape::Str),
    Field::default_zero("count", U64),
]);
