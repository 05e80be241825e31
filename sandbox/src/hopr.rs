//! HOPR node API v3 token endpoints with the real node's semantics (see shared/specs/README.md
//! and README "Official clients against the sandbox"): superuser token, capabilities with call
//! limits counted in `used`, 401 vs 403 bodies, `400 {"status":"INVALID_INPUT"}`, 404 with an
//! empty body, lifetime -> `valid_until`. As in hoprd 2.0.x (express, non-strict routing), a
//! trailing slash is optional on every path, a token's `id` is its secret value, and
//! `description` is `""` when none was given.

use serde_json::{json, Map, Value};

use crate::config::Options;
use crate::message::{Request, Response};
use crate::util::{basic_credentials, empty, json, method_not_allowed, Ctx};

/// The superuser token (not stored: GET /token with it answers 404).
pub const ADMIN_TOKEN: &str = "hopr-admin-token";

/// The 40 endpoint names of the spec's TokenCapability enum.
pub const ENDPOINTS: [&str; 40] = [
    "tokensCreate",
    "tokensGetToken",
    "ticketsGetStatistics",
    "ticketsRedeemTickets",
    "ticketsGetTickets",
    "settingsGetSettings",
    "nodeGetVersion",
    "nodeGetPeers",
    "nodeGetMetrics",
    "nodeGetInfo",
    "nodeGetEntryNodes",
    "messagesWebsocket",
    "messagesGetSize",
    "messagesPopAllMessage",
    "messagesPopMessage",
    "messagesSendMessage",
    "messagesDeleteMessages",
    "channelsOpenChannel",
    "channelsGetChannels",
    "aliasesSetAlias",
    "aliasesGetAliases",
    "accountWithdraw",
    "accountGetBalances",
    "accountGetAddresses",
    "accountGetAddress",
    "tokensDelete",
    "settingsSetSetting",
    "peersPingPeer",
    "peerInfoGetPeerInfo",
    "channelsRedeemTickets",
    "channelsGetTickets",
    "channelsGetChannel",
    "channelsCloseChannel",
    "aliasesGetAlias",
    "aliasesRemoveAlias",
    "nodeStreamWebsocket",
    "nodePing",
    "messagesSign",
    "messageSign",
    "channelsFundChannels",
];

/// One limit of a capability.
#[derive(Clone, Debug, PartialEq)]
pub struct Limit {
    /// Limit type, e.g. `calls`.
    pub kind: String,
    /// `conditions.max`.
    pub max: Option<u64>,
    /// Calls used so far.
    pub used: u64,
}

/// One capability.
#[derive(Clone, Debug, PartialEq)]
pub struct Capability {
    /// Endpoint name.
    pub endpoint: String,
    /// Limits, if any.
    pub limits: Option<Vec<Limit>>,
}

impl Capability {
    /// Same endpoint and limits (ignoring `used`).
    fn same_rights(&self, other: &Capability) -> bool {
        let key = |c: &Capability| {
            c.limits.as_ref().map(|ls| {
                ls.iter()
                    .map(|l| (l.kind.clone(), l.max))
                    .collect::<Vec<_>>()
            })
        };
        self.endpoint == other.endpoint && key(self) == key(other)
    }

    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("endpoint".into(), json!(self.endpoint));
        if let Some(limits) = &self.limits {
            let ls: Vec<Value> = limits
                .iter()
                .map(|l| {
                    let mut conditions = Map::new();
                    if let Some(max) = l.max {
                        conditions.insert("max".into(), json!(max));
                    }
                    json!({ "type": l.kind, "conditions": conditions, "used": l.used })
                })
                .collect();
            m.insert("limits".into(), Value::Array(ls));
        }
        Value::Object(m)
    }
}

/// A stored token. Its `Debug` leaves the value out.
#[derive(Clone)]
pub struct StoredToken {
    /// The secret value callers authenticate with; the node also answers it as the token's `id`
    /// and takes it in `DELETE /tokens/{id}` (hoprd `api/token.ts`: "the id is used as the key,
    /// as well as the secret used during authentication").
    pub value: String,
    /// Description (`""` when none was given).
    pub description: String,
    /// Expiry in seconds since the epoch.
    pub valid_until: Option<u64>,
    /// Capabilities.
    pub capabilities: Vec<Capability>,
}

