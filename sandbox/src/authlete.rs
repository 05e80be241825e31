//! Authlete token operations, v2 (`/api/auth/token/...`, HTTP Basic with the service API key and
//! secret) and v3 (`/api/{serviceId}/auth/token/...`, Bearer service access token), with the real
//! service's behaviour from shared/specs/README.md: `{resultCode, resultMessage}` error bodies,
//! hashes only in lists, revoke capped at 20 per call, update's NOT_FOUND action, form bodies.

use serde_json::{json, Map, Value};

use crate::config::Options;
use crate::message::{parse_pairs, percent_decode, Request, Response};
use crate::util::{basic_credentials, bearer_token, empty, json, method_not_allowed, Ctx};

/// v2 service API key and secret (full rights).
pub const API_KEY: &str = "sandbox-key";
/// v2 service API secret.
pub const API_SECRET: &str = "sandbox-secret";
/// A v2 key that may only list (create/update/revoke/delete answer 403).
pub const READONLY_KEY: &str = "sandbox-readonly-key";
/// Its secret.
pub const READONLY_SECRET: &str = "sandbox-readonly-secret";
/// The v3 service id.
pub const SERVICE_ID: &str = "715948317";
/// The v3 service access token.
pub const SERVICE_TOKEN: &str = "sandbox-service-token";
/// Tokens one revoke call removes at most.
pub const REVOKE_CAP: usize = 20;

const GRANT_TYPES: &[&str] = &[
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

/// A registered client.
#[derive(Clone, Debug)]
pub struct Client {
    /// Numeric id (int64).
    pub id: u64,
    /// Alias.
    pub alias: Option<String>,
    /// Display name.
    pub name: String,
}

/// A stored token: only hashes of the values are kept.
#[derive(Clone, Debug)]
pub struct StoredToken {
    /// Hash of the access token value.
    pub access_hash: String,
    /// Hash of the refresh token value.
    pub refresh_hash: Option<String>,
    /// Client id.
    pub client_id: u64,
    /// Resource owner.
    pub subject: Option<String>,
    /// Grant type.
    pub grant_type: String,
    /// Scopes.
    pub scopes: Vec<String>,
    /// Extra properties `{key, value, hidden}`.
    pub properties: Vec<Value>,
    /// Creation time, ms.
    pub created_at: u64,
    /// Access token expiry, ms.
    pub access_expires_at: u64,
    /// Refresh token expiry, ms (0 when none).
    pub refresh_expires_at: u64,
}

impl StoredToken {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("accessTokenHash".into(), json!(self.access_hash));
        m.insert("accessTokenExpiresAt".into(), json!(self.access_expires_at));
        if let Some(h) = &self.refresh_hash {
            m.insert("refreshTokenHash".into(), json!(h));
        }
        m.insert(
            "refreshTokenExpiresAt".into(),
            json!(self.refresh_expires_at),
        );
        m.insert("createdAt".into(), json!(self.created_at));
        m.insert("lastRefreshedAt".into(), json!(0));
        m.insert("clientId".into(), json!(self.client_id));
        if let Some(s) = &self.subject {
            m.insert("subject".into(), json!(s));
        }
        m.insert("grantType".into(), json!(self.grant_type));
        m.insert("scopes".into(), json!(self.scopes));
        if !self.properties.is_empty() {
            m.insert("properties".into(), json!(self.properties));
        }
        Value::Object(m)
    }
}

/// The service's clients and tokens.
#[derive(Clone, Debug, Default)]
pub struct AuthleteState {
    /// Registered clients.
    pub clients: Vec<Client>,
    /// Live tokens, in creation order.
    pub tokens: Vec<StoredToken>,
}

/// A sandbox "hash" of a token value: stable, URL-safe, 43 characters like Authlete's.
pub fn token_hash(value: &str) -> String {
    let mut out = String::new();
    for seed in [
        0xcbf2_9ce4_8422_2325u64,
        0x8422_2325_cbf2_9ce4,
        0x1234_5678_9abc_def0,
    ] {
        let mut h = seed;
        for b in value.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
    }
    out.truncate(43);
    out
}

/// The largest int64: no time or duration in an answer may pass it (both documents type them
/// int64).
const INT64_MAX: u64 = i64::MAX as u64;

/// The expiry of an access token that never expires (`accessTokenPersistent`): the largest
/// int64, the latest time an answer can hold.
const NEVER: u64 = INT64_MAX;

/// `secs` seconds after `now_ms`, in ms, when that is an int64; `None` when beyond.
fn expiry(now_ms: u64, secs: u64) -> Option<u64> {
    secs.checked_mul(1000)
        .and_then(|ms| ms.checked_add(now_ms))
        .filter(|at| *at <= INT64_MAX)
}

