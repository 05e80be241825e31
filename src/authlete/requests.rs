//! The Authlete operations, each an endpoint (its request as a [`RequestSpec`], its answer, the
//! typed client's method): checks the service would make anyway (done first), JSON or form
//! bodies, the list queries, and the rule for a 200 whose `action` is not `OK`.

use std::cell::Cell;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
#[cfg(feature = "js")]
use tsify::Tsify;

use super::config::{ApiVersion, CheckedAuthlete};
use super::models::{
    GrantType, Property, RevokeAllResponse, TokenCreateRequest, TokenCreateResponse,
    TokenGetListResponse, TokenRevokeRequest, TokenRevokeResponse, TokenStatus, TokenUpdateRequest,
    TokenUpdateResponse,
};
#[cfg(target_arch = "wasm32")]
use super::AuthleteClient;
use crate::core::decode::{string_field, CallContext, RawResponse};
use crate::core::endpoint::{decode, nothing, Endpoint, Step};
use crate::core::error::{Answered, ApiError, ErrorKind, Provider};
use crate::core::escape::escape;
use crate::core::int64::Exact;
use crate::core::json::{self, EncodeFailure, Parsed};
use crate::core::redact::redact_value;
use crate::core::request::{Body, Method, PathBuilder, RequestSpec};
use crate::core::wire::Complete;

/// operationId of GET /auth/token/get/list.
pub const LIST: &str = "auth_token_get_list_api";
/// operationId of POST /auth/token/create.
pub const CREATE: &str = "auth_token_create_api";
/// operationId of POST /auth/token/update.
pub const UPDATE: &str = "auth_token_update_api";
/// operationId of DELETE /auth/token/delete/{accessTokenIdentifier}.
pub const DELETE: &str = "auth_token_delete_api";
/// operationId of POST /auth/token/revoke.
pub const REVOKE: &str = "auth_token_revoke_api";

/// Largest `pageSize` of `listAll` (`end - start` of one list call).
pub const MAX_PAGE_SIZE: u32 = 1000;
/// `pageSize` of `listAll` when not given.
pub const DEFAULT_PAGE_SIZE: u32 = 100;
/// The largest `start`/`end` of a list call (the spec's int32).
pub const MAX_INDEX: u32 = i32::MAX as u32;

/// Authlete error bodies: `{resultCode, resultMessage}`.
pub fn error_fields(body: &Value) -> (Option<String>, Option<String>) {
    (
        string_field(body, "resultCode"),
        string_field(body, "resultMessage"),
    )
}

/// How a create/update/revoke body travels (examples:
/// [`AuthleteClient::create`](crate::authlete::AuthleteClient::create),
/// [`AuthleteClient::update`](crate::authlete::AuthleteClient::update)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ContentType {
    /// `application/json` (the default).
    #[default]
    Json,
    /// `application/x-www-form-urlencoded` (string arrays space-separated; `properties` and
    /// `authorizationDetails` cannot travel this way and are refused).
    Form,
}

fn invalid(operation: &str, field: &str, problem: &str) -> ApiError {
    ApiError::invalid_argument(Provider::Authlete, operation, field, problem)
}

/// The error for a request body that cannot be written (see [`EncodeFailure`]).
pub(crate) fn unwritten(operation: &str, failure: EncodeFailure) -> ApiError {
    match failure {
        EncodeFailure::Unwritable => invalid(operation, "request", "cannot be serialized"),
        EncodeFailure::Inexact(field) => invalid(
            operation,
            &format!("request.{field}"),
            "is beyond 2^53, which this JavaScript engine cannot send exactly (JSON.rawJSON is missing)",
        ),
    }
}

/// Encodes a request as a body of the chosen type. Form bodies carry strings, numbers and
/// booleans as text and string arrays space-separated; objects (`properties`,
/// `authorizationDetails`) cannot travel as a form and are refused.
fn body<T: Serialize>(
    operation: &str,
    req: &T,
    content_type: ContentType,
) -> Result<Body, ApiError> {
    let value = serde_json::to_value(req)
        .map_err(|_| invalid(operation, "request", "cannot be serialized"))?;
    // Every integer of these bodies is an int64 in the documents.
    if let Some((key, _)) = value.as_object().and_then(|map| {
        map.iter()
            .find(|(_, v)| v.as_u64().is_some_and(|n| n > i64::MAX as u64))
    }) {
        return Err(invalid(
            operation,
            &format!("request.{key}"),
            "must be at most 2^63 - 1 (an int64)",
        ));
    }
    match content_type {
        ContentType::Json => json::to_text(&Exact(&value))
            .map(Body::Json)
            .map_err(|failure| unwritten(operation, failure)),
        ContentType::Form => {
            let Value::Object(map) = value else {
                return Err(invalid(operation, "request", "must be an object"));
            };
            let mut pairs = Vec::new();
            for (key, v) in map {
                let text = match v {
                    Value::Null => continue,
                    Value::String(s) => s,
                    Value::Bool(b) => (if b { "true" } else { "false" }).to_string(),
                    Value::Number(n) => n.to_string(),
                    // One space-separated value: an item with a space would become two.
                    Value::Array(items)
                        if items
                            .iter()
                            .all(|item| item.as_str().is_some_and(|text| !text.contains(' '))) =>
                    {
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(" ")
                    }
                    _ => {
                        return Err(invalid(
                            operation,
                            &format!("request.{key}"),
                            "cannot travel in a form body; send it with contentType \"json\"",
                        ))
                    }
                };
                pairs.push((key, text));
            }
            Ok(Body::Form(pairs))
        }
    }
}

/// Refuses on API v2 a field (`(name, given)`) that only API v3 documents: a v2 service would
/// not act on it.
fn check_v3_only(
    operation: &str,
    version: &ApiVersion,
    fields: &[(&str, bool)],
) -> Result<(), ApiError> {
    match fields.iter().find(|(_, given)| *given) {
        Some((name, _)) if *version != ApiVersion::V3 => Err(invalid(
            operation,
            &format!("request.{name}"),
            "is a field of API v3 only",
        )),
        _ => Ok(()),
    }
}

/// A request's `properties`: each with a key, and no field the spec does not declare.
fn check_properties(operation: &str, properties: Option<&Vec<Property>>) -> Result<(), ApiError> {
    for (i, p) in properties.into_iter().flatten().enumerate() {
        let at = format!("request.properties[{i}]");
        if let Some(key) = p.extra.keys().next() {
            return Err(invalid(
                operation,
                &format!("{at}.{key}"),
                "is not a known field",
            ));
        }
        if p.key.as_deref().map_or(true, str::is_empty) {
            return Err(invalid(operation, &format!("{at}.key"), "is required"));
        }
    }
    Ok(())
}

