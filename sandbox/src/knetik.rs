//! Knetik Cloud auth tokens (`/auth/tokens`) and OAuth2 (`/oauth/token`): client_credentials,
//! password and refresh_token grants, expiring access tokens, the TOKENS_ADMIN role, paging from
//! page 1, `order`, and no token value in list items (shared/specs/README.md).

use serde_json::{json, Value};

use crate::config::Options;
use crate::message::{parse_pairs, Request, Response};
use crate::util::{bearer_token, empty, json, method_not_allowed, Ctx};

/// Confidential client with the TOKENS_ADMIN role (client_credentials grant).
pub const ADMIN_CLIENT: (&str, &str) = ("admin-client", "admin-secret");
/// Public client for the password grant.
pub const WEB_CLIENT: &str = "web";
/// Users of the password grant: (username, password, has TOKENS_ADMIN).
pub const USERS: &[(&str, &str, bool)] =
    &[("root", "root-pass", true), ("alice", "alice-pass", false)];

/// One OAuth access token (its `Debug` leaves the two token values out).
#[derive(Clone)]
pub struct OauthToken {
    /// The bearer value.
    pub token: String,
    /// The client it was issued to.
    pub client_id: String,
    /// The user, for password grants.
    pub username: Option<String>,
    /// Refresh token, for password grants.
    pub refresh_token: Option<String>,
    /// Expiry, ms since the epoch.
    pub expires_at: u64,
    /// Whether it carries TOKENS_ADMIN.
    pub admin: bool,
}

impl std::fmt::Debug for OauthToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OauthToken")
            .field("token", &crate::log::REDACTED)
            .field("client_id", &self.client_id)
            .field("username", &self.username)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| crate::log::REDACTED),
            )
            .field("expires_at", &self.expires_at)
            .field("admin", &self.admin)
            .finish()
    }
}

/// Knetik's token store. An access token that has expired is gone, as from a real token
/// store: no list, count, getToken, deleteTokens or authentication sees it. Its refresh token
/// (password grants) still refreshes, so such a token is kept, unseen, until refreshed or
/// deleted; one without a refresh token is dropped.
#[derive(Clone, Debug, Default)]
pub struct KnetikState {
    /// Tokens in issue order, expired ones among them until pruned.
    pub tokens: Vec<OauthToken>,
    /// Access token lifetime, seconds.
    pub ttl: u64,
}

impl KnetikState {
    /// A few users' tokens plus `seed` tokens of `seed-client` for users `seed-0000`...
    pub fn seeded(options: &Options, ctx: &mut Ctx) -> KnetikState {
        let mut s = KnetikState {
            tokens: Vec::new(),
            ttl: options.knetik_token_ttl,
        };
        for (client, user) in [
            ("web", "alice"),
            ("web", "root"),
            ("web-app", "jdoe"),
            ("web-app", "asmith"),
        ] {
            s.issue(client, Some(user), false, true, ctx);
        }
        for i in 0..options.seed {
            s.issue(
                "seed-client",
                Some(&format!("seed-{i:04}")),
                false,
                false,
                ctx,
            );
        }
        s
    }

    fn issue(
        &mut self,
        client_id: &str,
        username: Option<&str>,
        admin: bool,
        refresh: bool,
        ctx: &mut Ctx,
    ) -> OauthToken {
        let token = OauthToken {
            token: ctx.random_hex(32),
            client_id: client_id.to_string(),
            username: username.map(str::to_string),
            refresh_token: refresh.then(|| ctx.random_hex(32)),
            expires_at: ctx.now_ms.saturating_add(self.ttl.saturating_mul(1000)),
            admin,
        };
        self.tokens.push(token.clone());
        token
    }

    /// Drops what nothing can use any more: expired access tokens without a refresh token.
    fn prune(&mut self, now_ms: u64) {
        self.tokens
            .retain(|t| t.expires_at > now_ms || t.refresh_token.is_some());
    }

    /// The tokens whose access token lives at `now_ms`, in issue order.
    fn live(&self, now_ms: u64) -> impl DoubleEndedIterator<Item = &OauthToken> {
        self.tokens.iter().filter(move |t| t.expires_at > now_ms)
    }
}