/// What a new token is made of: a create request's checked fields, or a seeded token's.
struct NewToken {
    client_id: u64,
    subject: Option<String>,
    grant_type: String,
    scopes: Vec<String>,
    properties: Vec<Value>,
    /// Access token lifetime, seconds.
    access_secs: u64,
    /// Whether the access token never expires (`access_secs` is then ignored).
    persistent: bool,
    /// Refresh token lifetime, seconds; 0 for no refresh token.
    refresh_secs: u64,
    /// The caller's value for the access token, else a random one.
    access_value: Option<String>,
}

/// A new token's values, for create's answer.
struct Issued {
    access: String,
    refresh: Option<String>,
    /// Access token expiry, ms.
    expires_at: u64,
    /// Access token lifetime, seconds.
    expires_in: u64,
}

impl AuthleteState {
    /// Clients 1001 (`demo-web`), 1002 (`demo-batch`) and 9007199254740993 (`big-id`, above 2^53);
    /// tokens of `alice` and `bob`; `seed` extra tokens for subject `seeded` on client 1002.
    pub fn seeded(seed: usize, ctx: &mut Ctx) -> AuthleteState {
        let mut s = AuthleteState {
            clients: vec![
                Client {
                    id: 1001,
                    alias: Some("demo-web".into()),
                    name: "Demo web app".into(),
                },
                Client {
                    id: 1002,
                    alias: Some("demo-batch".into()),
                    name: "Demo batch job".into(),
                },
                Client {
                    id: 9_007_199_254_740_993,
                    alias: Some("big-id".into()),
                    name: "Client with an id above 2^53".into(),
                },
            ],
            ..AuthleteState::default()
        };
        for (subject, n) in [("alice", 3), ("bob", 2)] {
            for i in 0..n {
                let token = NewToken {
                    client_id: 1001,
                    subject: Some(subject.to_string()),
                    grant_type: "AUTHORIZATION_CODE".into(),
                    scopes: vec!["openid".into(), format!("scope{i}")],
                    properties: Vec::new(),
                    access_secs: 86_400,
                    persistent: false,
                    refresh_secs: 864_000,
                    access_value: None,
                };
                // Only a clock beyond int64 refuses it; the world then starts without it.
                let _ = s.issue(token, ctx);
            }
        }
        for _ in 0..seed {
            let token = NewToken {
                client_id: 1002,
                subject: Some("seeded".into()),
                grant_type: "CLIENT_CREDENTIALS".into(),
                scopes: vec!["batch".into()],
                properties: Vec::new(),
                access_secs: 86_400,
                persistent: false,
                refresh_secs: 0,
                access_value: None,
            };
            let _ = s.issue(token, ctx);
        }
        s
    }

    /// Stores a new token and answers its values; an error text (naming the field) when an
    /// expiry would pass the largest int64, and then nothing is stored.
    fn issue(&mut self, new: NewToken, ctx: &mut Ctx) -> Result<Issued, &'static str> {
        // Creation times are strictly increasing so lists have a stable order.
        let now = ctx.now_ms.max(
            self.tokens
                .last()
                .map(|t| t.created_at.saturating_add(1))
                .unwrap_or(0),
        );
        let (access_expires_at, expires_in) = if new.persistent {
            (NEVER, NEVER.saturating_sub(now) / 1000)
        } else {
            let at = expiry(now, new.access_secs).ok_or(
                "accessTokenDuration is too large: the token would expire beyond the largest int64.",
            )?;
            (at, new.access_secs)
        };
        let refresh_expires_at = match new.refresh_secs {
            0 => 0,
            secs => expiry(now, secs).ok_or(
                "refreshTokenDuration is too large: the token would expire beyond the largest int64.",
            )?,
        };
        let access = new.access_value.unwrap_or_else(|| ctx.random_hex(43));
        let refresh = (new.refresh_secs > 0).then(|| ctx.random_hex(43));
        self.tokens.push(StoredToken {
            access_hash: token_hash(&access),
            refresh_hash: refresh.as_deref().map(token_hash),
            client_id: new.client_id,
            subject: new.subject,
            grant_type: new.grant_type,
            scopes: new.scopes,
            properties: new.properties,
            created_at: now,
            access_expires_at,
            refresh_expires_at,
        });
        Ok(Issued {
            access,
            refresh,
            expires_at: access_expires_at,
            expires_in,
        })
    }

    fn client(&self, identifier: &str) -> Option<&Client> {
        self.clients
            .iter()
            .find(|c| c.id.to_string() == identifier || c.alias.as_deref() == Some(identifier))
    }

    /// Index of the token whose value or hash is `identifier`.
    fn find(&self, identifier: &str) -> Option<usize> {
        let hashed = token_hash(identifier);
        self.tokens
            .iter()
            .position(|t| t.access_hash == identifier || t.access_hash == hashed)
    }
}