/// POST {prefix}create, after checking what the service would refuse: the grant type of the
/// API version (v3 adds PRE_AUTHORIZED_CODE), an empty subject, bad properties.
pub fn create(
    prefix: &str,
    req: &TokenCreateRequest,
    content_type: ContentType,
    version: &ApiVersion,
) -> Result<RequestSpec, ApiError> {
    if req.grant_type == GrantType::PreAuthorizedCode && *version != ApiVersion::V3 {
        return Err(invalid(
            CREATE,
            "request.grantType",
            "is not a grant type of this API version (PRE_AUTHORIZED_CODE needs v3)",
        ));
    }
    if req.client_id.is_none() && *version != ApiVersion::V3 {
        return Err(invalid(CREATE, "request.clientId", "is required"));
    }
    if req.subject.as_deref().is_some_and(str::is_empty) {
        return Err(invalid(CREATE, "request.subject", "must not be empty"));
    }
    check_properties(CREATE, req.properties.as_ref())?;
    let v3_fields = [
        ("clientIdentifier", req.client_identifier.is_some()),
        ("sessionId", req.session_id.is_some()),
        ("metadataDocumentUsed", req.metadata_document_used.is_some()),
    ];
    check_v3_only(CREATE, version, &v3_fields)?;
    let spec = RequestSpec::new(Method::Post, format!("{prefix}create"), CREATE)
        .secret(req.access_token.as_deref())
        .secret(req.refresh_token.as_deref());
    Ok(spec.body(body(CREATE, req, content_type)?))
}

/// POST {prefix}update, after checking an empty token, bad properties and the fields of API v3
/// on v2.
pub fn update(
    prefix: &str,
    req: &TokenUpdateRequest,
    content_type: ContentType,
    version: &ApiVersion,
) -> Result<RequestSpec, ApiError> {
    match (&req.access_token, version) {
        (Some(token), _) if token.is_empty() => {
            return Err(invalid(UPDATE, "request.accessToken", "must not be empty"))
        }
        (None, ApiVersion::V2) => {
            return Err(invalid(UPDATE, "request.accessToken", "is required"))
        }
        _ => {}
    }
    check_properties(UPDATE, req.properties.as_ref())?;
    let v3_fields = [
        (
            "refreshTokenExpiresAt",
            req.refresh_token_expires_at.is_some(),
        ),
        (
            "refreshTokenExpiresAtUpdatedOnScopeUpdate",
            req.refresh_token_expires_at_updated_on_scope_update
                .is_some(),
        ),
        ("tokenId", req.token_id.is_some()),
    ];
    check_v3_only(UPDATE, version, &v3_fields)?;
    let spec = RequestSpec::new(Method::Post, format!("{prefix}update"), UPDATE)
        .secret(req.access_token.as_deref());
    Ok(spec.body(body(UPDATE, req, content_type)?))
}

/// Checks a revoke request: at least one identifier, none blank.
pub fn check_revoke(req: &TokenRevokeRequest) -> Result<(), ApiError> {
    let given = [
        ("accessTokenIdentifier", &req.access_token_identifier),
        ("refreshTokenIdentifier", &req.refresh_token_identifier),
        ("clientIdentifier", &req.client_identifier),
        ("subject", &req.subject),
    ];
    for (name, value) in given {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(invalid(
                REVOKE,
                &format!("request.{name}"),
                "must not be empty",
            ));
        }
    }
    if given.iter().all(|(_, v)| v.is_none()) {
        return Err(invalid(
            REVOKE,
            "request",
            "needs accessTokenIdentifier, refreshTokenIdentifier, clientIdentifier or subject",
        ));
    }
    Ok(())
}

/// POST {prefix}revoke, after [`check_revoke`].
pub fn revoke(
    prefix: &str,
    req: &TokenRevokeRequest,
    content_type: ContentType,
) -> Result<RequestSpec, ApiError> {
    check_revoke(req)?;
    let spec = RequestSpec::new(Method::Post, format!("{prefix}revoke"), REVOKE)
        .secret(req.access_token_identifier.as_deref())
        .secret(req.refresh_token_identifier.as_deref());
    Ok(spec.body(body(REVOKE, req, content_type)?))
}

/// DELETE {prefix}delete/{accessTokenIdentifier}.
pub fn delete(prefix: &str, identifier: &str) -> Result<RequestSpec, ApiError> {
    let path = PathBuilder::new(prefix)
        .literal("delete/")
        .segment(identifier)
        .map_err(|e| invalid(DELETE, "accessTokenIdentifier", e.describe()))?
        .build();
    Ok(RequestSpec::new(Method::Delete, path, DELETE).secret(Some(identifier)))
}

/// The query of `list`: filters and one window `[start, end)` of the matching tokens (example:
/// [`AuthleteClient::list`](crate::authlete::AuthleteClient::list)).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "js", tsify(rename = "AuthleteListQuery"))]
pub struct TokenListQuery {
    /// Tokens of this client (id or alias).
    pub client_identifier: Option<String>,
    /// Tokens of this subject (resource owner).
    pub subject: Option<String>,
    /// Start index, inclusive (from 0).
    pub start: Option<u32>,
    /// End index, exclusive (greater than `start`).
    pub end: Option<u32>,
    /// `VALID`, `INVALID` or `ALL`; without it, the service's default (the sandbox's: `ALL`).
    pub token_status: Option<TokenStatus>,
}

/// The query of `listAll`: the filters of `list` and the page size (1-1000, default 100); the
/// windows are the iterator's (example:
/// [`AuthleteClient::list_all`](crate::authlete::AuthleteClient::list_all)).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "js", tsify(rename = "AuthleteListAllQuery"))]
pub struct TokenListAllQuery {
    /// Tokens of this client (id or alias).
    pub client_identifier: Option<String>,
    /// Tokens of this subject (resource owner).
    pub subject: Option<String>,
    /// `VALID`, `INVALID` or `ALL`; without it, the service's default (the sandbox's: `ALL`).
    pub token_status: Option<TokenStatus>,
    /// Tokens per list call (1-1000, default 100).
    pub page_size: Option<u32>,
}

fn non_blank(value: Option<&String>, field: &str) -> Result<(), ApiError> {
    match value {
        Some(v) if v.trim().is_empty() => Err(invalid(LIST, field, "must not be empty")),
        _ => Ok(()),
    }
}

impl TokenListQuery {
    /// Checks the filters and the window.
    pub fn check(&self) -> Result<(), ApiError> {
        non_blank(self.client_identifier.as_ref(), "query.clientIdentifier")?;
        non_blank(self.subject.as_ref(), "query.subject")?;
        for (name, v) in [("query.start", self.start), ("query.end", self.end)] {
            if v.is_some_and(|v| v > MAX_INDEX) {
                return Err(invalid(LIST, name, "must be at most 2147483647"));
            }
        }
        if let (Some(s), Some(e)) = (self.start, self.end) {
            if e <= s {
                return Err(invalid(LIST, "query.end", "must be greater than start"));
            }
        }
        Ok(())
    }
}