/// Whether this path belongs to the Knetik emulation.
pub fn matches(path: &str) -> bool {
    path == "/oauth/token" || path == "/auth/tokens" || path.starts_with("/auth/tokens/")
}

/// Whether `value` is an access or a refresh token this service holds.
pub fn holds_token(k: &KnetikState, value: &str) -> bool {
    k.tokens
        .iter()
        .any(|t| t.token == value || t.refresh_token.as_deref() == Some(value))
}

/// The API's name and how it authenticates, for the startup banner.
pub const NAME: &str = "Knetik (OAuth2 at /oauth/token, then Bearer on /auth/tokens)";

/// The demo credentials, one line each.
pub fn credentials(options: &Options) -> Vec<String> {
    vec![
        format!("client     {} / {}   (client_credentials, TOKENS_ADMIN)", ADMIN_CLIENT.0, ADMIN_CLIENT.1),
        format!("password   client {WEB_CLIENT}: root / root-pass (TOKENS_ADMIN), alice / alice-pass (no TOKENS_ADMIN)"),
        format!("tokens     access tokens live {} s", options.bounded().knetik_token_ttl),
    ]
}

/// A Knetik client_credentials grant, spreadable into `KnetikTokens`' options.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct KnetikClient {
    /// The client id.
    pub client_id: &'static str,
    /// The client secret.
    pub client_secret: &'static str,
}

/// A Knetik password grant, spreadable into `KnetikTokens`' options.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct KnetikUser {
    /// The (public) client id.
    pub client_id: &'static str,
    /// The user.
    pub username: &'static str,
    /// The user's password.
    pub password: &'static str,
}

/// The demo Knetik credentials.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct KnetikCredentials {
    /// client_credentials with TOKENS_ADMIN.
    pub client_credentials: KnetikClient,
    /// The password grant of a user with TOKENS_ADMIN.
    pub password: KnetikUser,
    /// The password grant of a user without it (`/auth/tokens` answers 403).
    pub password_without_admin: KnetikUser,
}

/// The demo credentials.
pub fn demo_credentials() -> KnetikCredentials {
    let user = |(username, password, _): (&'static str, &'static str, bool)| KnetikUser {
        client_id: WEB_CLIENT,
        username,
        password,
    };
    KnetikCredentials {
        client_credentials: KnetikClient {
            client_id: ADMIN_CLIENT.0,
            client_secret: ADMIN_CLIENT.1,
        },
        password: user(USERS[0]),
        password_without_admin: user(USERS[1]),
    }
}

/// The configured secrets: never logged.
pub const SECRETS: &[&str] = &[ADMIN_CLIENT.1, USERS[0].1, USERS[1].1];

fn oauth_error(status: u16, error: &str, description: &str) -> Response {
    json(
        status,
        &json!({ "error": error, "error_description": description }),
    )
}

fn result(status: u16, message: &str, ctx: &mut Ctx) -> Response {
    json(
        status,
        &json!({ "code": status, "request_id": ctx.random_hex(16), "result": [{ "message": message }] }),
    )
}

/// Handles a Knetik request.
pub fn handle(k: &mut KnetikState, req: &Request, ctx: &mut Ctx) -> Response {
    k.prune(ctx.now_ms);
    if req.raw_path == "/oauth/token" {
        return if req.method == "POST" {
            token(k, req, ctx)
        } else {
            method_not_allowed("POST")
        };
    }
    // Every /auth/tokens call needs a live TOKENS_ADMIN bearer token.
    let now = ctx.now_ms;
    let caller = bearer_token(req.header("authorization"))
        .and_then(|t| k.live(now).find(|x| x.token == t).cloned());
    let Some(caller) = caller else {
        // As a Spring OAuth2 resource server answers (RFC 6750, 3).
        return oauth_error(
            401,
            "invalid_token",
            "Full authentication is required to access this resource",
        )
        .with_header(
            "www-authenticate",
            r#"Bearer error="invalid_token", error_description="Full authentication is required to access this resource""#,
        );
    };
    if !caller.admin {
        return result(
            403,
            "Access denied: the TOKENS_ADMIN permission is required",
            ctx,
        );
    }
    let Some(segments) = req.segments() else {
        return empty(404);
    };
    match (req.method.as_str(), segments.as_slice()) {
        ("GET", [_, _]) => list(k, req, ctx),
        ("DELETE", [_, _]) => delete(k, req, ctx),
        ("GET", [_, _, username, client_id]) => get_token(k, username, client_id, ctx),
        (_, [_, _]) => method_not_allowed("GET, DELETE"),
        (_, [_, _, _, _]) => method_not_allowed("GET"),
        _ => empty(404),
    }
}