fn result(status: u16, code: &str, message: &str) -> Response {
    json(
        status,
        &json!({ "resultCode": code, "resultMessage": format!("[{code}] {message}") }),
    )
}

/// API version of a request path.
#[derive(Clone, Copy, PartialEq)]
enum Version {
    V2,
    V3,
}

/// Whether this path belongs to the Authlete emulation.
pub fn matches(path: &str) -> bool {
    path.starts_with("/api/auth/token/") || {
        let rest = path.strip_prefix("/api/").unwrap_or("");
        rest.split_once('/').is_some_and(|(id, tail)| {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && tail.starts_with("auth/token/")
        })
    }
}

/// The token this service holds that `req` names by its value (the access token's or the refresh
/// token's) as `.../auth/token/delete/{id}`,
/// whatever the method (a hash is not a secret): the request log leaves the value out.
pub fn token_in_path(a: &AuthleteState, req: &Request) -> Option<String> {
    let (_, rest) = req.raw_path.rsplit_once("/auth/token/delete/")?;
    let id = percent_decode(rest.split('/').next().unwrap_or_default(), false)?;
    holds_token(a, &id).then_some(id)
}

/// Whether `value` is an access or a refresh token this service holds (only hashes are kept: a
/// value is held when its hash is).
pub fn holds_token(a: &AuthleteState, value: &str) -> bool {
    if value.is_empty() {
        return false;
    }
    let hashed = token_hash(value);
    a.tokens
        .iter()
        .any(|t| t.access_hash == hashed || t.refresh_hash.as_ref() == Some(&hashed))
}

/// Checks credentials; `Ok(read_only)` or the error answer.
fn authenticate(req: &Request, version: Version, api: &str) -> Result<bool, Response> {
    let header = req.header("authorization");
    if header.is_none() {
        return Err(result(
            401,
            "A001202",
            &format!("{api}, Authorization header is missing."),
        ));
    }
    match version {
        Version::V2 => match basic_credentials(header) {
            Some((k, s)) if k == API_KEY && s == API_SECRET => Ok(false),
            Some((k, s)) if k == READONLY_KEY && s == READONLY_SECRET => Ok(true),
            _ => Err(result(
                401,
                "A001203",
                &format!("{api}, the API credentials are invalid."),
            )),
        },
        Version::V3 => match bearer_token(header) {
            Some(t) if t == SERVICE_TOKEN => Ok(false),
            _ => Err(result(
                401,
                "A001203",
                &format!("{api}, the access token is invalid."),
            )),
        },
    }
}

/// Request fields the documents type as int64 (a form carries them as signed decimals).
const INT64_FIELDS: &[&str] = &[
    "clientId",
    "accessTokenDuration",
    "refreshTokenDuration",
    "accessTokenExpiresAt",
    "refreshTokenExpiresAt",
    "authTime",
];

/// Request fields the documents type as boolean (a form carries them as `true` or `false`).
const BOOLEAN_FIELDS: &[&str] = &[
    "clientIdAliasUsed",
    "accessTokenPersistent",
    "forExternalAttachment",
    "clientEntityIdUsed",
    "metadataDocumentUsed",
    "accessTokenExpiresAtUpdatedOnScopeUpdate",
    "accessTokenValueUpdated",
    "refreshTokenExpiresAtUpdatedOnScopeUpdate",
];

/// A form field's value as its JSON counterpart by the field's type in the documents: a
/// space-separated list, an int64, a boolean, else the text itself; `None` when the text does
/// not fit the type.
fn form_value(key: &str, text: &str) -> Option<Value> {
    Some(match key {
        "scopes" | "resources" => {
            json!(text
                .split(' ')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>())
        }
        _ if INT64_FIELDS.contains(&key) => json!(text.parse::<i64>().ok()?),
        _ if BOOLEAN_FIELDS.contains(&key) => json!(text.parse::<bool>().ok()?),
        _ => json!(text),
    })
}

/// A request body as a JSON object, from JSON or a form; `None` when malformed.
fn body_object(req: &Request) -> Option<Map<String, Value>> {
    let content_type = req.header("content-type").unwrap_or("");
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let text = std::str::from_utf8(&req.body).ok()?;
        // Inserted one by one (the last of a repeated name wins, as a collect would): collecting
        // into the map would link a sort of its own.
        let mut map = Map::new();
        for (k, v) in parse_pairs(text) {
            let value = form_value(&k, &v)?;
            map.insert(k, value);
        }
        Some(map)
    } else {
        serde_json::from_slice::<Value>(&req.body)
            .ok()?
            .as_object()
            .cloned()
    }
}

