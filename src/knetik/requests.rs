//! The Knetik operations, each an endpoint (its request as a [`RequestSpec`], its answer, the
//! typed client's method), the OAuth token request, the checks made before anything is sent,
//! and where Knetik puts its error code.

use serde::Deserialize;
use serde_json::Value;
#[cfg(feature = "js")]
use tsify::Tsify;

use super::config::Grant;
use super::models::{OauthAccessTokenResource, PageResource};
#[cfg(target_arch = "wasm32")]
use super::KnetikClient;
use crate::core::auth::Secret;
use crate::core::decode::string_field;
use crate::core::endpoint::{decode, nothing};
use crate::core::error::{ApiError, Provider};
use crate::core::request::{Body, Method, PathBuilder, RequestSpec};

/// operationId of GET /auth/tokens (also used by `listAll`).
pub const GET_TOKENS: &str = "getTokens";
/// operationId of GET /auth/tokens/{username}/{client_id}.
pub const GET_TOKEN: &str = "getToken";
/// operationId of DELETE /auth/tokens.
pub const DELETE_TOKENS: &str = "deleteTokens";
/// operationId of POST /oauth/token.
pub const GET_OAUTH_TOKEN: &str = "getOAuthToken";

/// The largest `size`, `page` and `pageSize` (the spec's int32).
pub const MAX_INT32: i64 = 2_147_483_647;

/// Knetik error bodies: the OAuth2 form `{error, error_description}` (code = `error`), or the
/// spec's `Result` `{code?, request_id?, result: [ErrorResource]}` (code = `code`; the message
/// is a top-level `message`, else the `result[].message` texts joined with `; `).
pub fn error_fields(body: &Value) -> (Option<String>, Option<String>) {
    let description = string_field(body, "error_description");
    let message = string_field(body, "message");
    if let Some(error) = string_field(body, "error") {
        // A Spring-style `{error: "Not Found", message}` body is not an OAuth error.
        if description.is_some() || message.is_none() {
            return (Some(error), description);
        }
    }
    let code = match body.get("code") {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    };
    let message = message.or_else(|| {
        let texts: Vec<&str> = body
            .get("result")
            .and_then(Value::as_array)?
            .iter()
            .filter_map(|e| e.get("message").and_then(Value::as_str))
            .filter(|m| !m.trim().is_empty())
            .collect();
        (!texts.is_empty()).then(|| texts.join("; "))
    });
    (code, message)
}

/// `item <n> <problem>`: a problem with the n-th item of an `order` value.
fn item(n: usize, problem: &str) -> String {
    format!("item {n} {problem}")
}

/// Checks and normalizes an `order` value: a comma-separated list of `PROPERTY:ASC` or
/// `PROPERTY:DESC` (direction in any case, spaces around the parts allowed). Gives the
/// canonical form (`username:ASC,client_id:DESC`) or the problem in words.
pub fn normalize_order(order: &str) -> Result<String, String> {
    let mut out = Vec::new();
    for (i, part) in order.split(',').enumerate() {
        let n = i + 1;
        let Some((property, direction)) = part.split_once(':') else {
            return Err(item(
                n,
                "is not PROPERTY:ASC or PROPERTY:DESC (e.g. `username:ASC,client_id:DESC`)",
            ));
        };
        let property = property.trim();
        if property.is_empty() {
            return Err(item(n, "has no property name"));
        }
        if !property
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        {
            return Err(item(
                n,
                "has a property name with characters other than letters, digits, `_` and `.`",
            ));
        }
        let direction = direction.trim();
        let direction = if direction.eq_ignore_ascii_case("ASC") {
            "ASC"
        } else if direction.eq_ignore_ascii_case("DESC") {
            "DESC"
        } else {
            return Err(item(n, "has a direction other than ASC or DESC"));
        };
        out.push(format!("{property}:{direction}"));
    }
    Ok(out.join(","))
}

