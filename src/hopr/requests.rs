//! The three HOPR operations, each an endpoint (its request as a [`RequestSpec`], its answer,
//! the typed client's method), the checks a node would make anyway (done first, without a round
//! trip), and where HOPR puts its error code.

use serde_json::Value;

use super::models::{
    Token, TokenCapability, TokensCreate201Response, TokensCreateRequest, ENDPOINTS,
};
#[cfg(target_arch = "wasm32")]
use super::HoprClient;
use crate::core::decode::string_field;
use crate::core::endpoint::{decode, nothing};
use crate::core::error::{ApiError, Provider};
use crate::core::int64::MAX_SAFE;
use crate::core::json;
use crate::core::request::{Body, Method, PathBuilder, RequestSpec};
use crate::core::wire::Extra;

/// operationId of POST /tokens/.
pub const CREATE: &str = "tokensCreate";
/// operationId of GET /token.
pub const GET: &str = "tokensGetToken";
/// operationId of DELETE /tokens/{id}.
pub const DELETE: &str = "tokensDelete";

/// HOPR error bodies: `{status, error}`.
pub fn error_fields(body: &Value) -> (Option<String>, Option<String>) {
    (string_field(body, "status"), string_field(body, "error"))
}

fn invalid(field: &str, problem: &str) -> ApiError {
    ApiError::invalid_argument(Provider::Hopr, CREATE, field, problem)
}

/// Refuses fields a request must not carry: ones this version does not know (`extra`).
fn no_extra(extra: &Extra, at: &str) -> Result<(), ApiError> {
    match extra.keys().next() {
        Some(key) => Err(invalid(&format!("{at}.{key}"), "is not a known field")),
        None => Ok(()),
    }
}

fn check_capability(i: usize, cap: &TokenCapability) -> Result<(), ApiError> {
    let at = format!("request.capabilities[{i}]");
    no_extra(&cap.extra, &at)?;
    if !ENDPOINTS.contains(&cap.endpoint.as_str()) {
        return Err(invalid(
            &format!("{at}.endpoint"),
            "is not one of the 40 HOPR endpoint names",
        ));
    }
    let Some(limits) = &cap.limits else {
        return Ok(());
    };
    if limits.is_empty() {
        return Err(invalid(
            &format!("{at}.limits"),
            "must hold at least one limit when given",
        ));
    }
    for (j, limit) in limits.iter().enumerate() {
        let at = format!("{at}.limits[{j}]");
        no_extra(&limit.extra, &at)?;
        if limit.kind.trim().is_empty() {
            return Err(invalid(&format!("{at}.type"), "must not be empty"));
        }
        if limit.used.is_some() {
            return Err(invalid(
                &format!("{at}.used"),
                "is reported by the node and cannot be sent",
            ));
        }
        if let Some(conditions) = &limit.conditions {
            no_extra(&conditions.extra, &format!("{at}.conditions"))?;
        }
    }
    Ok(())
}

/// The spec's constraints: at least one capability, known endpoints, at least one limit when
/// `limits` is given, a non-empty limit type, `lifetime >= 1`; and no field the spec does not
/// declare (nor the answer-only `used`).
pub fn check_create_request(req: &TokensCreateRequest) -> Result<(), ApiError> {
    if req.capabilities.is_empty() {
        return Err(invalid(
            "request.capabilities",
            "must hold at least one capability",
        ));
    }
    for (i, cap) in req.capabilities.iter().enumerate() {
        check_capability(i, cap)?;
    }
    match req.lifetime {
        Some(0) => return Err(invalid("request.lifetime", "must be at least 1 second")),
        // Beyond 2^53 - 1 a JS number cannot hold it (and no node needs 285 million years).
        Some(s) if i128::from(s) > MAX_SAFE => {
            return Err(invalid(
                "request.lifetime",
                "must be at most 2^53 - 1 seconds",
            ))
        }
        _ => {}
    }
    Ok(())
}

/// POST /api/v3/tokens/ with the request as JSON, after [`check_create_request`].
pub fn create_token(req: &TokensCreateRequest) -> Result<RequestSpec, ApiError> {
    check_create_request(req)?;
    let body = json::to_text(req).map_err(|_| invalid("request", "cannot be serialized"))?;
    Ok(RequestSpec::new(Method::Post, "/api/v3/tokens/".into(), CREATE).body(Body::Json(body)))
}

/// GET /api/v3/token.
pub fn get_token() -> RequestSpec {
    RequestSpec::new(Method::Get, "/api/v3/token".into(), GET)
}

/// DELETE /api/v3/tokens/{id}, with `id` encoded as one segment.
pub fn delete_token(id: &str) -> Result<RequestSpec, ApiError> {
    let path = PathBuilder::new("/api/v3/tokens/")
        .segment(id)
        .map_err(|e| ApiError::invalid_argument(Provider::Hopr, DELETE, "id", e.describe()))?
        .build();
    // The id of a HOPR token is the token.
    Ok(RequestSpec::new(Method::Delete, path, DELETE).secret(Some(id)))
}