fn string_list(v: Option<&Value>) -> Option<Vec<String>> {
    match v {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// The API's name and how it authenticates, for the startup banner.
pub const NAME: &str = "Authlete (v2: Basic API key:secret, paths /api/auth/token/...; v3: Bearer, /api/{serviceId}/auth/token/...)";

/// The demo credentials, one line each.
pub fn credentials(_options: &Options) -> Vec<String> {
    vec![
        format!("v2 key     {API_KEY} / {API_SECRET}   (read-only: {READONLY_KEY} / {READONLY_SECRET})"),
        format!("v3         service {SERVICE_ID}, access token {SERVICE_TOKEN}"),
        "clients    1001 (demo-web), 1002 (demo-batch), 9007199254740993 (big-id); subjects alice, bob".to_string(),
    ]
}

/// Authlete v2 credentials (HTTP Basic), spreadable into `AuthleteTokens`' options.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct AuthleteKey {
    /// The service API key.
    pub api_key: &'static str,
    /// The service API secret.
    pub api_secret: &'static str,
}

/// Authlete v3 credentials (Bearer), spreadable into `AuthleteTokens`' options.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct AuthleteService {
    /// The service id (the v3 path's `{serviceId}`).
    pub service_id: &'static str,
    /// The service access token.
    pub access_token: &'static str,
}

/// The demo Authlete credentials.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct AuthleteCredentials {
    /// v2, every operation.
    pub v2: AuthleteKey,
    /// v2, list only (the others answer 403).
    pub v2_read_only: AuthleteKey,
    /// v3, every operation.
    pub v3: AuthleteService,
}

/// The demo credentials.
pub fn demo_credentials() -> AuthleteCredentials {
    AuthleteCredentials {
        v2: AuthleteKey {
            api_key: API_KEY,
            api_secret: API_SECRET,
        },
        v2_read_only: AuthleteKey {
            api_key: READONLY_KEY,
            api_secret: READONLY_SECRET,
        },
        v3: AuthleteService {
            service_id: SERVICE_ID,
            access_token: SERVICE_TOKEN,
        },
    }
}

/// The configured secrets: never logged.
pub const SECRETS: &[&str] = &[API_SECRET, READONLY_SECRET, SERVICE_TOKEN];

/// The API version of a path, its v3 service id, and what follows `auth/token/`. One trailing
/// slash is ignored, as HOPR's routes ignore it (the v3 document's own samples end
/// `/get/list/`).
fn route(path: &str) -> Option<(Version, Option<&str>, &str)> {
    let path = path.strip_suffix('/').unwrap_or(path);
    if let Some(tail) = path.strip_prefix("/api/auth/token/") {
        return Some((Version::V2, None, tail));
    }
    let (id, tail) = path.strip_prefix("/api/")?.split_once('/')?;
    Some((Version::V3, Some(id), tail.strip_prefix("auth/token/")?))
}

/// Handles an Authlete request.
pub fn handle(a: &mut AuthleteState, req: &Request, ctx: &mut Ctx) -> Response {
    let Some((version, service, tail)) = route(&req.raw_path) else {
        return empty(404);
    };
    let api = format!("/auth/token/{}", tail.split('/').next().unwrap_or(""));
    // Credentials first: who may not call the service learns nothing of which ids exist.
    let read_only = match authenticate(req, version, &api) {
        Ok(r) => r,
        Err(r) => return r,
    };
    if let Some(id) = service.filter(|id| *id != SERVICE_ID) {
        return result(
            404,
            "A001101",
            &format!("/api/{id}/auth/token, the service does not exist."),
        );
    }
    let method = req.method.as_str();
    let write = !(method == "GET" && tail == "get/list");
    if write && read_only {
        return result(
            403,
            "A001215",
            &format!("{api}, the API key does not have the permission for this operation."),
        );
    }
    match (method, tail) {
        ("GET", "get/list") => list(a, req, ctx.now_ms),
        ("POST", "create") => create(a, req, version, ctx),
        ("POST", "update") => update(a, req, version),
        ("POST", "revoke") => revoke(a, req),
        ("DELETE", t) if t.starts_with("delete/") => {
            let Some(id) = percent_decode(&t["delete/".len()..], false) else {
                return empty(404);
            };
            match a.find(&id) {
                Some(i) if !id.is_empty() => {
                    a.tokens.remove(i);
                    empty(204)
                }
                _ => result(
                    404,
                    "A134301",
                    "/auth/token/delete, the access token does not exist.",
                ),
            }
        }
        (_, "get/list") => method_not_allowed("GET"),
        (_, "create" | "update" | "revoke") => method_not_allowed("POST"),
        (_, t) if t.starts_with("delete/") => method_not_allowed("DELETE"),
        _ => empty(404),
    }
}