impl std::fmt::Debug for StoredToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredToken")
            .field("value", &crate::log::REDACTED)
            .field("description", &self.description)
            .field("valid_until", &self.valid_until)
            .field("capabilities", &self.capabilities)
            .finish()
    }
}

impl StoredToken {
    fn expired(&self, now: u64) -> bool {
        self.valid_until.is_some_and(|v| v < now)
    }

    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.value));
        m.insert("description".into(), json!(self.description));
        if let Some(v) = self.valid_until {
            m.insert("valid_until".into(), json!(v));
        }
        m.insert(
            "capabilities".into(),
            Value::Array(self.capabilities.iter().map(Capability::to_json).collect()),
        );
        Value::Object(m)
    }
}

/// The HOPR node's tokens.
#[derive(Clone, Debug, Default)]
pub struct HoprState {
    /// Tokens, in creation order.
    pub tokens: Vec<StoredToken>,
}

fn cap(endpoint: &str, max: Option<u64>) -> Capability {
    Capability {
        endpoint: endpoint.into(),
        limits: max.map(|m| {
            vec![Limit {
                kind: "calls".into(),
                max: Some(m),
                used: 0,
            }]
        }),
    }
}

impl HoprState {
    /// The demo tokens plus `seed` extra ones.
    pub fn seeded(seed: usize) -> HoprState {
        let token = |value: &str, description: &str, caps: Vec<Capability>| StoredToken {
            value: value.into(),
            description: description.into(),
            valid_until: None,
            capabilities: caps,
        };
        let mut tokens = vec![
            token(
                "hopr-demo-token",
                "demo token",
                vec![
                    cap("tokensCreate", None),
                    cap("tokensGetToken", None),
                    cap("tokensDelete", None),
                ],
            ),
            token(
                "hopr-limited-token",
                "three calls",
                vec![cap("tokensGetToken", Some(3))],
            ),
            token(
                "hopr-readonly-token",
                "read only",
                vec![cap("tokensGetToken", None)],
            ),
        ];
        for i in 0..seed {
            tokens.push(token(
                &format!("hopr-seed-token-{i:04}"),
                "seeded",
                vec![cap("tokensGetToken", None)],
            ));
        }
        HoprState { tokens }
    }
}

fn unauthorized() -> Response {
    json(
        401,
        &json!({"status": "UNAUTHORIZED", "error": "authentication failed"}),
    )
}

fn forbidden() -> Response {
    json(
        403,
        &json!({"status": "UNAUTHORIZED", "error": "authorization failed"}),
    )
}

/// JavaScript's `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn invalid_input() -> Response {
    json(400, &json!({"status": "INVALID_INPUT"}))
}

/// Who is calling.
enum Caller {
    Superuser,
    Token(usize),
}

fn presented_token(req: &Request) -> Option<String> {
    if let Some(t) = req.header("x-auth-token") {
        return Some(t.to_string());
    }
    basic_credentials(req.header("authorization")).map(|(user, _)| user)
}

/// Authenticates the caller and checks (and counts) its right to `endpoint`.
fn authorize(
    state: &mut HoprState,
    req: &Request,
    endpoint: &str,
    now: u64,
) -> Result<Caller, Response> {
    let token = presented_token(req).ok_or_else(unauthorized)?;
    if token == ADMIN_TOKEN {
        return Ok(Caller::Superuser);
    }
    let index = state
        .tokens
        .iter()
        .position(|t| t.value == token && !t.expired(now))
        .ok_or_else(unauthorized)?;
    let capability = state.tokens[index]
        .capabilities
        .iter_mut()
        .find(|c| c.endpoint == endpoint)
        .ok_or_else(forbidden)?;
    if let Some(limits) = &mut capability.limits {
        for limit in limits.iter().filter(|l| l.kind == "calls") {
            if limit.max.is_some_and(|max| limit.used >= max) {
                return Err(forbidden());
            }
        }
        for limit in limits.iter_mut().filter(|l| l.kind == "calls") {
            limit.used += 1;
        }
    }
    Ok(Caller::Token(index))
}