/// getToken: the newest live token of that user and client.
fn get_token(k: &KnetikState, username: &str, client_id: &str, ctx: &mut Ctx) -> Response {
    let newest = k
        .live(ctx.now_ms)
        .rev()
        .find(|t| t.username.as_deref() == Some(username) && t.client_id == client_id);
    match newest {
        Some(t) => json(
            200,
            &json!({ "client_id": t.client_id, "username": t.username, "token": t.token }),
        ),
        None => result(404, "No token found for that username and client", ctx),
    }
}

fn token(k: &mut KnetikState, req: &Request, ctx: &mut Ctx) -> Response {
    let text = String::from_utf8_lossy(&req.body);
    let form = parse_pairs(&text);
    let get = |name: &str| {
        form.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let Some(client_id) = get("client_id") else {
        return oauth_error(400, "invalid_request", "client_id is required");
    };
    let issued = match get("grant_type") {
        Some("client_credentials") => {
            if (client_id, get("client_secret").unwrap_or("")) != ADMIN_CLIENT {
                return oauth_error(401, "invalid_client", "Bad client credentials");
            }
            k.issue(client_id, None, true, false, ctx)
        }
        Some("password") => {
            if client_id != WEB_CLIENT {
                return oauth_error(401, "invalid_client", "Bad client credentials");
            }
            let (Some(user), Some(pass)) = (get("username"), get("password")) else {
                return oauth_error(400, "invalid_request", "username and password are required");
            };
            let Some((_, _, admin)) = USERS.iter().find(|(u, p, _)| *u == user && *p == pass)
            else {
                return oauth_error(400, "invalid_grant", "Bad credentials");
            };
            k.issue(client_id, Some(user), *admin, true, ctx)
        }
        Some("refresh_token") => {
            let Some(refresh) = get("refresh_token") else {
                return oauth_error(400, "invalid_request", "refresh_token is required");
            };
            let Some(i) = k.tokens.iter().position(|t| {
                t.refresh_token.as_deref() == Some(refresh) && t.client_id == client_id
            }) else {
                return oauth_error(400, "invalid_grant", "Invalid refresh token");
            };
            let old = k.tokens.remove(i);
            k.issue(client_id, old.username.as_deref(), old.admin, true, ctx)
        }
        Some(_) => return oauth_error(400, "unsupported_grant_type", "Unsupported grant type"),
        None => return oauth_error(400, "invalid_request", "grant_type is required"),
    };
    let mut body = json!({
        "access_token": issued.token,
        "token_type": "bearer",
        "scope": "read write",
    });
    // Real servers send expires_in as a number or a string: the password grant answers with a
    // string here, so clients meet both forms.
    body["expires_in"] = if issued.username.is_some() {
        json!(k.ttl.to_string())
    } else {
        json!(k.ttl)
    };
    if let Some(r) = issued.refresh_token {
        body["refresh_token"] = json!(r);
    }
    json(200, &body)
}

/// A parsed `order` clause.
fn parse_order(text: &str) -> Option<Vec<(String, bool)>> {
    text.split(',')
        .map(|part| {
            let (prop, dir) = part.trim().split_once(':').unwrap_or((part.trim(), "ASC"));
            let prop = match prop {
                "username" | "client_id" => prop.to_string(),
                _ => return None,
            };
            match dir.to_ascii_uppercase().as_str() {
                "ASC" => Some((prop, true)),
                "DESC" => Some((prop, false)),
                _ => None,
            }
        })
        .collect()
}

/// One token as a list shows it: its client and, when it has one, its user. A token of the
/// client_credentials grant has no user; the key is left out (the document types `username` as
/// a string, never null).
fn list_item(t: &OauthToken) -> Value {
    match &t.username {
        Some(user) => json!({ "client_id": t.client_id, "username": user }),
        None => json!({ "client_id": t.client_id }),
    }
}

fn list(k: &KnetikState, req: &Request, ctx: &mut Ctx) -> Response {
    let number = |name: &str, default: u64| match req.query_value(name) {
        None => Some(default),
        Some(v) => v.parse::<u64>().ok(),
    };
    let (Some(size), Some(page)) = (number("size", 25), number("page", 1)) else {
        return result(400, "size and page must be integers", ctx);
    };
    // Both are int32 in the document, with no maximum: a page holds at most the stored tokens.
    let int32 = 1..=i32::MAX as u64;
    if !int32.contains(&page) || !int32.contains(&size) {
        return result(400, "page and size must be from 1 to 2147483647", ctx);
    }
    let order = match req.query_value("order") {
        Some(o) => match parse_order(o) {
            Some(o) => o,
            None => {
                return result(
                    400,
                    "order must be a list of PROPERTY:ASC|DESC with username or client_id",
                    ctx,
                )
            }
        },
        None => Vec::new(),
    };
    let client = req.query_value("filter_client_id");
    let user = req.query_value("filter_username");
    let mut items: Vec<&OauthToken> = k
        .live(ctx.now_ms)
        .filter(|t| client.is_none_or(|c| t.client_id == c))
        .filter(|t| user.is_none_or(|u| t.username.as_deref() == Some(u)))
        .collect();
    for (prop, asc) in order.iter().rev() {
        items.sort_by(|a, b| {
            let key = |t: &OauthToken| {
                if prop == "username" {
                    t.username.clone().unwrap_or_default()
                } else {
                    t.client_id.clone()
                }
            };
            let ord = key(a).cmp(&key(b));
            if *asc {
                ord
            } else {
                ord.reverse()
            }
        });
    }
    let total = items.len() as u64;
    let total_pages = total.div_ceil(size);
    // Below 2^62, so exact in a u64; a usize (32 bits in wasm) may not hold it: past the end.
    let offset = usize::try_from((page - 1) * size).unwrap_or(usize::MAX);
    let content: Vec<Value> = items
        .iter()
        .skip(offset)
        .take(usize::try_from(size).unwrap_or(usize::MAX))
        .map(|t| list_item(t))
        .collect();
    let mut body = json!({
        "content": content,
        "first": page == 1,
        "last": page >= total_pages,
        "number": page - 1,
        "number_of_elements": content.len(),
        "size": size,
        "total_elements": total,
        "total_pages": total_pages,
    });
    if !order.is_empty() {
        body["sort"] = json!(order
            .iter()
            .map(|(p, asc)| json!({ "property": p, "direction": if *asc { "ASC" } else { "DESC" }, "ascending": asc, "descending": !asc, "ignore_case": false, "null_handling": "NATIVE" }))
            .collect::<Vec<_>>());
    }
    json(200, &body)
}

fn delete(k: &mut KnetikState, req: &Request, ctx: &mut Ctx) -> Response {
    let user = req.query_value("username").filter(|u| !u.is_empty());
    let client = req.query_value("client_id").filter(|c| !c.is_empty());
    if user.is_none() && client.is_none() {
        return result(400, "username or client_id is required", ctx);
    }
    let matches = |t: &OauthToken| {
        user.is_none_or(|u| t.username.as_deref() == Some(u))
            && client.is_none_or(|c| t.client_id == c)
    };
    // The answer is what a list shows: 404 when no live token matches. Matching expired ones
    // go too, and their refresh tokens with them.
    let any_live = k.live(ctx.now_ms).any(matches);
    k.tokens.retain(|t| !matches(t));
    if any_live {
        empty(204)
    } else {
        result(404, "No tokens match", ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_leaves_the_token_values_out() {
        let token = OauthToken {
            token: "access-value".into(),
            client_id: "web".into(),
            username: Some("alice".into()),
            refresh_token: Some("refresh-value".into()),
            expires_at: 1,
            admin: false,
        };
        let debug = format!("{token:?}");
        assert!(
            !debug.contains("access-value") && !debug.contains("refresh-value"),
            "{debug}"
        );
        assert!(debug.contains("alice"), "{debug}");
    }

    #[test]
    fn order_clauses() {
        assert_eq!(
            parse_order("username:DESC,client_id"),
            Some(vec![("username".into(), false), ("client_id".into(), true)])
        );
        assert_eq!(parse_order("token:ASC"), None);
        assert_eq!(parse_order("username:UP"), None);
    }
}