fn list(a: &AuthleteState, req: &Request, now: u64) -> Response {
    // Both are int32 in the documents.
    let number = |name: &str, default: u32| match req.query_value(name) {
        None => Some(default),
        Some(v) => v.parse::<u32>().ok().filter(|n| i32::try_from(*n).is_ok()),
    };
    let (Some(start), Some(end)) = (number("start", 0), number("end", 5)) else {
        return result(
            400,
            "A002101",
            "/auth/token/get/list, start and end must be integers from 0 to 2147483647.",
        );
    };
    if end < start {
        return result(
            400,
            "A002102",
            "/auth/token/get/list, end must not be less than start.",
        );
    }
    let status = req.query_value("tokenStatus").unwrap_or("ALL");
    if !["VALID", "INVALID", "ALL"].contains(&status) {
        return result(
            400,
            "A002103",
            "/auth/token/get/list, tokenStatus must be VALID, INVALID or ALL.",
        );
    }
    let client = match req.query_value("clientIdentifier") {
        Some(id) => match a.client(id) {
            Some(c) => Some(c.clone()),
            None => {
                return result(
                    400,
                    "A010304",
                    "/auth/token/get/list, no client has that client ID or alias.",
                )
            }
        },
        None => None,
    };
    let subject = req.query_value("subject");
    let matching: Vec<&StoredToken> = a
        .tokens
        .iter()
        .filter(|t| client.as_ref().is_none_or(|c| c.id == t.client_id))
        .filter(|t| subject.is_none_or(|s| t.subject.as_deref() == Some(s)))
        .filter(|t| match status {
            "VALID" => t.access_expires_at > now,
            "INVALID" => t.access_expires_at <= now,
            _ => true,
        })
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .skip(start as usize)
        .take((end - start) as usize)
        .map(|t| t.to_json())
        .collect();
    let mut m = Map::new();
    m.insert("start".into(), json!(start));
    m.insert("end".into(), json!(end));
    m.insert("totalCount".into(), json!(matching.len()));
    if let Some(c) = client {
        m.insert(
            "client".into(),
            json!({ "clientId": c.id, "clientIdAlias": c.alias, "clientIdAliasEnabled": c.alias.is_some(), "clientName": c.name, "clientType": "CONFIDENTIAL" }),
        );
    }
    if let Some(s) = subject {
        m.insert("subject".into(), json!(s));
    }
    m.insert("accessTokens".into(), Value::Array(page));
    json(200, &Value::Object(m))
}

fn bad_request(api: &str, why: &str) -> Response {
    json(
        400,
        &json!({ "resultCode": "A001204", "resultMessage": format!("[A001204] {api}, {why}"), "action": "BAD_REQUEST" }),
    )
}

fn create(a: &mut AuthleteState, req: &Request, version: Version, ctx: &mut Ctx) -> Response {
    let api = "/auth/token/create";
    let Some(body) = body_object(req) else {
        return bad_request(api, "the request body is malformed.");
    };
    let new = match new_token(a, &body, version) {
        Ok(new) => new,
        Err(why) => return bad_request(api, &why),
    };
    let (client_id, subject, grant) = (new.client_id, new.subject.clone(), new.grant_type.clone());
    let (scopes, properties) = (new.scopes.clone(), new.properties.clone());
    let issued = match a.issue(new, ctx) {
        Ok(issued) => issued,
        Err(why) => return bad_request(api, why),
    };
    let mut m = Map::new();
    m.insert("resultCode".into(), json!("A109001"));
    m.insert(
        "resultMessage".into(),
        json!("[A109001] An access token was created successfully."),
    );
    m.insert("action".into(), json!("OK"));
    m.insert("accessToken".into(), json!(issued.access));
    m.insert("clientId".into(), json!(client_id));
    m.insert("expiresAt".into(), json!(issued.expires_at));
    m.insert("expiresIn".into(), json!(issued.expires_in));
    m.insert("grantType".into(), json!(grant));
    if !properties.is_empty() {
        m.insert("properties".into(), json!(properties));
    }
    if let Some(r) = issued.refresh {
        m.insert("refreshToken".into(), json!(r));
    }
    m.insert("scopes".into(), json!(scopes));
    if let Some(s) = subject {
        m.insert("subject".into(), json!(s));
    }
    m.insert("tokenType".into(), json!("Bearer"));
    json(200, &Value::Object(m))
}