/// The API's name and how it authenticates, for the startup banner.
pub const NAME: &str = "HOPR (x-auth-token: TOKEN, or Authorization: Basic base64(TOKEN:))";

/// Whether a raw path belongs to the HOPR API (`/api/v3/...`).
pub fn matches(path: &str) -> bool {
    path == "/api/v3" || path.starts_with("/api/v3/")
}

/// The demo tokens, one line each.
pub fn credentials(options: &Options) -> Vec<String> {
    let mut lines = vec![
        format!("superuser  {ADMIN_TOKEN}      (everything; not stored)"),
        "demo       hopr-demo-token       (tokensCreate, tokensGetToken, tokensDelete)".to_string(),
        "limited    hopr-limited-token    (tokensGetToken, 3 calls)".to_string(),
        "readonly   hopr-readonly-token   (tokensGetToken)".to_string(),
    ];
    if options.seed > 0 {
        lines.push(format!(
            "seeded     hopr-seed-token-0000 .. hopr-seed-token-{:04} (tokensGetToken)",
            options.seed - 1
        ));
    }
    lines
}

/// One HOPR credential, spreadable into `HoprTokens`' options.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct HoprToken {
    /// The token (`apiToken` of the client).
    pub api_token: &'static str,
}

/// The demo HOPR tokens.
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct HoprCredentials {
    /// The superuser token: every endpoint, not stored.
    pub superuser: HoprToken,
    /// tokensCreate, tokensGetToken and tokensDelete.
    pub demo: HoprToken,
    /// tokensGetToken, three calls.
    pub limited: HoprToken,
    /// tokensGetToken.
    pub readonly: HoprToken,
}

/// The demo tokens.
pub fn demo_credentials() -> HoprCredentials {
    let token = |api_token| HoprToken { api_token };
    HoprCredentials {
        superuser: token(ADMIN_TOKEN),
        demo: token("hopr-demo-token"),
        limited: token("hopr-limited-token"),
        readonly: token("hopr-readonly-token"),
    }
}

/// The configured tokens: never logged.
pub const SECRETS: &[&str] = &[
    ADMIN_TOKEN,
    "hopr-demo-token",
    "hopr-limited-token",
    "hopr-readonly-token",
];

/// The decoded path segments as the node routes them: hoprd's express router is not strict, so
/// `/tokens` and `/tokens/` are one route, and so are `/token/` and `/tokens/{id}/` (the node's
/// own tests post to `/api/v3/tokens`, as does the official @hoprnet/hopr-sdk). `None` when a
/// segment does not decode.
fn route(req: &Request) -> Option<Vec<String>> {
    let mut segments = req.segments()?;
    if segments.len() > 3 && segments.last().is_some_and(String::is_empty) {
        segments.pop();
    }
    Some(segments)
}

/// Handles `/api/v3/...`.
pub fn handle(hopr: &mut HoprState, req: &Request, ctx: &mut Ctx) -> Response {
    let Some(segments) = route(req) else {
        return empty(404);
    };
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    match (req.method.as_str(), segs.as_slice()) {
        ("POST", ["api", "v3", "tokens"]) => create(hopr, req, ctx),
        ("DELETE", ["api", "v3", "tokens", id]) => delete(hopr, req, id, ctx.now_secs()),
        ("GET", ["api", "v3", "token"]) => get(hopr, req, ctx.now_secs()),
        (_, ["api", "v3", "tokens"]) => method_not_allowed("POST"),
        (_, ["api", "v3", "token"]) => method_not_allowed("GET"),
        (_, ["api", "v3", "tokens", _]) => method_not_allowed("DELETE"),
        _ => empty(404),
    }
}

/// The token the node holds that `req` names as `/api/v3/tokens/{id}[/...]`, whatever the method
/// (the id is the token: the request log leaves it out).
pub fn token_in_path(hopr: &HoprState, req: &Request) -> Option<String> {
    match route(req)?.as_slice() {
        [api, v3, tokens, id, ..]
            if [api, v3, tokens] == ["api", "v3", "tokens"] && holds_token(hopr, id) =>
        {
            Some(id.clone())
        }
        _ => None,
    }
}