/// The query of `getTokens`: filters, page size, page (from 1) and order (example:
/// [`KnetikClient::get_tokens`](crate::knetik::KnetikClient::get_tokens)).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "js", tsify(rename = "KnetikTokensQuery"))]
pub struct TokensQuery {
    /// Only tokens of this OAuth client (`filter_client_id`).
    pub filter_client_id: Option<String>,
    /// Only tokens of this user (`filter_username`).
    pub filter_username: Option<String>,
    /// Tokens per page (1 to 2147483647; the server's default when absent).
    pub size: Option<u32>,
    /// The page, counted from 1.
    pub page: Option<u32>,
    /// `PROPERTY:ASC|DESC`, comma separated (e.g. `username:ASC,client_id:DESC`).
    pub order: Option<String>,
}

/// The query of `listAll`: the filters and order of `getTokens` and the page size; the pages
/// are the iterator's (example:
/// [`KnetikClient::list_all`](crate::knetik::KnetikClient::list_all)).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "js", tsify(rename = "KnetikListAllQuery"))]
pub struct TokensListAllQuery {
    /// Only tokens of this OAuth client (`filter_client_id`).
    pub filter_client_id: Option<String>,
    /// Only tokens of this user (`filter_username`).
    pub filter_username: Option<String>,
    /// `PROPERTY:ASC|DESC`, comma separated.
    pub order: Option<String>,
    /// Tokens per request (1 to 2147483647; the server's default when absent).
    pub page_size: Option<u32>,
}

fn invalid(operation: &str, field: &str, problem: &str) -> ApiError {
    ApiError::invalid_argument(Provider::Knetik, operation, field, problem)
}

fn check_positive(value: Option<u32>, field: &str) -> Result<(), ApiError> {
    match value {
        Some(v) if v == 0 || i64::from(v) > MAX_INT32 => Err(invalid(
            GET_TOKENS,
            field,
            "must be a whole number from 1 to 2147483647",
        )),
        _ => Ok(()),
    }
}

fn check_filter(value: Option<&String>, field: &str) -> Result<(), ApiError> {
    match value {
        Some(v) if v.trim().is_empty() => Err(invalid(GET_TOKENS, field, "must not be empty")),
        _ => Ok(()),
    }
}

impl TokensQuery {
    /// Checks the arguments; gives the query with `order` in its canonical form.
    pub fn checked(&self) -> Result<TokensQuery, ApiError> {
        check_filter(self.filter_client_id.as_ref(), "query.filterClientId")?;
        check_filter(self.filter_username.as_ref(), "query.filterUsername")?;
        check_positive(self.size, "query.size")?;
        check_positive(self.page, "query.page")?;
        let order = match &self.order {
            Some(o) => {
                Some(normalize_order(o).map_err(|why| invalid(GET_TOKENS, "query.order", &why))?)
            }
            None => None,
        };
        Ok(TokensQuery {
            order,
            ..self.clone()
        })
    }
}

impl TokensListAllQuery {
    /// Checks the arguments; gives the getTokens query of page 1.
    pub fn first_page(&self) -> Result<TokensQuery, ApiError> {
        check_positive(self.page_size, "query.pageSize")?;
        TokensQuery {
            filter_client_id: self.filter_client_id.clone(),
            filter_username: self.filter_username.clone(),
            size: self.page_size,
            page: Some(1),
            order: self.order.clone(),
        }
        .checked()
    }
}

/// GET /auth/tokens with the query's filters, size, page and order (absent ones are left out),
/// after [`TokensQuery::checked`].
pub fn get_tokens(q: &TokensQuery) -> Result<RequestSpec, ApiError> {
    let q = q.checked()?;
    Ok(
        RequestSpec::new(Method::Get, "/auth/tokens".into(), GET_TOKENS)
            .query_opt("filter_client_id", q.filter_client_id.as_ref())
            .query_opt("filter_username", q.filter_username.as_ref())
            .query_opt("size", q.size)
            .query_opt("page", q.page)
            .query_opt("order", q.order.as_ref()),
    )
}