/// A create request's token, checked field by field; the error text names the field.
fn new_token(
    a: &AuthleteState,
    body: &Map<String, Value>,
    version: Version,
) -> Result<NewToken, String> {
    let Some(grant) = body.get("grantType").and_then(Value::as_str) else {
        return Err("grantType is required.".into());
    };
    let v3_only = version == Version::V3 && grant == "PRE_AUTHORIZED_CODE";
    if !GRANT_TYPES.contains(&grant) && !v3_only {
        return Err("grantType is not supported.".into());
    }
    let client_id = create_client(a, body, version)?;
    let subject = body
        .get("subject")
        .and_then(Value::as_str)
        .map(str::to_string);
    if subject.is_none() && grant != "CLIENT_CREDENTIALS" {
        return Err("subject is required for this grant type.".into());
    }
    let scopes = string_list(body.get("scopes")).ok_or("scopes must be an array of strings.")?;
    let properties = match body.get("properties") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(p)) if p.iter().all(|x| x.get("key").is_some_and(Value::is_string)) => {
            p.clone()
        }
        _ => return Err("properties must be an array of {key, value}.".into()),
    };
    let access_secs = duration(body, "accessTokenDuration", 86_400)?;
    let persistent = flag(body, "accessTokenPersistent")?;
    let refresh_secs = match (grant, duration(body, "refreshTokenDuration", 864_000)?) {
        ("CLIENT_CREDENTIALS" | "IMPLICIT", _) => 0,
        (_, secs) => secs,
    };
    let access_value = body
        .get("accessToken")
        .and_then(Value::as_str)
        .map(str::to_string);
    if access_value.as_deref() == Some("") {
        // A token nobody could present (the sandbox would store and list it).
        return Err("the access token value must not be empty.".into());
    }
    if access_value.as_deref().is_some_and(|c| a.find(c).is_some()) {
        return Err("the access token value is already in use.".into());
    }
    Ok(NewToken {
        client_id,
        subject,
        grant_type: grant.to_string(),
        scopes,
        properties,
        access_secs,
        persistent,
        refresh_secs,
        access_value,
    })
}

/// The client a create request names: by `clientId` (v2 requires it), or on v3 (whose document
/// requires neither) by `clientIdentifier`, a client id as a decimal string or an alias. Both
/// must name the same client. A `clientId` of 0, as Java and Python libraries send it unset,
/// names none on v3.
fn create_client(
    a: &AuthleteState,
    body: &Map<String, Value>,
    version: Version,
) -> Result<u64, String> {
    if version == Version::V2 {
        let id = body.get("clientId").and_then(Value::as_u64);
        return known_client(a, id.ok_or("clientId is required and must be an integer.")?);
    }
    let by_id = match body.get("clientId") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .ok_or("clientId must be a non-negative integer.")?,
        ),
    };
    let by_identifier = match body.get("clientIdentifier") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(a.client(s).ok_or("the client does not exist.")?.id),
        Some(_) => return Err("clientIdentifier must be a string.".into()),
    };
    match (by_id.filter(|id| *id != 0), by_identifier) {
        (None, None) => Err("clientId or clientIdentifier is required.".into()),
        (Some(id), Some(other)) if id != other => {
            Err("clientId and clientIdentifier name different clients.".into())
        }
        (Some(id), _) => known_client(a, id),
        (None, Some(id)) => Ok(id),
    }
}

/// `id` when a client has it.
fn known_client(a: &AuthleteState, id: u64) -> Result<u64, String> {
    if a.clients.iter().any(|c| c.id == id) {
        Ok(id)
    } else {
        Err("the client does not exist.".into())
    }
}

/// A boolean field: false when left out or null.
fn flag(body: &Map<String, Value>, name: &str) -> Result<bool, String> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("{name} must be a boolean.")),
    }
}

/// A create request's duration under `name`, seconds: `default` when left out, null or 0.
fn duration(body: &Map<String, Value>, name: &str, default: u64) -> Result<u64, String> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => match v.as_u64() {
            Some(0) => Ok(default),
            Some(secs) => Ok(secs),
            None => Err("durations must be non-negative integers.".into()),
        },
    }
}

/// How an update names its token.
enum Named {
    /// By `accessToken`: its value (or, as everywhere here, its hash).
    Value(String),
    /// By `accessTokenHash` (v3), when the value is not known.
    Hash(String),
}