crate::endpoint! {
    /// `tokensCreate` (`POST /api/v3/tokens/`): the new token's value.
    CreateToken(TokensCreateRequest) in () => TokensCreate201Response: CREATE, decode,
        |e, _| create_token(&e.0);
    /// Creates a token (`POST /api/v3/tokens/`, tokensCreate). Resolves to its value, shown
    /// only this once. Requests the node would refuse are refused first (`InvalidArgument`).
    /// Not retried unless the options ask (a POST).
    ///
    /// ```no_run
    /// # async fn demo(hopr: tokenops::hopr::HoprClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::hopr::{TokenCapability, TokenCapabilityLimit, TokensCreateRequest};
    /// use tokenops::CallOptions;
    ///
    /// let request = TokensCreateRequest {
    ///     capabilities: vec![TokenCapability {
    ///         endpoint: "tokensGetToken".into(),
    ///         limits: Some(vec![TokenCapabilityLimit { kind: "calls".into(), ..Default::default() }]),
    ///         ..Default::default()
    ///     }],
    ///     lifetime: Some(3600),
    ///     description: Some("dashboard".into()),
    /// };
    /// let created = hopr.create_token(&request, &CallOptions::default()).await?;
    /// println!("new token: {} characters", created.token.len());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for a request without capabilities, an
    /// endpoint name that is not one of [`ENDPOINTS`], `limits: Some(vec![])`, a limit without a
    /// type or with `used` (the node's counter), `lifetime` 0 or beyond 2^53 - 1, or a field in
    /// `extra`; `Http` 400 (`INVALID_INPUT`) for a request the node still refuses, 403 when the
    /// caller's token may not grant what it asks (each capability must equal one of its own);
    /// and the errors of every call ([`Call`](crate::http::Call#errors)).
    HoprClient::create_token(request: &TokensCreateRequest) => CreateToken(request.clone());

    /// `tokensGetToken` (`GET /api/v3/token`): the token used to authenticate.
    GetToken() in () => Token: GET, decode, |_e, _| Ok(get_token());
    /// Reads the token used to authenticate (`GET /api/v3/token`, tokensGetToken).
    ///
    /// ```no_run
    /// # async fn demo(hopr: tokenops::hopr::HoprClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::CallOptions;
    ///
    /// let mine = hopr.get_token(&CallOptions::default()).await?;
    /// for capability in &mine.capabilities {
    ///     println!("may call {}", capability.endpoint);
    /// }
    /// if let Some(until) = mine.valid_until {
    ///     println!("valid until {until} (seconds since the epoch)");
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `Http` 401 for a token the node does not know (deleted, expired), and
    /// the errors of every call ([`Call`](crate::http::Call#errors)).
    HoprClient::get_token() => GetToken();

    /// `tokensDelete` (`DELETE /api/v3/tokens/{id}`).
    DeleteToken(String) in () => (): DELETE, nothing, |e, _| delete_token(&e.0);
    /// Deletes the token with this id (`DELETE /api/v3/tokens/{id}`, tokensDelete). Resolves
    /// to `()`.
    ///
    /// ```no_run
    /// # async fn demo(hopr: tokenops::hopr::HoprClient, old: tokenops::hopr::Token) -> Result<(), tokenops::ApiError> {
    /// use tokenops::CallOptions;
    ///
    /// hopr.delete_token(&old.id, &CallOptions::default()).await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for an empty id, `.` or `..`; `Http` 404 for
    /// an id the node does not know, 403 when the caller's token lacks the `tokensDelete`
    /// capability; and
    /// the errors of every call ([`Call`](crate::http::Call#errors)).
    HoprClient::delete_token(id: &str) => DeleteToken(id.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::decode::{CallContext, RawResponse};
    use crate::core::error::ErrorKind;
    use crate::core::strict;
    use crate::hopr::models::{Token, TokensCreate201Response};
    use serde_json::json;

    /// What the JS shell does: strict deserialization, then the checks.
    fn create(v: Value) -> Result<TokensCreateRequest, ApiError> {
        let req: TokensCreateRequest =
            strict::deserialize(v).map_err(|e| invalid(&e.field("request"), e.problem()))?;
        check_create_request(&req)?;
        Ok(req)
    }

    #[test]
    fn create_builds_the_documented_request() {
        let req = create(json!({"capabilities": [{"endpoint": "tokensGetToken", "limits": [{"type": "calls", "conditions": {"max": 100}}]}], "lifetime": 360, "description": "d"})).unwrap();
        assert_eq!(
            req.capabilities[0].limits.as_ref().unwrap()[0]
                .conditions
                .as_ref()
                .unwrap()
                .max,
            Some(100)
        );
        let spec = create_token(&req).unwrap();
        assert_eq!(spec.method, Method::Post);
        assert_eq!(spec.url("https://n/p"), "https://n/p/api/v3/tokens/");
        let Body::Json(text) = &spec.body else {
            panic!("json body expected")
        };
        let sent: Value = serde_json::from_str(text).unwrap();
        assert_eq!(sent["lifetime"], 360);
        assert_eq!(
            sent["capabilities"][0]["limits"][0]["conditions"]["max"],
            100
        );
    }

    #[test]
    fn create_refuses_what_the_node_would_refuse() {
        for (bad, field) in [
            (json!({}), "request.capabilities"),
            (json!({"capabilities": []}), "request.capabilities"),
            (
                json!({"capabilities": [{"endpoint": "nope"}]}),
                "request.capabilities[0].endpoint",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing", "limits": []}]}),
                "request.capabilities[0].limits",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing", "limits": [{"type": ""}]}]}),
                "request.capabilities[0].limits[0].type",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing"}], "lifetime": 0}),
                "request.lifetime",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing"}], "lifetime": -1}),
                "request.lifetime",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing"}], "lifetime": 1.5}),
                "request.lifetime",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing"}], "extra": 1}),
                "request.extra",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing", "limits": [{"type": "calls", "used": 1}]}]}),
                "request.capabilities[0].limits[0].used",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing", "limits": [{"type": "calls", "conditions": {"mx": 1}}]}]}),
                "request.capabilities[0].limits[0].conditions.mx",
            ),
            (
                json!({"capabilities": [{"endpoint": "nodePing", "typo": 1}]}),
                "request.capabilities[0].typo",
            ),
        ] {
            let e = create(bad.clone())
                .err()
                .unwrap_or_else(|| panic!("{bad} accepted"));
            assert_eq!(e.kind, ErrorKind::InvalidArgument, "{bad}");
            assert!(
                e.message.contains(&format!("`{field}`")),
                "{bad}: {}",
                e.message
            );
        }
    }

    #[test]
    fn get_and_delete_paths() {
        assert_eq!(get_token().url("http://h"), "http://h/api/v3/token");
        assert_eq!(get_token().method, Method::Get);
        let d = delete_token("a/b c").unwrap();
        assert_eq!(d.method, Method::Delete);
        assert_eq!(d.url("http://h"), "http://h/api/v3/tokens/a%2Fb%20c");
        for bad in ["", ".", ".."] {
            let e = delete_token(bad).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument);
            assert!(e.message.contains("`id`"));
        }
    }

    fn ctx(operation: &'static str) -> CallContext<'static> {
        CallContext {
            provider: Provider::Hopr,
            operation,
            secrets: &["the-token"],
            error_fields,
        }
    }

    fn resp(status: u16, body: &str) -> RawResponse {
        RawResponse::text(status, body)
    }

    /// Every documented status of the three operations, as the real node sends them.
    #[test]
    fn documented_statuses_decode() {
        let created: TokensCreate201Response = ctx(CREATE)
            .decode(&resp(201, r#"{"token":"MYtoken1223"}"#))
            .unwrap();
        assert_eq!(created.token, "MYtoken1223");
        let token: Token = ctx(GET)
            .decode(&resp(
                200,
                r#"{"id":"i","capabilities":[{"endpoint":"tokensGetToken"}]}"#,
            ))
            .unwrap();
        assert_eq!(token.id, "i");

        let cases: [(&str, u16, &str, Option<&str>); 9] = [
            (
                CREATE,
                400,
                r#"{"status":"INVALID_INPUT"}"#,
                Some("INVALID_INPUT"),
            ),
            (
                CREATE,
                403,
                r#"{"status":"UNAUTHORIZED","error":"authorization failed"}"#,
                Some("UNAUTHORIZED"),
            ),
            (
                CREATE,
                422,
                r#"{"status":"UNKNOWN_FAILURE","error":"Full error message."}"#,
                Some("UNKNOWN_FAILURE"),
            ),
            (
                DELETE,
                401,
                r#"{"status":"UNAUTHORIZED","error":"authentication failed"}"#,
                Some("UNAUTHORIZED"),
            ),
            (
                DELETE,
                403,
                r#"{"status":"UNAUTHORIZED","error":"authorization failed"}"#,
                Some("UNAUTHORIZED"),
            ),
            (DELETE, 404, "", None),
            (
                GET,
                401,
                r#"{"status":"UNAUTHORIZED","error":"authentication failed"}"#,
                Some("UNAUTHORIZED"),
            ),
            (
                GET,
                403,
                r#"{"status":"UNAUTHORIZED","error":"authorization failed"}"#,
                Some("UNAUTHORIZED"),
            ),
            (GET, 404, "", None),
        ];
        for (op, status, body, code) in cases {
            let e = ctx(op).http_error(&resp(status, body), 0.0);
            assert_eq!(e.kind, ErrorKind::Http);
            assert_eq!(e.status, Some(status));
            assert_eq!(e.code.as_deref(), code, "{op} {status}");
            assert_eq!(e.operation, op);
            assert!(
                e.message
                    .starts_with(&format!("HOPR {op} failed: HTTP {status}")),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn a_token_without_capabilities_is_a_decode_error() {
        let e = ctx(GET)
            .decode::<Token>(&resp(200, r#"{"id":"i"}"#))
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
        assert!(e.message.contains("capabilities"), "{}", e.message);
    }
}