/// Whether `value` is a token the node holds.
pub fn holds_token(hopr: &HoprState, value: &str) -> bool {
    hopr.tokens.iter().any(|t| t.value == value)
}

fn get(state: &mut HoprState, req: &Request, now: u64) -> Response {
    match authorize(state, req, "tokensGetToken", now) {
        Err(r) => r,
        Ok(Caller::Superuser) => empty(404),
        Ok(Caller::Token(i)) => json(200, &state.tokens[i].to_json()),
    }
}

fn delete(state: &mut HoprState, req: &Request, id: &str, now: u64) -> Response {
    if let Err(r) = authorize(state, req, "tokensDelete", now) {
        return r;
    }
    match state
        .tokens
        .iter()
        .position(|t| t.value == id && !t.expired(now))
    {
        Some(i) => {
            state.tokens.remove(i);
            empty(204)
        }
        None => empty(404),
    }
}

/// Parses a create body the way the node validates it; `None` means 400 INVALID_INPUT.
fn parse_create(body: &[u8]) -> Option<(Vec<Capability>, Option<u64>, String)> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let obj = v.as_object()?;
    let caps = obj.get("capabilities")?.as_array()?;
    if caps.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for c in caps {
        let endpoint = c.get("endpoint")?.as_str()?;
        if !ENDPOINTS.contains(&endpoint) {
            return None;
        }
        let limits = match c.get("limits") {
            None | Some(Value::Null) => None,
            Some(Value::Array(ls)) if !ls.is_empty() => {
                let mut parsed = Vec::new();
                for l in ls {
                    let kind = l.get("type")?.as_str()?.to_string();
                    let max = match l.get("conditions") {
                        None | Some(Value::Null) => None,
                        Some(cond) => match cond.as_object()?.get("max") {
                            None | Some(Value::Null) => None,
                            Some(m) => Some(m.as_u64()?),
                        },
                    };
                    parsed.push(Limit { kind, max, used: 0 });
                }
                Some(parsed)
            }
            _ => return None,
        };
        out.push(Capability {
            endpoint: endpoint.to_string(),
            limits,
        });
    }
    let lifetime = match obj.get("lifetime") {
        None | Some(Value::Null) => None,
        Some(l) => Some(l.as_u64().filter(|l| *l >= 1)?),
    };
    let description = match obj.get("description") {
        None | Some(Value::Null) => String::new(),
        Some(d) => d.as_str()?.to_string(),
    };
    Some((out, lifetime, description))
}

fn create(state: &mut HoprState, req: &Request, ctx: &mut Ctx) -> Response {
    let now = ctx.now_secs();
    let caller = match authorize(state, req, "tokensCreate", now) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some((capabilities, lifetime, description)) = parse_create(&req.body) else {
        return invalid_input();
    };
    let valid_until = lifetime.map(|l| now.saturating_add(l));
    // The node computes in JS numbers: an expiry beyond 2^53 - 1 seconds is no valid input.
    if valid_until.is_some_and(|v| v > MAX_SAFE_INTEGER) {
        return invalid_input();
    }
    if let Caller::Token(i) = caller {
        let own = &state.tokens[i];
        if !capabilities
            .iter()
            .all(|c| own.capabilities.iter().any(|o| o.same_rights(c)))
        {
            return forbidden();
        }
        if let Some(limit) = own.valid_until {
            if valid_until.is_none_or(|v| v > limit) {
                return forbidden();
            }
        }
    }
    let value = ctx.random_hex(32);
    state.tokens.push(StoredToken {
        value: value.clone(),
        description,
        valid_until,
        capabilities,
    });
    json(201, &json!({ "token": value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_leaves_the_token_values_out() {
        let debug = format!("{:?}", HoprState::seeded(1));
        assert!(
            debug.contains("StoredToken { value: \"<redacted>\""),
            "{debug}"
        );
        for secret in SECRETS.iter().chain(&["hopr-seed-token-0000"]) {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
    }
}