/// The token an update names: `accessToken` first; on v3 (whose document requires no field)
/// else `accessTokenHash`; v2's document requires `accessToken`.
fn named_token(body: &Map<String, Value>, version: Version) -> Result<Named, &'static str> {
    let text = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    match (text("accessToken"), version) {
        (Some(value), _) => Ok(Named::Value(value)),
        (None, Version::V2) => Err("accessToken is required."),
        (None, Version::V3) => text("accessTokenHash")
            .map(Named::Hash)
            .ok_or("accessToken or accessTokenHash is required."),
    }
}

/// What an update changes, each `None` when the token's value stays.
struct Changes {
    scopes: Option<Vec<String>>,
    access_expires_at: Option<u64>,
    refresh_expires_at: Option<u64>,
    properties: Option<Vec<Value>>,
}

/// An update's changes, checked before any is made. Authlete's reference: a field left out or
/// null leaves the token's value as it is, and so does an expiry of 0 or below (the official
/// Python library sends every field, unset ones as null and 0). v2 has no
/// `refreshTokenExpiresAt`: a v2 service does not act on it.
fn changes(body: &Map<String, Value>, version: Version) -> Result<Changes, String> {
    let scopes = match body.get("scopes").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => Some(string_list(Some(v)).ok_or("scopes must be an array of strings.")?),
    };
    // A persistent token never expires, whatever accessTokenExpiresAt says.
    let access_expires_at = if flag(body, "accessTokenPersistent")? {
        Some(NEVER)
    } else {
        new_expiry(body, "accessTokenExpiresAt")?
    };
    let refresh_expires_at = match version {
        Version::V2 => None,
        Version::V3 => new_expiry(body, "refreshTokenExpiresAt")?,
    };
    let properties = match body.get("properties") {
        Some(Value::Array(p)) => Some(p.clone()),
        _ => None,
    };
    Ok(Changes {
        scopes,
        access_expires_at,
        refresh_expires_at,
        properties,
    })
}

impl StoredToken {
    /// Makes an update's changes (a refresh expiry only when there is a refresh token).
    fn apply(&mut self, changes: Changes) {
        if let Some(scopes) = changes.scopes {
            self.scopes = scopes;
        }
        if let Some(at) = changes.access_expires_at {
            self.access_expires_at = at;
        }
        if let Some(at) = changes
            .refresh_expires_at
            .filter(|_| self.refresh_hash.is_some())
        {
            self.refresh_expires_at = at;
        }
        if let Some(properties) = changes.properties {
            self.properties = properties;
        }
    }
}

fn update(a: &mut AuthleteState, req: &Request, version: Version) -> Response {
    let api = "/auth/token/update";
    let Some(body) = body_object(req) else {
        return bad_request(api, "the request body is malformed.");
    };
    let named = match named_token(&body, version) {
        Ok(named) => named,
        Err(why) => return bad_request(api, why),
    };
    let changes = match changes(&body, version) {
        Ok(changes) => changes,
        Err(why) => return bad_request(api, &why),
    };
    let found = match &named {
        Named::Value(value) => a.find(value),
        Named::Hash(hash) => a.tokens.iter().position(|t| t.access_hash == *hash),
    };
    let Some(i) = found else {
        return json(
            200,
            &json!({ "resultCode": "A135301", "resultMessage": "[A135301] The access token does not exist.", "action": "NOT_FOUND" }),
        );
    };
    let t = &mut a.tokens[i];
    t.apply(changes);
    let mut m = Map::new();
    m.insert("resultCode".into(), json!("A135001"));
    m.insert(
        "resultMessage".into(),
        json!("[A135001] Updated the access token successfully."),
    );
    m.insert("action".into(), json!("OK"));
    // "The access token which has been specified by the request": none when named by its hash.
    if let Named::Value(value) = named {
        m.insert("accessToken".into(), json!(value));
    }
    m.insert("accessTokenExpiresAt".into(), json!(t.access_expires_at));
    m.insert("scopes".into(), json!(t.scopes));
    if !t.properties.is_empty() {
        m.insert("properties".into(), json!(t.properties));
    }
    m.insert("tokenType".into(), json!("Bearer"));
    m.insert("refreshTokenExpiresAt".into(), json!(t.refresh_expires_at));
    json(200, &Value::Object(m))
}

/// An update's new expiry under `key`: `None` when left out, null, 0 or negative (the token's
/// stays), an error text when not an integer.
fn new_expiry(body: &Map<String, Value>, key: &str) -> Result<Option<u64>, String> {
    match body.get(key).filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(v) => match v.as_i64() {
            Some(at) => Ok((at > 0).then_some(at.unsigned_abs())),
            None => Err(format!("{key} must be an integer.")),
        },
    }
}