/// Whether page `page_no` (counted from 1, as requested) is the last one for `listAll`: the
/// server says `last`, the page is at or past `total_pages`, or it is empty. The response's
/// `number` is not used (whether it counts from 0 or 1 is unverified).
pub fn is_last_page(page: &PageResource, page_no: u32) -> bool {
    page.last == Some(true)
        || page.total_pages.is_some_and(|t| i64::from(page_no) >= t)
        || page.content.is_empty()
}

/// GET /auth/tokens/{username}/{client_id}, each value encoded as one path segment.
pub fn get_token(username: &str, client_id: &str) -> Result<RequestSpec, ApiError> {
    let bad = |field: &str, why: &str| {
        ApiError::invalid_argument(Provider::Knetik, GET_TOKEN, field, why)
    };
    let path = PathBuilder::new("/auth/tokens/")
        .segment(username)
        .map_err(|e| bad("username", e.describe()))?
        .literal("/")
        .segment(client_id)
        .map_err(|e| bad("clientId", e.describe()))?
        .build();
    Ok(RequestSpec::new(Method::Get, path, GET_TOKEN))
}

/// The filter of deleteTokens: a username, a client id, or both; never neither (the server
/// would delete every token). Example:
/// [`KnetikClient::delete_tokens`](crate::knetik::KnetikClient::delete_tokens).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(
    feature = "js",
    tsify(
        rename = "KnetikDeleteFilter",
        type = "{ username: string; clientId?: string } | { username?: string; clientId: string }"
    )
)]
pub struct DeleteFilter {
    /// Tokens of this user (`username`).
    pub username: Option<String>,
    /// Tokens of this OAuth client (`client_id`).
    pub client_id: Option<String>,
}

/// The error for a deleteTokens call without a filter.
pub fn no_delete_filter() -> ApiError {
    ApiError::invalid_argument(
        Provider::Knetik,
        DELETE_TOKENS,
        "filter",
        "must name a username, a clientId or both (a call without a filter would delete every token, so it is refused)",
    )
}

/// DELETE /auth/tokens?username=...&client_id=... (refuses a blank value, and a filter that
/// names neither).
pub fn delete_tokens(filter: &DeleteFilter) -> Result<RequestSpec, ApiError> {
    let mut spec = RequestSpec::new(Method::Delete, "/auth/tokens".into(), DELETE_TOKENS);
    let mut any = false;
    for (name, field, value) in [
        ("username", "filter.username", &filter.username),
        ("client_id", "filter.clientId", &filter.client_id),
    ] {
        match value.as_deref() {
            Some(v) if v.trim().is_empty() => {
                return Err(invalid(DELETE_TOKENS, field, "must not be empty"))
            }
            Some(v) => {
                spec = spec.query(name, v);
                any = true;
            }
            None => {}
        }
    }
    if !any {
        return Err(no_delete_filter());
    }
    Ok(spec)
}

/// POST /oauth/token with a form body: the original grant, or the `refresh_token` grant when a
/// refresh token is given (a confidential client adds its secret). `None` for an `accessToken`
/// client, which never asks for a token.
pub fn get_oauth_token(grant: &Grant, refresh_token: Option<&Secret>) -> Option<RequestSpec> {
    let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
    let mut form = Vec::with_capacity(4);
    match (grant, refresh_token) {
        (Grant::AccessToken(_), _) => return None,
        (
            Grant::ClientCredentials {
                client_id,
                client_secret,
            },
            None,
        ) => {
            form.push(pair("grant_type", "client_credentials"));
            form.push(pair("client_id", client_id));
            form.push(pair("client_secret", client_secret.expose()));
        }
        (
            Grant::Password {
                client_id,
                username,
                password,
            },
            None,
        ) => {
            form.push(pair("grant_type", "password"));
            form.push(pair("client_id", client_id));
            form.push(pair("username", username));
            form.push(pair("password", password.expose()));
        }
        (grant, Some(refresh)) => {
            form.push(pair("grant_type", "refresh_token"));
            if let Some(id) = grant.client_id() {
                form.push(pair("client_id", id));
            }
            if let Grant::ClientCredentials { client_secret, .. } = grant {
                form.push(pair("client_secret", client_secret.expose()));
            }
            form.push(pair("refresh_token", refresh.expose()));
        }
    }
    Some(
        RequestSpec::new(Method::Post, "/oauth/token".into(), GET_OAUTH_TOKEN)
            .body(Body::Form(form)),
    )
}