impl TokenListAllQuery {
    /// Checks the filters and the page size; gives the page size to use.
    pub fn check(&self) -> Result<u32, ApiError> {
        non_blank(self.client_identifier.as_ref(), "query.clientIdentifier")?;
        non_blank(self.subject.as_ref(), "query.subject")?;
        match self.page_size {
            None => Ok(DEFAULT_PAGE_SIZE),
            Some(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(n),
            Some(_) => Err(invalid(LIST, "query.pageSize", "must be from 1 to 1000")),
        }
    }

    /// The list query of the window `[start, start + page_size)`.
    pub fn window(&self, start: u32, page_size: u32) -> TokenListQuery {
        TokenListQuery {
            client_identifier: self.client_identifier.clone(),
            subject: self.subject.clone(),
            start: Some(start),
            end: Some(start.saturating_add(page_size)),
            token_status: self.token_status,
        }
    }
}

/// GET {prefix}get/list with the query, after [`TokenListQuery::check`].
pub fn list(prefix: &str, q: &TokenListQuery) -> Result<RequestSpec, ApiError> {
    q.check()?;
    Ok(
        RequestSpec::new(Method::Get, format!("{prefix}get/list"), LIST)
            .query_opt("clientIdentifier", q.client_identifier.as_ref())
            .query_opt("subject", q.subject.as_ref())
            .query_opt("start", q.start)
            .query_opt("end", q.end)
            .query_opt("tokenStatus", q.token_status.map(TokenStatus::as_str)),
    )
}

/// The rule for create, update and revoke answers: a 2xx whose `action` is present and not `OK`
/// (e.g. update's `NOT_FOUND`, create's `BAD_REQUEST`/`FORBIDDEN`/`INTERNAL_SERVER_ERROR`) means the
/// operation did not happen, so the call fails with an `ApiError` of kind `http`, `status` 200
/// (the status actually received), `code` = `resultCode`, `message` naming the action, code and
/// `resultMessage`, and `body` = the answer (secrets removed). An answer without `action` (revoke's
/// usual `{resultCode, resultMessage, count}`) or with `action: "OK"` passes.
pub fn check_action(
    operation: &str,
    status: u16,
    answer: &Value,
    secrets: &[&str],
) -> Result<(), ApiError> {
    let action = answer.get("action").and_then(Value::as_str);
    match action {
        None | Some("OK") => Ok(()),
        Some(action) => {
            let mut body = answer.clone();
            redact_value(&mut body, secrets);
            // Code and message from the redacted body, so that a secret the service echoes is
            // removed before escaping could change how it is spelt. Quoted escaped (see
            // `core::escape`); `body` keeps them as they came.
            let (code, message) = error_fields(&body);
            let action = body.get("action").and_then(Value::as_str).unwrap_or(action);
            let code_part = code
                .as_ref()
                .map_or(String::new(), |c| format!(" ({})", escape(c)));
            let said = message.map_or(String::new(), |m| format!(": {}", escape(&m)));
            let text = format!(
                "Authlete {operation} failed: action {}{code_part}{said}",
                escape(action)
            );
            let answer = Answered {
                status: Some(status),
                code,
                body: Some(body),
                retry_after_ms: None,
            };
            Err(ApiError::answered(
                ErrorKind::Http,
                Provider::Authlete,
                operation,
                text,
                answer,
            ))
        }
    }
}

/// Whether `listAll` has seen every token after a page: `next_start` is the index after the
/// tokens fetched so far, `fetched` how many this page held out of `page_size` asked for, `total`
/// the page's `totalCount`. It stops on an empty page, once `totalCount` is reached, and, when the
/// service leaves `totalCount` out, after a short page.
pub fn paging_done(next_start: i64, fetched: i64, page_size: i64, total: Option<i64>) -> bool {
    match total {
        _ if fetched == 0 => true,
        Some(total) => next_start >= total,
        None => fetched < page_size,
    }
}

/// How many more revoke calls `revokeAll` should make after one that revoked `count`, given the
/// largest count seen so far (the service's cap is at least that): none once a call revokes 0 or
/// fewer than an earlier call did.
pub fn revoke_more(count: u64, largest_so_far: u64) -> bool {
    count > 0 && count >= largest_so_far
}

/// The `action` of a create, update or revoke answer, for [`check_action`].
pub trait Action {
    /// `OK`, `NOT_FOUND`, ... or none.
    fn action(&self) -> Option<&str>;
}

impl Action for TokenCreateResponse {
    fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }
}

impl Action for TokenUpdateResponse {
    fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }
}

impl Action for TokenRevokeResponse {
    fn action(&self) -> Option<&str> {
        self.extra.get("action").and_then(Value::as_str)
    }
}

/// The answer of a create, update or revoke: decoded, then held to [`check_action`] (the rare
/// error path reads the whole body again, for `ApiError.body`).
pub fn checked<T: DeserializeOwned + Complete + Serialize + Action>(
    call: &CallContext<'_>,
    resp: &RawResponse,
) -> Result<(T, Parsed), ApiError> {
    let (answer, parsed) = call.decode_parsed::<T>(resp)?;
    // Revoke's `action` is no field of its model, so the JS shell, which reads known fields
    // only, never sees it there: any answer not known to be `OK` is read again.
    if answer.action() != Some("OK") {
        let body: Value = json::parse_value(&resp.body_text()).unwrap_or_default();
        check_action(call.operation, resp.status, &body, call.secrets)?;
    }
    Ok((answer, parsed))
}