/// Revoke, in the documented priority: access token identifier, then refresh token identifier,
/// then client identifier and/or subject; at most [`REVOKE_CAP`] tokens per call.
fn revoke(a: &mut AuthleteState, req: &Request) -> Response {
    let api = "/auth/token/revoke";
    let Some(body) = body_object(req) else {
        return bad_request(api, "the request body is malformed.");
    };
    let get = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let doomed: Vec<usize> = if let Some(at) = get("accessTokenIdentifier") {
        a.find(&at).into_iter().collect()
    } else if let Some(rt) = get("refreshTokenIdentifier") {
        let hashed = token_hash(&rt);
        a.tokens
            .iter()
            .position(|t| {
                t.refresh_hash
                    .as_deref()
                    .is_some_and(|h| h == rt || h == hashed)
            })
            .into_iter()
            .collect()
    } else {
        let client = match get("clientIdentifier") {
            Some(id) => match a.client(&id) {
                Some(c) => Some(c.id),
                None => {
                    return result(
                        400,
                        "A010304",
                        &format!("{api}, no client has that client ID or alias."),
                    )
                }
            },
            None => None,
        };
        let subject = get("subject");
        if client.is_none() && subject.is_none() {
            return result(400, "A169301", &format!("{api}, one of accessTokenIdentifier, refreshTokenIdentifier, clientIdentifier or subject is required."));
        }
        a.tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| client.is_none_or(|c| c == t.client_id))
            .filter(|(_, t)| {
                subject
                    .as_deref()
                    .is_none_or(|s| t.subject.as_deref() == Some(s))
            })
            .map(|(i, _)| i)
            .take(REVOKE_CAP)
            .collect()
    };
    let count = doomed.len();
    for i in doomed.into_iter().rev() {
        a.tokens.remove(i);
    }
    json(
        200,
        &json!({ "resultCode": "A169001", "resultMessage": format!("[A169001] Revoked {count} token(s)."), "count": count }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_recognised() {
        assert!(matches("/api/auth/token/create"));
        assert!(matches("/api/715948317/auth/token/get/list"));
        assert!(!matches("/api/v3/token"));
        assert!(!matches("/api/abc/auth/token/create"));
    }

    /// A one-minute password-grant token of client 1001 for carol.
    fn carols_token() -> NewToken {
        NewToken {
            client_id: 1001,
            subject: Some("carol".into()),
            grant_type: "PASSWORD".into(),
            scopes: vec![],
            properties: vec![],
            access_secs: 60,
            persistent: false,
            refresh_secs: 60,
            access_value: None,
        }
    }

    #[test]
    fn a_delete_naming_the_refresh_token_names_a_token() {
        let mut rng = fastrand::Rng::with_seed(1);
        let mut ctx = Ctx {
            now_ms: 1_000,
            rng: &mut rng,
        };
        let mut a = AuthleteState::seeded(0, &mut ctx);
        let issued = a.issue(carols_token(), &mut ctx).unwrap();
        let refresh = issued.refresh.unwrap();
        let req = Request::new("DELETE", &format!("/api/auth/token/delete/{refresh}"));
        assert_eq!(token_in_path(&a, &req), Some(refresh));
        let req = Request::new(
            "DELETE",
            &format!("/api/auth/token/delete/{}", issued.access),
        );
        assert_eq!(token_in_path(&a, &req), Some(issued.access));
        let req = Request::new("DELETE", "/api/auth/token/delete/nothing");
        assert_eq!(token_in_path(&a, &req), None);
    }

    #[test]
    fn revoke_caps_at_20_and_prefers_the_access_token() {
        let mut rng = fastrand::Rng::with_seed(1);
        let mut ctx = Ctx {
            now_ms: 1_000,
            rng: &mut rng,
        };
        let mut a = AuthleteState::seeded(0, &mut ctx);
        for _ in 0..45 {
            assert!(a.issue(carols_token(), &mut ctx).is_ok());
        }
        let req = |body: &str| Request {
            body: body.as_bytes().to_vec(),
            headers: vec![("content-type".into(), "application/json".into())],
            ..Request::default()
        };
        let counts: Vec<u64> = (0..4)
            .map(|_| {
                let r = revoke(&mut a, &req(r#"{"subject":"carol"}"#));
                serde_json::from_slice::<Value>(&r.body).unwrap()["count"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        assert_eq!(counts, vec![20, 20, 5, 0]);
        let hash = a.tokens[0].access_hash.clone();
        let before = a.tokens.len();
        let r = revoke(
            &mut a,
            &req(&format!(
                r#"{{"accessTokenIdentifier":"{hash}","subject":"bob"}}"#
            )),
        );
        assert_eq!(
            serde_json::from_slice::<Value>(&r.body).unwrap()["count"],
            1
        );
        assert_eq!(a.tokens.len(), before - 1);
    }
}