crate::endpoint! {
    /// `getTokens` (`GET /auth/tokens`): one page of issued tokens.
    GetTokens(TokensQuery) in () => PageResource: GET_TOKENS, decode, |e, _| get_tokens(&e.0);
    /// Lists one page of issued tokens (`GET /auth/tokens`, getTokens). `page` counts from 1;
    /// list items carry no `token` value. [`KnetikClient::list_all`] walks every page.
    ///
    /// ```no_run
    /// # async fn demo(knetik: tokenops::knetik::KnetikClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::knetik::TokensQuery;
    /// use tokenops::CallOptions;
    ///
    /// let query = TokensQuery { filter_username: Some("alice".into()), size: Some(25), page: Some(1), ..Default::default() };
    /// let page = knetik.get_tokens(&query, &CallOptions::default()).await?;
    /// for token in page.content.iter() {
    ///     println!("{:?} via {:?}", token.username, token.client_id);
    /// }
    /// println!("{:?} in all, last page: {:?}", page.total_elements.map(|n| *n), page.last);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for `size` or `page` 0 (or beyond
    /// 2147483647), an empty filter, or an `order` that is not `PROPERTY:ASC|DESC`; when the client gets its OAuth token (the client_credentials and password grants), that token request's error (operation `getOAuthToken`: `Http` 400 or 401 for a refused credential); and the errors of every call ([`Call`](crate::http::Call#errors)).
    KnetikClient::get_tokens(query: &TokensQuery) => GetTokens(query.clone());

    /// `getToken` (`GET /auth/tokens/{username}/{client_id}`): one token, with its value.
    GetToken(String, String) in () => OauthAccessTokenResource: GET_TOKEN, decode,
        |e, _| get_token(&e.0, &e.1);
    /// Reads the token issued to one user for one client (`GET
    /// /auth/tokens/{username}/{client_id}`, getToken), with its `token` value.
    ///
    /// ```no_run
    /// # async fn demo(knetik: tokenops::knetik::KnetikClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::CallOptions;
    ///
    /// let token = knetik.get_token("alice", "web", &CallOptions::default()).await?;
    /// println!("alice's token for web is {} characters", token.token.map_or(0, |t| t.len()));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for an empty username or client id, `.` or
    /// `..`; `Http` 404 when that user has no token for that client; when the client gets its OAuth token (the client_credentials and password grants), that token request's error (operation `getOAuthToken`: `Http` 400 or 401 for a refused credential); and the errors of every call ([`Call`](crate::http::Call#errors)).
    KnetikClient::get_token(username: &str, client_id: &str)
        => GetToken(username.to_string(), client_id.to_string());

    /// `deleteTokens` (`DELETE /auth/tokens`).
    DeleteTokens(DeleteFilter) in () => (): DELETE_TOKENS, nothing, |e, _| delete_tokens(&e.0);
    /// Deletes the tokens of a user, of a client, or of a user for a client (`DELETE
    /// /auth/tokens`, deleteTokens). A filter naming neither is refused before anything is
    /// sent (the server would delete every token). Resolves to `()`.
    ///
    /// ```no_run
    /// # async fn demo(knetik: tokenops::knetik::KnetikClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::knetik::DeleteFilter;
    /// use tokenops::CallOptions;
    ///
    /// let alice_on_web = DeleteFilter { username: Some("alice".into()), client_id: Some("web".into()) };
    /// knetik.delete_tokens(&alice_on_web, &CallOptions::default()).await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` before anything is sent for a filter naming neither a username nor a
    /// client id, or an empty one; when the client gets its OAuth token (the client_credentials and password grants), that token request's error (operation `getOAuthToken`: `Http` 400 or 401 for a refused credential); and the errors of every call ([`Call`](crate::http::Call#errors)).
    KnetikClient::delete_tokens(filter: &DeleteFilter) => DeleteTokens(filter.clone());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::decode::{CallContext, RawResponse};
    use crate::core::error::ErrorKind;
    use crate::core::strict;
    use crate::knetik::models::OauthAccessTokenResource;
    use serde::de::DeserializeOwned;
    use serde_json::json;

    /// What the JS shell does with a caller's object: strict deserialization.
    fn read<T: DeserializeOwned>(op: &str, name: &str, v: &Value) -> Result<T, ApiError> {
        strict::deserialize(v.clone()).map_err(|e| invalid(op, &e.field(name), e.problem()))
    }

    fn get_q(v: &Value) -> Result<TokensQuery, ApiError> {
        read::<TokensQuery>(GET_TOKENS, "query", v)?.checked()
    }

    fn list_q(v: &Value) -> Result<TokensQuery, ApiError> {
        read::<TokensListAllQuery>(GET_TOKENS, "query", v)?.first_page()
    }

    fn delete_filter(v: &Value) -> Result<RequestSpec, ApiError> {
        delete_tokens(&read(DELETE_TOKENS, "filter", v)?)
    }

    #[test]
    fn get_tokens_builds_the_documented_query() {
        let q = get_q(&json!({
            "filterClientId": "web app/1",
            "filterUsername": "jdoe&x=1",
            "size": 10,
            "page": 2,
            "order": "username:asc, client_id:DESC"
        }))
        .unwrap();
        let spec = get_tokens(&q).unwrap();
        assert_eq!(spec.method, Method::Get);
        assert_eq!(spec.operation, "getTokens");
        assert_eq!(
            spec.url("https://k.example/p"),
            "https://k.example/p/auth/tokens?filter_client_id=web+app%2F1&filter_username=jdoe%26x%3D1&size=10&page=2&order=username%3AASC%2Cclient_id%3ADESC"
        );
        let none = get_q(&json!({})).unwrap();
        assert_eq!(
            get_tokens(&none).unwrap().url("http://h"),
            "http://h/auth/tokens"
        );
        let uni = get_q(&json!({"filterUsername": "jürgen 日本"})).unwrap();
        assert_eq!(
            get_tokens(&uni).unwrap().url("http://h"),
            "http://h/auth/tokens?filter_username=j%C3%BCrgen+%E6%97%A5%E6%9C%AC"
        );
    }

    #[test]
    fn get_tokens_refuses_bad_arguments() {
        for (bad, field) in [
            (json!({"size": 0}), "query.size"),
            (json!({"size": 1.5}), "query.size"),
            (json!({"size": "10"}), "query.size"),
            (json!({"size": 3_000_000_000u64}), "query.size"),
            (json!({"page": 0}), "query.page"),
            (json!({"page": -1}), "query.page"),
            (json!({"filterUsername": ""}), "query.filterUsername"),
            (json!({"filterClientId": 5}), "query.filterClientId"),
            (json!({"order": "username:SIDEWAYS"}), "query.order"),
            (json!({"order": 1}), "query.order"),
            (json!({"pageSize": 10}), "query.pageSize"),
            (json!({"filter_username": "x"}), "query.filter_username"),
        ] {
            let e = get_q(&bad).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument, "{bad}");
            assert_eq!(e.operation, "getTokens");
            assert!(
                e.message.contains(&format!("`{field}`")),
                "{bad}: {}",
                e.message
            );
        }
    }

    #[test]
    fn list_all_reads_page_size_not_page() {
        let q = list_q(&json!({"filterUsername": "a", "pageSize": 100, "order": "username:DESC"}))
            .unwrap();
        assert_eq!(q.size, Some(100));
        assert_eq!(q.page, Some(1));
        assert_eq!(q.order.as_deref(), Some("username:DESC"));
        for (bad, field) in [
            (json!({"page": 2}), "query.page"),
            (json!({"size": 2}), "query.size"),
            (json!({"pageSize": 0}), "query.pageSize"),
        ] {
            let e = list_q(&bad).unwrap_err();
            assert!(e.message.contains(&format!("`{field}`")), "{}", e.message);
        }
    }

    #[test]
    fn order_validation() {
        assert_eq!(normalize_order("username:ASC").unwrap(), "username:ASC");
        assert_eq!(
            normalize_order(" username : desc ,client_id:Asc").unwrap(),
            "username:DESC,client_id:ASC"
        );
        assert_eq!(
            normalize_order("user.created_date:DESC").unwrap(),
            "user.created_date:DESC"
        );
        for bad in [
            "",
            "username",
            "username;ASC",
            ":ASC",
            " :DESC",
            "username:",
            "username:SIDEWAYS",
            "username:ASC,",
            ",username:ASC",
            "username:ASC,,client_id:DESC",
            "user name:ASC",
            "username:ASC:DESC",
            "usérname:ASC",
            "username:ASC;client_id:DESC",
        ] {
            assert!(normalize_order(bad).is_err(), "{bad:?} accepted");
        }
        let e = get_q(&json!({"order": "x:ASC,y;DESC"})).unwrap_err();
        assert!(e.message.contains("item 2"), "{}", e.message);
    }

    #[test]
    fn last_page_detection() {
        let page = |v: Value| serde_json::from_value::<PageResource>(v).unwrap();
        let item = json!([{"client_id": "c", "username": "u"}]);
        // `last` decides when present.
        assert!(is_last_page(
            &page(json!({"content": item, "last": true, "total_pages": 9})),
            1
        ));
        // total_pages when `last` is false or missing (page numbers from 1).
        assert!(!is_last_page(
            &page(json!({"content": item, "last": false, "total_pages": 10})),
            9
        ));
        assert!(is_last_page(
            &page(json!({"content": item, "total_pages": 10})),
            10
        ));
        assert!(is_last_page(
            &page(json!({"content": item, "last": false, "total_pages": 10})),
            11
        ));
        // An empty page ends the listing even if nothing else says so.
        assert!(is_last_page(&page(json!({"content": []})), 1));
        assert!(is_last_page(
            &page(json!({"content": [], "last": false, "total_pages": 5})),
            2
        ));
        assert!(!is_last_page(&page(json!({"content": item})), 1));
    }

    #[test]
    fn get_token_encodes_each_segment() {
        let spec = get_token("jdoe", "web-app").unwrap();
        assert_eq!(spec.method, Method::Get);
        assert_eq!(spec.url("http://h"), "http://h/auth/tokens/jdoe/web-app");
        let spec = get_token("a/b?c#d %", "ü/..").unwrap();
        assert_eq!(
            spec.url("http://h"),
            "http://h/auth/tokens/a%2Fb%3Fc%23d%20%25/%C3%BC%2F.."
        );
        let spec = get_token("user@example.com", "日本").unwrap();
        assert_eq!(
            spec.url("http://h"),
            "http://h/auth/tokens/user%40example.com/%E6%97%A5%E6%9C%AC"
        );
        for (u, c, field) in [
            ("", "c", "username"),
            ("..", "c", "username"),
            ("u", "", "clientId"),
            ("u", ".", "clientId"),
        ] {
            let e = get_token(u, c).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument);
            assert!(e.message.contains(&format!("`{field}`")), "{}", e.message);
        }
    }

    #[test]
    fn delete_tokens_needs_a_filter() {
        for (v, url) in [
            (
                json!({"username": "jdoe"}),
                "http://h/auth/tokens?username=jdoe",
            ),
            (
                json!({"clientId": "web app"}),
                "http://h/auth/tokens?client_id=web+app",
            ),
            (
                json!({"username": "a&client_id=", "clientId": "c"}),
                "http://h/auth/tokens?username=a%26client_id%3D&client_id=c",
            ),
        ] {
            let spec = delete_filter(&v).unwrap();
            assert_eq!(spec.method, Method::Delete);
            assert_eq!(spec.url("http://h"), url);
        }
        for (bad, field) in [
            (json!({}), "filter"),
            (json!({"username": null, "clientId": null}), "filter"),
            (json!({"username": ""}), "filter.username"),
            (json!({"clientId": "  "}), "filter.clientId"),
            (json!({"username": 1}), "filter.username"),
            (json!({"user": "jdoe"}), "filter.user"),
            (
                json!({"username": "jdoe", "client_id": "c"}),
                "filter.client_id",
            ),
        ] {
            let e = delete_filter(&bad).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument, "{bad}");
            assert_eq!(e.operation, "deleteTokens");
            assert!(
                e.message.contains(&format!("`{field}`")),
                "{bad}: {}",
                e.message
            );
        }
        // Even a hand-built empty filter never becomes a request.
        for f in [
            DeleteFilter {
                username: None,
                client_id: None,
            },
            DeleteFilter {
                username: Some(String::new()),
                client_id: Some(String::new()),
            },
        ] {
            assert_eq!(
                delete_tokens(&f).unwrap_err().kind,
                ErrorKind::InvalidArgument
            );
        }
    }

    fn form(spec: &RequestSpec) -> String {
        assert_eq!(spec.method, Method::Post);
        assert_eq!(spec.operation, "getOAuthToken");
        assert_eq!(spec.url("http://h"), "http://h/oauth/token");
        assert_eq!(
            spec.body.content_type(),
            Some("application/x-www-form-urlencoded")
        );
        spec.body.to_text().unwrap()
    }

    #[test]
    fn oauth_forms_of_each_grant() {
        let cc = Grant::ClientCredentials {
            client_id: "admin-client".into(),
            client_secret: Secret::new("s&=+ /"),
        };
        let pw = Grant::Password {
            client_id: "web".into(),
            username: "jürgen".into(),
            password: Secret::new("p w"),
        };
        let at = Grant::AccessToken(Secret::new("t"));
        assert_eq!(
            form(&get_oauth_token(&cc, None).unwrap()),
            "grant_type=client_credentials&client_id=admin-client&client_secret=s%26%3D%2B+%2F"
        );
        assert_eq!(
            form(&get_oauth_token(&pw, None).unwrap()),
            "grant_type=password&client_id=web&username=j%C3%BCrgen&password=p+w"
        );
        let r = Secret::new("r/1");
        assert_eq!(
            form(&get_oauth_token(&pw, Some(&r)).unwrap()),
            "grant_type=refresh_token&client_id=web&refresh_token=r%2F1"
        );
        assert_eq!(
            form(&get_oauth_token(&cc, Some(&r)).unwrap()),
            "grant_type=refresh_token&client_id=admin-client&client_secret=s%26%3D%2B+%2F&refresh_token=r%2F1"
        );
        assert_eq!(get_oauth_token(&at, None), None);
        assert_eq!(get_oauth_token(&at, Some(&r)), None);
        // The form is never shown by Debug: the spec holds it, but the secret is in the clear
        // only inside the body text handed to fetch.
    }

    #[test]
    fn error_fields_of_each_body_shape() {
        let cases = [
            (
                json!({"request_id": "r", "result": [{"message": "Access is denied"}]}),
                None,
                Some("Access is denied"),
            ),
            (
                json!({"code": 403, "request_id": "r", "result": [{"message": "a"}, {"message": ""}, {"field": "x"}, {"message": "b"}]}),
                Some("403"),
                Some("a; b"),
            ),
            (json!({"code": "E42"}), Some("E42"), None),
            (
                json!({"code": 400, "message": "top"}),
                Some("400"),
                Some("top"),
            ),
            (
                json!({"message": "just an ErrorResource", "field": {}}),
                None,
                Some("just an ErrorResource"),
            ),
            (
                json!({"error": "invalid_grant", "error_description": "Bad credentials"}),
                Some("invalid_grant"),
                Some("Bad credentials"),
            ),
            (
                json!({"error": "invalid_client"}),
                Some("invalid_client"),
                None,
            ),
            (
                json!({"status": 404, "error": "Not Found", "message": "No message available"}),
                None,
                Some("No message available"),
            ),
            (json!({"result": "not a list"}), None, None),
            (json!({"error": 5}), None, None),
        ];
        for (body, code, message) in cases {
            let (c, m) = error_fields(&body);
            assert_eq!(c.as_deref(), code, "{body}");
            assert_eq!(m.as_deref(), message, "{body}");
        }
    }

    fn ctx(operation: &'static str) -> CallContext<'static> {
        CallContext {
            provider: Provider::Knetik,
            operation,
            secrets: &["pw-SECRET", "cs-SECRET"],
            error_fields,
        }
    }

    fn resp(status: u16, body: &str) -> RawResponse {
        RawResponse::text(status, body)
    }

    #[test]
    fn documented_answers_decode() {
        let page: PageResource = ctx(GET_TOKENS)
            .decode(&resp(
                200,
                r#"{"content":[{"client_id":"web-app","username":"jdoe"}],"first":true,"last":true,"number_of_elements":1,"size":25,"total_elements":1,"total_pages":1}"#,
            ))
            .unwrap();
        assert_eq!(page.content[0].username.as_deref(), Some("jdoe"));
        let t: OauthAccessTokenResource = ctx(GET_TOKEN)
            .decode(&resp(
                200,
                r#"{"client_id":"c","token":"t","username":"u"}"#,
            ))
            .unwrap();
        assert_eq!(t.token.as_deref(), Some("t"));

        let e = ctx(GET_TOKENS).http_error(
            &resp(
                403,
                r#"{"code":403,"request_id":"r","result":[{"message":"Access is denied"}]}"#,
            ),
            0.0,
        );
        assert_eq!(e.code.as_deref(), Some("403"));
        assert_eq!(
            e.message,
            "Knetik getTokens failed: HTTP 403 Forbidden (403): Access is denied"
        );
        let e = ctx(GET_TOKEN).http_error(
            &resp(
                404,
                r#"{"request_id":"r","result":[{"message":"Resource not found"}]}"#,
            ),
            0.0,
        );
        assert_eq!(e.code, None);
        assert_eq!(
            e.message,
            "Knetik getToken failed: HTTP 404 Not Found: Resource not found"
        );
        let e = ctx(GET_OAUTH_TOKEN).http_error(
            &resp(
                400,
                r#"{"error":"invalid_request","error_description":"echo pw-SECRET","password":"pw-SECRET"}"#,
            ),
            0.0,
        );
        assert_eq!(e.code.as_deref(), Some("invalid_request"));
        assert_eq!(e.provider, Provider::Knetik);
        assert_eq!(e.operation, "getOAuthToken");
        let all = serde_json::to_string(&e).unwrap();
        assert!(!all.contains("pw-SECRET"), "{all}");
        assert_eq!(
            e.message,
            "Knetik getOAuthToken failed: HTTP 400 Bad Request (invalid_request): echo <redacted>"
        );
    }
}