crate::endpoint! {
    /// `auth_token_create_api` (`POST .../auth/token/create`).
    Create(TokenCreateRequest, ContentType) in CheckedAuthlete => TokenCreateResponse: CREATE,
        checked, |e, c| create(&c.prefix, &e.0, e.1, &c.version);
    /// Creates an access token (`POST .../auth/token/create`). Not retried unless the options
    /// ask (a POST).
    ///
    /// ```no_run
    /// # async fn demo(authlete: tokenops::authlete::AuthleteClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::authlete::{ContentType, GrantType, TokenCreateRequest};
    /// use tokenops::CallOptions;
    ///
    /// let request = TokenCreateRequest {
    ///     grant_type: GrantType::AuthorizationCode,
    ///     client_id: Some(26888344),
    ///     subject: Some("alice".into()),
    ///     scopes: Some(vec!["openid".into(), "profile".into()]),
    ///     access_token_duration: Some(3600),
    ///     ..Default::default()
    /// };
    /// let created = authlete.create(&request, ContentType::Json, &CallOptions::default()).await?;
    /// println!("{:?} expires in {:?} s", created.access_token, created.expires_in.map(|s| *s));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for `GrantType::PreAuthorizedCode` on API v2,
    /// an empty `subject`, a property without a key, or `properties`/`authorizationDetails` in a
    /// form body; `Http` with status 200 and `code()` = `resultCode` for an answer whose `action` is not `OK` (the token was not issued, e.g. `BAD_REQUEST` for an unknown client); and the errors of every call ([`Call`](crate::http::Call#errors)).
    AuthleteClient::create(request: &TokenCreateRequest, content_type: ContentType)
        => Create(request.clone(), content_type);

    /// `auth_token_update_api` (`POST .../auth/token/update`).
    Update(TokenUpdateRequest, ContentType) in CheckedAuthlete => TokenUpdateResponse: UPDATE,
        checked, |e, c| update(&c.prefix, &e.0, e.1, &c.version);
    /// Updates an access token (`POST .../auth/token/update`). An unknown token is answered
    /// with a 200 and action `NOT_FOUND`, which is an error. Not retried unless the options
    /// ask (a POST).
    ///
    /// ```no_run
    /// # async fn demo(authlete: tokenops::authlete::AuthleteClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::authlete::{ContentType, TokenUpdateRequest};
    /// use tokenops::CallOptions;
    ///
    /// let request = TokenUpdateRequest {
    ///     access_token: Some("the-token-value".into()),
    ///     scopes: Some(vec!["openid".into()]),
    ///     ..Default::default()
    /// };
    /// let updated = authlete.update(&request, ContentType::Form, &CallOptions::default()).await?;
    /// println!("now expires at {:?}", updated.access_token_expires_at);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for an empty `access_token`, a property
    /// without a key, or `properties`/`authorizationDetails` in a form body; `Http` with status 200 and `code()` = `resultCode` for an answer whose `action` is not `OK` (the token was not
    /// updated: `NOT_FOUND` for an unknown token); and the errors of every call ([`Call`](crate::http::Call#errors)).
    AuthleteClient::update(request: &TokenUpdateRequest, content_type: ContentType)
        => Update(request.clone(), content_type);

    /// `auth_token_revoke_api` (`POST .../auth/token/revoke`).
    Revoke(TokenRevokeRequest, ContentType) in CheckedAuthlete => TokenRevokeResponse: REVOKE,
        checked, |e, c| revoke(&c.prefix, &e.0, e.1);
    /// Revokes tokens (`POST .../auth/token/revoke`): by access token, else refresh token, else
    /// client and/or subject. One call revokes at most a server-set number (see `revoke_all`).
    /// Not retried unless the options ask (a POST).
    ///
    /// ```no_run
    /// # async fn demo(authlete: tokenops::authlete::AuthleteClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::authlete::{ContentType, TokenRevokeRequest};
    /// use tokenops::CallOptions;
    ///
    /// let request = TokenRevokeRequest { access_token_identifier: Some("the-token-hash".into()), ..Default::default() };
    /// let revoked = authlete.revoke(&request, ContentType::Json, &CallOptions::default()).await?;
    /// println!("revoked {}", *revoked.count);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for a request naming no identifier or an
    /// empty one; `Http` with status 200 and `code()` = `resultCode` for an answer whose `action` is not `OK` (the token was not
    /// revoked); and the errors of every call ([`Call`](crate::http::Call#errors)).
    AuthleteClient::revoke(request: &TokenRevokeRequest, content_type: ContentType)
        => Revoke(request.clone(), content_type);

    /// `auth_token_delete_api` (`DELETE .../auth/token/delete/{accessTokenIdentifier}`).
    Delete(String) in CheckedAuthlete => (): DELETE, nothing, |e, c| delete(&c.prefix, &e.0);
    /// Deletes a token by its value or hash (`DELETE .../auth/token/delete/{id}`). Resolves to
    /// `()`.
    ///
    /// ```no_run
    /// # async fn demo(authlete: tokenops::authlete::AuthleteClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::CallOptions;
    ///
    /// authlete.delete("the-token-hash", &CallOptions::default()).await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for an empty identifier, `.` or `..`; `Http`
    /// 404 for a token the service does not know; and the errors of every call ([`Call`](crate::http::Call#errors)).
    AuthleteClient::delete(access_token_identifier: &str)
        => Delete(access_token_identifier.to_string());

    /// `auth_token_get_list_api` (`GET .../auth/token/get/list`).
    List(TokenListQuery) in CheckedAuthlete => TokenGetListResponse: LIST, decode,
        |e, c| list(&c.prefix, &e.0);
    /// Lists tokens (`GET .../auth/token/get/list`); lists carry hashes, never token values.
    /// [`AuthleteClient::list_all`] walks every page.
    ///
    /// ```no_run
    /// # async fn demo(authlete: tokenops::authlete::AuthleteClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::authlete::TokenListQuery;
    /// use tokenops::CallOptions;
    ///
    /// let query = TokenListQuery { subject: Some("alice".into()), start: Some(0), end: Some(20), ..Default::default() };
    /// let page = authlete.list(&query, &CallOptions::default()).await?;
    /// println!("{} of {:?}", page.access_tokens.len(), page.total_count);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for an empty filter, `start`/`end` beyond
    /// 2147483647 or `end` not greater than `start`; and the errors of every call ([`Call`](crate::http::Call#errors)).
    AuthleteClient::list(query: &TokenListQuery) => List(query.clone());
}

/// Upper bound on revoke calls one `revokeAll` makes.
const MAX_REVOKE_CALLS: u32 = 100_000;

/// `revokeAll`: the revoke request, sent until a call revokes nothing more (0, or fewer than an
/// earlier call, since the service caps each call); its dry run shows the revoke request.
#[derive(Debug)]
pub struct RevokeAll {
    revoke: Revoke,
    /// Revoked so far, the largest count of one call, calls made.
    tally: Cell<(u64, u64, u32)>,
}

impl RevokeAll {
    /// Revokes everything `request` names, `content_type` the body's.
    pub fn new(request: TokenRevokeRequest, content_type: ContentType) -> RevokeAll {
        RevokeAll {
            revoke: Revoke(request, content_type),
            tally: Cell::new((0, 0, 0)),
        }
    }
}

impl Endpoint for RevokeAll {
    type Context = CheckedAuthlete;
    type Answer = RevokeAllResponse;
    const OPERATION: &'static str = REVOKE;

    fn request(&self, context: &CheckedAuthlete) -> Result<RequestSpec, ApiError> {
        self.revoke.request(context)
    }

    fn accept(
        &self,
        call: &CallContext<'_>,
        resp: &RawResponse,
    ) -> Result<Step<(RevokeAllResponse, Parsed)>, ApiError> {
        let count = *checked::<TokenRevokeResponse>(call, resp)?.0.count;
        let (total, largest, calls) = self.tally.get();
        let total = total.saturating_add(count);
        self.tally.set((total, largest.max(count), calls + 1));
        if revoke_more(count, largest) {
            if calls + 1 < MAX_REVOKE_CALLS {
                return Ok(Step::Again);
            }
            // A service that never runs out is not one whose tokens are all revoked.
            let what = format!("the service still revoked tokens after {MAX_REVOKE_CALLS} calls ({total} in all), so revokeAll stopped");
            return Err(call.decode_error(resp.status, &what));
        }
        let answer = RevokeAllResponse { count: total };
        json::to_parsed(&answer)
            .map(|parsed| Step::Done((answer, parsed)))
            .ok_or_else(|| call.decode_error(resp.status, "the count could not be handed to JS"))
    }
}

#[cfg(target_arch = "wasm32")]
impl AuthleteClient {
    /// Repeats `revoke` until a call revokes nothing more (0, or fewer than an earlier call,
    /// since the service caps each call). Not retried unless the options ask; an abort stops
    /// between calls. Its dry run shows the revoke request.
    ///
    /// ```no_run
    /// # async fn demo(authlete: tokenops::authlete::AuthleteClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::authlete::{ContentType, TokenRevokeRequest};
    /// use tokenops::CallOptions;
    ///
    /// let everything_of_carol = TokenRevokeRequest { subject: Some("carol".into()), ..Default::default() };
    /// let revoked = authlete
    ///     .revoke_all(&everything_of_carol, ContentType::Json, &CallOptions::default())
    ///     .await?;
    /// println!("revoked {} tokens", revoked.count);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`revoke`](AuthleteClient::revoke), from the call that failed (the tokens
    /// revoked before it stay revoked).
    pub fn revoke_all(
        &self,
        request: &TokenRevokeRequest,
        content_type: ContentType,
        options: &crate::CallOptions,
    ) -> crate::http::Call<RevokeAll> {
        crate::http::Client::call(self, RevokeAll::new(request.clone(), content_type), options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authlete::config::AuthleteConfig;
    use crate::authlete::models::*;
    use crate::core::decode::{CallContext, RawResponse};
    use crate::core::int64::Int64;
    use crate::core::strict;
    use serde::de::DeserializeOwned;
    use serde_json::json;

    const V2: &str = "/api/auth/token/";

    /// What the JS shell does with a caller's object: strict deserialization.
    fn read<T: DeserializeOwned>(op: &str, name: &str, json: &str) -> Result<T, ApiError> {
        strict::deserialize(serde_json::from_str::<Value>(json).unwrap())
            .map_err(|e| invalid(op, &e.field(name), e.problem()))
    }

    fn create_json(
        prefix: &str,
        json: &str,
        ct: ContentType,
        v3: bool,
    ) -> Result<RequestSpec, ApiError> {
        let version = if v3 { ApiVersion::V3 } else { ApiVersion::V2 };
        create(prefix, &read(CREATE, "request", json)?, ct, &version)
    }

    fn update_json(prefix: &str, json: &str, ct: ContentType) -> Result<RequestSpec, ApiError> {
        let version = if prefix == V2 {
            ApiVersion::V2
        } else {
            ApiVersion::V3
        };
        update(prefix, &read(UPDATE, "request", json)?, ct, &version)
    }

    #[test]
    fn fields_of_api_v3_only_are_refused_on_v2() {
        let v3 = "/api/715948317/auth/token/";
        let update = r#"{"accessToken":"t","refreshTokenExpiresAt":-1,"tokenId":"x"}"#;
        let e = update_json(V2, update, ContentType::Json).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert!(
            e.message.contains("`request.refreshTokenExpiresAt`"),
            "{}",
            e.message
        );
        assert!(update_json(v3, update, ContentType::Json).is_ok());
        let create = r#"{"grantType":"PASSWORD","clientId":1,"sessionId":"s"}"#;
        let e = create_json(V2, create, ContentType::Json, false).unwrap_err();
        assert!(e.message.contains("`request.sessionId`"), "{}", e.message);
        assert!(create_json(v3, create, ContentType::Form, true).is_ok());
    }

    #[test]
    fn v3_names_the_client_and_the_token_in_other_ways() {
        let v3 = "/api/715948317/auth/token/";
        let by_identifier = r#"{"grantType":"CLIENT_CREDENTIALS","clientIdentifier":"web"}"#;
        assert!(create_json(v3, by_identifier, ContentType::Json, true).is_ok());
        let no_client = r#"{"grantType":"CLIENT_CREDENTIALS"}"#;
        let e = create_json(V2, no_client, ContentType::Json, false).unwrap_err();
        assert!(
            e.message.contains("`request.clientId`: is required"),
            "{}",
            e.message
        );
        let by_hash = r#"{"accessTokenHash":"h","scopes":["a"]}"#;
        assert!(update_json(v3, by_hash, ContentType::Json).is_ok());
        let e = update_json(V2, by_hash, ContentType::Json).unwrap_err();
        assert!(
            e.message.contains("`request.accessToken`: is required"),
            "{}",
            e.message
        );
    }

    #[test]
    fn integers_stay_in_the_int64_range() {
        let e = create_json(
            V2,
            r#"{"grantType":"PASSWORD","clientId":9223372036854775808}"#,
            ContentType::Json,
            false,
        )
        .unwrap_err();
        assert!(
            e.message.contains("`request.clientId`") && e.message.contains("int64"),
            "{}",
            e.message
        );
        assert!(create_json(
            V2,
            r#"{"grantType":"PASSWORD","clientId":9223372036854775807}"#,
            ContentType::Form,
            false
        )
        .is_ok());
        // A negative expiry leaves the token's as it is (both documents).
        let spec = update_json(
            V2,
            r#"{"accessToken":"t","accessTokenExpiresAt":-1}"#,
            ContentType::Form,
        )
        .unwrap();
        assert_eq!(
            spec.body,
            Body::Form(vec![
                ("accessToken".into(), "t".into()),
                ("accessTokenExpiresAt".into(), "-1".into())
            ])
        );
    }

    fn parse_revoke(json: &str) -> Result<TokenRevokeRequest, ApiError> {
        let req = read(REVOKE, "request", json)?;
        check_revoke(&req)?;
        Ok(req)
    }

    #[test]
    fn create_json_and_form() {
        let json = r#"{"grantType":"PASSWORD","clientId":9007199254740993,"subject":"a b","scopes":["openid","email"],"accessTokenDuration":60}"#;
        let spec = create_json(V2, json, ContentType::Json, false).unwrap();
        assert_eq!(spec.url("https://h"), "https://h/api/auth/token/create");
        let Body::Json(text) = &spec.body else {
            panic!("json expected")
        };
        assert!(text.contains(r#""clientId":9007199254740993"#), "{text}");
        let spec = create_json(V2, json, ContentType::Form, false).unwrap();
        assert_eq!(
            spec.body.to_text().unwrap(),
            "accessTokenDuration=60&clientId=9007199254740993&grantType=PASSWORD&scopes=openid+email&subject=a+b"
        );
    }

    #[test]
    fn form_refuses_a_list_item_with_a_space() {
        let json = r#"{"grantType":"PASSWORD","clientId":1,"scopes":["a b"]}"#;
        let e = create_json(V2, json, ContentType::Form, false).unwrap_err();
        assert!(e.message.contains("`request.scopes`"), "{}", e.message);
        assert!(create_json(V2, json, ContentType::Json, false).is_ok());
    }

    #[test]
    fn form_refuses_objects() {
        let json =
            r#"{"grantType":"PASSWORD","clientId":1,"properties":[{"key":"k","value":"v"}]}"#;
        let e = create_json(V2, json, ContentType::Form, false).unwrap_err();
        assert!(e.message.contains("`request.properties`"), "{}", e.message);
        let json = r#"{"accessToken":"t","authorizationDetails":{"elements":[]}}"#;
        let e = update_json(V2, json, ContentType::Form).unwrap_err();
        assert!(
            e.message.contains("`request.authorizationDetails`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn create_checks_grant_types_per_version() {
        let pre = r#"{"grantType":"PRE_AUTHORIZED_CODE","clientId":1,"subject":"s"}"#;
        assert!(create_json(V2, pre, ContentType::Json, false).is_err());
        assert!(create_json("/api/1/auth/token/", pre, ContentType::Json, true).is_ok());
        for bad in [
            r#"{"grantType":"NOPE","clientId":1}"#,
            r#"{"clientId":1}"#,
            r#"{"grantType":"PASSWORD","clientId":-1}"#,
            r#"{"grantType":"PASSWORD","clientId":1,"typo":1}"#,
        ] {
            assert_eq!(
                create_json(V2, bad, ContentType::Json, false)
                    .unwrap_err()
                    .kind,
                ErrorKind::InvalidArgument,
                "{bad}"
            );
        }
    }

    #[test]
    fn revoke_needs_an_identifier() {
        assert!(parse_revoke("{}").is_err());
        assert!(parse_revoke(r#"{"subject":" "}"#).is_err());
        let r = parse_revoke(r#"{"subject":"alice"}"#).unwrap();
        assert_eq!(
            revoke(V2, &r, ContentType::Form)
                .unwrap()
                .body
                .to_text()
                .unwrap(),
            "subject=alice"
        );
    }

    #[test]
    fn delete_and_list_paths() {
        assert_eq!(
            delete(V2, "a/b").unwrap().url("https://h"),
            "https://h/api/auth/token/delete/a%2Fb"
        );
        assert!(delete(V2, "").is_err());
        let q = TokenListQuery {
            client_identifier: Some("demo web".into()),
            start: Some(0),
            end: Some(5),
            token_status: Some(TokenStatus::All),
            ..TokenListQuery::default()
        };
        assert_eq!(
            list("/api/715948317/auth/token/", &q).unwrap().url("https://h"),
            "https://h/api/715948317/auth/token/get/list?clientIdentifier=demo+web&start=0&end=5&tokenStatus=ALL"
        );
    }

    #[test]
    fn list_query_validation() {
        let one = |v: serde_json::Value| {
            let q: TokenListQuery = read(LIST, "query", &v.to_string())?;
            q.check().map(|()| q)
        };
        assert!(one(json!({"start": 5, "end": 2})).is_err());
        let e = one(json!({"start": 5, "end": 5})).unwrap_err();
        assert!(e.message.contains("`query.end`"), "{}", e.message);
        assert!(one(json!({"start": 0, "end": 0})).is_err());
        assert!(one(json!({"start": 1.5})).is_err());
        assert!(one(json!({"end": "5"})).is_err());
        assert_eq!(one(json!({"start": 4, "end": 5})).unwrap().end, Some(5));
        assert!(one(json!({"tokenStatus": "SOME"})).is_err());
        assert!(one(json!({"start": -1})).is_err());
        assert!(one(json!({"pageSize": 5})).is_err());
        assert!(one(json!({"subject": " "})).is_err());
        let all = |v: serde_json::Value| {
            let q: TokenListAllQuery = read(LIST, "query", &v.to_string())?;
            q.check()
        };
        assert_eq!(all(json!({})).unwrap(), 100);
        assert_eq!(all(json!({"pageSize": 1000})).unwrap(), 1000);
        for bad in [
            json!({"pageSize": 0}),
            json!({"pageSize": 1001}),
            json!({"start": 0}),
        ] {
            assert_eq!(all(bad).unwrap_err().kind, ErrorKind::InvalidArgument);
        }
        assert_eq!(
            one(json!({"subject": "s"})).unwrap().subject.as_deref(),
            Some("s")
        );
    }

    #[test]
    fn non_ok_actions_reject() {
        let nf = json!({"resultCode": "A135301", "resultMessage": "[A135301] The access token does not exist.", "action": "NOT_FOUND"});
        let e = check_action(UPDATE, 200, &nf, &[]).unwrap_err();
        assert_eq!(
            (e.kind, e.status, e.code.as_deref()),
            (ErrorKind::Http, Some(200), Some("A135301"))
        );
        assert!(check_action(UPDATE, 200, &json!({"action": "OK"}), &[]).is_ok());
        assert!(check_action(CREATE, 200, &json!({"resultCode": "x"}), &[]).is_ok());
    }

    #[test]
    fn non_ok_actions_reject_revoke_too() {
        let forbidden = json!({"resultCode": "A001215", "resultMessage": "locked", "action": "FORBIDDEN", "count": 0});
        let e = check_action(REVOKE, 200, &forbidden, &[]).unwrap_err();
        assert_eq!(e.operation, REVOKE);
        assert_eq!(e.body, Some(forbidden));
        assert!(
            e.message.contains("FORBIDDEN") && e.message.contains("A001215"),
            "{}",
            e.message
        );
        let plain =
            json!({"resultCode": "A169001", "resultMessage": "Revoked 2 token(s).", "count": 2});
        assert!(check_action(REVOKE, 200, &plain, &[]).is_ok());
        // An unknown action from a newer service is not `OK` either.
        assert!(check_action(CREATE, 200, &json!({"action": "RETRY_LATER"}), &[]).is_err());
    }

    #[test]
    fn non_ok_action_error_hides_secrets() {
        let answer = json!({"resultCode": "A1", "resultMessage": "key s3cr3t-key is locked", "action": "FORBIDDEN", "note": "s3cr3t-key"});
        let e = check_action(UPDATE, 200, &answer, &["s3cr3t-key"]).unwrap_err();
        assert!(!e.message.contains("s3cr3t-key"), "{}", e.message);
        assert!(!e.body.unwrap().to_string().contains("s3cr3t-key"));
    }

    #[test]
    fn non_ok_action_error_quotes_the_service_escaped() {
        let answer = json!({"resultCode": "A\u{1b}[2J", "resultMessage": "\u{1b}]0;pwned\u{7} bad, key s3\\cr3t", "action": "BAD\u{9b}"});
        let e = check_action(UPDATE, 200, &answer, &["s3\\cr3t"]).unwrap_err();
        assert_eq!(
            e.message,
            "Authlete auth_token_update_api failed: action BAD\\u009b (A\\u001b[2J): \\u001b]0;pwned\\u0007 bad, key <redacted>"
        );
        assert_eq!(e.code.as_deref(), Some("A\u{1b}[2J"));
        assert_eq!(e.body.unwrap()["resultCode"], "A\u{1b}[2J");
    }

    #[test]
    fn paging_stops_at_total_on_empty_or_short_pages() {
        assert!(!paging_done(100, 100, 100, Some(250)));
        assert!(!paging_done(200, 100, 100, Some(250)));
        assert!(paging_done(250, 50, 100, Some(250)));
        // The service may answer fewer than asked while more remain: keep going.
        assert!(!paging_done(20, 20, 100, Some(250)));
        // Tokens revoked meanwhile: an empty page ends it even below totalCount.
        assert!(paging_done(200, 0, 100, Some(250)));
        // No totalCount: a short page is the last one.
        assert!(!paging_done(100, 100, 100, None));
        assert!(paging_done(130, 30, 100, None));
    }

    #[test]
    fn v3_paths() {
        let c = AuthleteConfig {
            base_url: "https://h/proxy/".into(),
            service_id: Some("715948317".into()),
            access_token: Some("t".into()),
            ..AuthleteConfig::default()
        }
        .check()
        .unwrap();
        let p = c.prefix;
        let base = c.settings.base_url.as_str().to_string();
        let body = r#"{"grantType":"PASSWORD","clientId":1,"subject":"s"}"#;
        assert_eq!(
            create_json(&p, body, ContentType::Json, true)
                .unwrap()
                .url(&base),
            "https://h/proxy/api/715948317/auth/token/create"
        );
        assert_eq!(
            update_json(&p, r#"{"accessToken":"t"}"#, ContentType::Json)
                .unwrap()
                .url(&base),
            "https://h/proxy/api/715948317/auth/token/update"
        );
        let r = parse_revoke(r#"{"subject":"s"}"#).unwrap();
        assert_eq!(
            revoke(&p, &r, ContentType::Json).unwrap().url(&base),
            "https://h/proxy/api/715948317/auth/token/revoke"
        );
        assert_eq!(
            delete(&p, "tok en").unwrap().url(&base),
            "https://h/proxy/api/715948317/auth/token/delete/tok%20en"
        );
        assert_eq!(
            list(&p, &TokenListQuery::default()).unwrap().url(&base),
            "https://h/proxy/api/715948317/auth/token/get/list"
        );
    }

    #[test]
    fn revoke_all_stops_on_zero_or_a_short_call() {
        assert!(revoke_more(20, 20));
        assert!(!revoke_more(5, 20));
        assert!(!revoke_more(0, 0));
        assert!(revoke_more(7, 7));
    }

    #[test]
    fn revoke_all_gives_up_on_a_service_that_never_runs_out() {
        let all = RevokeAll::new(TokenRevokeRequest::default(), ContentType::Json);
        let answer = ok(r#"{"resultCode":"A131001","count":20}"#);
        for _ in 1..MAX_REVOKE_CALLS {
            assert!(matches!(all.accept(&ctx(REVOKE), &answer), Ok(Step::Again)));
        }
        let e = all.accept(&ctx(REVOKE), &answer).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
        assert!(
            e.message.contains("after 100000 calls (2000000 in all)"),
            "{}",
            e.message
        );
    }

    fn ctx(op: &'static str) -> CallContext<'static> {
        CallContext {
            provider: Provider::Authlete,
            operation: op,
            secrets: &[],
            error_fields,
        }
    }

    fn ok(body: &str) -> RawResponse {
        RawResponse::text(200, body)
    }

    /// The spec's response examples decode, keep unknown fields and enum values, and serialize
    /// back with int64 precision.
    #[test]
    fn spec_examples_and_unknown_fields_round_trip() {
        let list = r#"{"accessTokens":[{"accessTokenExpiresAt":1642048149000,"accessTokenHash":"tC5h","clientId":9007199254740993,"createdAt":1642044549000,"grantType":"SOMETHING_NEW","lastRefreshedAt":0,"refreshTokenExpiresAt":1642048149000,"refreshTokenHash":"jv4B","scopes":["history.read"],"subject":"john","newField":{"x":1}}],"client":{"clientId":26888344961664,"clientName":"My Device Flow Client","clientType":"CONFIDENTIAL","grantTypes":["AUTHORIZATION_CODE"],"number":6260},"end":3,"start":0,"subject":"john","totalCount":3,"future":true}"#;
        let parsed: TokenGetListResponse = ctx(LIST).decode(&ok(list)).unwrap();
        assert_eq!(
            parsed.access_tokens[0].client_id,
            Some(Int64(9_007_199_254_740_993))
        );
        assert_eq!(
            parsed.access_tokens[0].grant_type.as_deref(),
            Some("SOMETHING_NEW")
        );
        let out = serde_json::to_string(&parsed).unwrap();
        assert!(out.contains(r#""clientId":9007199254740993"#), "{out}");
        assert!(
            out.contains(r#""newField":{"x":1}"#)
                && out.contains(r#""future":true"#)
                && out.contains(r#""number":6260"#)
        );

        let created = r#"{"resultCode":"A109001","resultMessage":"ok","action":"OK","accessToken":"Z5a","clientId":26888344961664,"expiresAt":1642048149000,"expiresIn":3600,"grantType":"CLIENT_CREDENTIALS","scopes":["a"],"tokenType":"Bearer"}"#;
        let c: TokenCreateResponse = ctx(CREATE).decode(&ok(created)).unwrap();
        assert_eq!(c.expires_in, Some(Int64(3600)));
        let u: TokenUpdateResponse = ctx(UPDATE)
            .decode(&ok(
                r#"{"action":"SOMETHING_ELSE","accessTokenExpiresAt":1}"#,
            ))
            .unwrap();
        assert_eq!(u.action.as_deref(), Some("SOMETHING_ELSE"));
        let r: TokenRevokeResponse = ctx(REVOKE)
            .decode(&ok(r#"{"resultCode":"A","count":20}"#))
            .unwrap();
        assert_eq!(*r.count, 20);
        let e = ctx(LIST)
            .decode::<TokenGetListResponse>(&ok(r#"{"accessTokens":{}}"#))
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
    }

    #[test]
    fn a_decode_error_names_the_field_never_the_value() {
        let list =
            r#"{"totalCount":1,"accessTokens":[{"accessTokenHash":"h","clientId":"secret-ish"}]}"#;
        let e = ctx(LIST)
            .decode::<TokenGetListResponse>(&ok(list))
            .unwrap_err();
        assert_eq!(
            e.message,
            "Authlete auth_token_get_list_api failed: HTTP 200 but the body does not match the documented schema: `accessTokens.clientId`: must be a whole number, got a string"
        );
    }

    /// Drops `null` members everywhere: typed optional fields read `null` as absent.
    fn without_nulls(v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), without_nulls(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
            other => other.clone(),
        }
    }

    /// Decodes `example` as `T` the way a call does, serializes it back for JS and checks that
    /// nothing was lost or changed.
    fn round_trip<T: DeserializeOwned + Complete + Serialize>(
        name: &str,
        op: &'static str,
        example: &Value,
    ) -> T {
        let parsed: T = ctx(op)
            .decode(&ok(&example.to_string()))
            .unwrap_or_else(|e| panic!("{name}: {}", e.message));
        let back = serde_json::to_value(&parsed).unwrap();
        assert_eq!(without_nulls(&back), without_nulls(example), "{name}");
        parsed
    }

    /// Every example of the spec (`spec_examples.json`: the yaml's examples verbatim, keyed
    /// `<operationId> <status>`, `<operationId> request <media type>` and `schema <name>`).
    #[test]
    fn every_spec_example_round_trips() {
        let all: serde_json::Map<String, Value> =
            serde_json::from_str(include_str!("spec_examples.json")).unwrap();
        let mut seen = 0;
        for (name, example) in &all {
            let (op, rest) = name.split_once(' ').unwrap();
            match (op, rest) {
                (LIST, "200") | ("schema", "token_get_list_response") => {
                    let l: TokenGetListResponse = round_trip(name, LIST, example);
                    assert!(!l.access_tokens.is_empty() && l.client.is_some());
                }
                (CREATE, "200") | ("schema", "token_create_response") => {
                    let c: TokenCreateResponse = round_trip(name, CREATE, example);
                    // The schema example's action is INTERNAL_SERVER_ERROR: the rule rejects it.
                    let rejected = check_action(CREATE, 200, example, &[]).is_err();
                    assert_eq!(rejected, c.action.as_deref() != Some("OK"), "{name}");
                }
                (UPDATE, "200") | ("schema", "token_update_response") => {
                    let u: TokenUpdateResponse = round_trip(name, UPDATE, example);
                    let rejected = check_action(UPDATE, 200, example, &[]).is_err();
                    assert_eq!(rejected, u.action.as_deref() != Some("OK"), "{name}");
                }
                // The spec's revoke 200 example is a copy of update's (no `count`): it still
                // decodes, with count 0 and the other fields passed through.
                (REVOKE, "200") | ("schema", "token_revoke_response") => {
                    let r: TokenRevokeResponse = round_trip(name, REVOKE, &{
                        let mut e = example.clone();
                        e.as_object_mut()
                            .unwrap()
                            .entry("count")
                            .or_insert(json!(0));
                        e
                    });
                    assert_eq!(*r.count, 0);
                    assert!(check_action(REVOKE, 200, example, &[]).is_ok());
                }
                ("schema", "access_token") => {
                    round_trip::<AccessToken>(name, LIST, example);
                }
                ("schema", "Client") => {
                    let c: ClientSummary = round_trip(name, LIST, example);
                    assert_eq!(c.client_id, Some(Int64(1)));
                }
                ("schema", "authz_details") => {
                    round_trip::<AuthzDetails>(name, CREATE, example);
                }
                ("schema", "authorization_details_element") => {
                    round_trip::<AuthorizationDetailsElement>(name, CREATE, example);
                }
                ("schema", "Property") => {
                    round_trip::<Property>(name, CREATE, example);
                }
                // Reached only inside `Client`, which passes them through unchanged.
                ("schema", "Pair" | "tagged_value" | "client_extension") => {}
                (CREATE, "request application/json") => {
                    let spec =
                        create_json(V2, &example.to_string(), ContentType::Json, false).unwrap();
                    let Body::Json(text) = &spec.body else {
                        panic!("{name}: json expected")
                    };
                    assert_eq!(&serde_json::from_str::<Value>(text).unwrap(), example);
                    let form =
                        create_json(V2, &example.to_string(), ContentType::Form, false).unwrap();
                    assert_eq!(
                        form.body.to_text().unwrap(),
                        "clientId=26888344961664&grantType=AUTHORIZATION_CODE&scopes=history.read+timeline.read&subject=john"
                    );
                }
                (UPDATE, "request application/json") => {
                    let spec = update_json(V2, &example.to_string(), ContentType::Json).unwrap();
                    assert_eq!(
                        &serde_json::from_str::<Value>(&spec.body.to_text().unwrap()).unwrap(),
                        example
                    );
                    let form = update_json(V2, &example.to_string(), ContentType::Form).unwrap();
                    assert_eq!(
                        form.body.to_text().unwrap(),
                        "accessToken=Z5a40U6dWvw2gMoCOAFbZcM85q4HC0Z--0YKD9-Nf6Q&scopes=history.read"
                    );
                }
                (REVOKE, "request application/json") => {
                    let req = parse_revoke(&example.to_string()).unwrap();
                    assert_eq!(&serde_json::to_value(&req).unwrap(), example);
                }
                // Error answers: `{resultCode, resultMessage}` become code and message.
                (_, status) if status.len() == 3 && status != "200" => {
                    let resp = RawResponse::text(status.parse().unwrap(), &example.to_string());
                    let e = ctx(LIST).http_error(&resp, 0.0);
                    assert_eq!(e.kind, ErrorKind::Http, "{name}");
                    assert_eq!(e.code.as_deref(), example["resultCode"].as_str(), "{name}");
                    let message = example["resultMessage"].as_str().unwrap();
                    assert!(e.message.contains(message), "{name}: {}", e.message);
                }
                _ => panic!("{name}: no check for this example"),
            }
            seen += 1;
        }
        assert_eq!(seen, 39);
    }

    #[test]
    fn big_client_ids_and_timestamps_survive() {
        let body = r#"{"resultCode":"A109001","action":"OK","clientId":9007199254740993,"expiresAt":9223372036854775807,"expiresIn":-9007199254740993}"#;
        let c: TokenCreateResponse = ctx(CREATE).decode(&ok(body)).unwrap();
        assert_eq!(c.client_id, Some(Int64(9_007_199_254_740_993)));
        assert_eq!(c.expires_at, Some(Int64(i64::MAX)));
        let out = serde_json::to_string(&c).unwrap();
        assert!(out.contains(r#""clientId":9007199254740993"#), "{out}");
        assert!(out.contains(r#""expiresAt":9223372036854775807"#), "{out}");
        assert!(out.contains(r#""expiresIn":-9007199254740993"#), "{out}");
        // 2^53 - 1 is still a plain number.
        let safe: AccessToken = serde_json::from_str(r#"{"clientId":9007199254740991}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&safe).unwrap(),
            r#"{"clientId":9007199254740991}"#
        );
        // A request's int64 travels as the exact JSON number.
        let spec = update_json(
            V2,
            r#"{"accessToken":"t","accessTokenExpiresAt":9223372036854775807}"#,
            ContentType::Json,
        )
        .unwrap();
        assert!(spec.body.to_text().unwrap().contains("9223372036854775807"));
        // A fraction or a value past the int64 range is a decode error, not a rounded number.
        for bad in [r#"{"clientId":1.5}"#, r#"{"clientId":9223372036854775808}"#] {
            let e = ctx(LIST).decode::<AccessToken>(&ok(bad)).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Decode, "{bad}");
        }
    }
}
