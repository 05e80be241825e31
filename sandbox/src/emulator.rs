//! The emulator's one entry: a request and the shell's current time in, an [`Answer`] out.
//!
//! A request goes to the root world or, under `/_sandbox/sessions/{id}`, to that session's
//! world. Within a world: the CORS preflight, the control API, then (after counting, logging and
//! scripted faults) the provider emulators by path. Anything else is [`Outcome::Unrouted`] at the
//! root (the std server serves its files there) and 404 in a session.
//!
//! Adding a provider is one entry in [`PROVIDERS`] (plus its sub-state in `state.rs`).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::answer::{not_found, preflight, with_cors, Answer, Outcome};
use crate::config::Options;
use crate::control::{bad_body, is_control_path};
use crate::message::{Request, Response};
use crate::sessions::{Sessions, PREFIX};
use crate::state::{Services, State};
use crate::util::{empty, json, method_not_allowed, Ctx};
use crate::{authlete, hopr, knetik};

/// The most extra tokens a session may be seeded with (sessions are many: their memory stays
/// bounded).
pub const MAX_SESSION_SEED: u64 = 10_000;

/// One emulated API, as the emulator sees it.
pub struct Provider {
    /// Display name, used in the startup banner.
    pub name: &'static str,
    /// Whether a raw request path belongs to this API.
    pub matches: fn(&str) -> bool,
    /// Answers a request whose path matched, given the providers' state, the emulated time and
    /// the world's random source.
    pub handle: fn(&Request, &mut Services, &mut Ctx) -> Response,
    /// The demo credentials, one line each, printed at start.
    pub credentials: fn(&Options) -> Vec<String>,
    /// The configured secrets, never written to the request log.
    pub secrets: &'static [&'static str],
    /// A token the world holds that a request's path names, decoded (its path is logged
    /// without it).
    pub token_in_path: fn(&Request, &Services) -> Option<String>,
    /// Whether a value is a token the world holds (a request header naming one is logged
    /// redacted).
    pub holds_token: fn(&Services, &str) -> bool,
}

/// The emulated APIs, tried in order; each provider module knows only its own state.
pub const PROVIDERS: &[Provider] = &[
    Provider {
        name: hopr::NAME,
        matches: hopr::matches,
        handle: |req, services, ctx| hopr::handle(&mut services.hopr, req, ctx),
        credentials: hopr::credentials,
        secrets: hopr::SECRETS,
        token_in_path: |req, services| hopr::token_in_path(&services.hopr, req),
        holds_token: |services, value| hopr::holds_token(&services.hopr, value),
    },
    Provider {
        name: authlete::NAME,
        matches: authlete::matches,
        handle: |req, services, ctx| authlete::handle(&mut services.authlete, req, ctx),
        credentials: authlete::credentials,
        secrets: authlete::SECRETS,
        token_in_path: |req, services| authlete::token_in_path(&services.authlete, req),
        holds_token: |services, value| authlete::holds_token(&services.authlete, value),
    },
    Provider {
        name: knetik::NAME,
        matches: knetik::matches,
        handle: |req, services, ctx| knetik::handle(&mut services.knetik, req, ctx),
        credentials: knetik::credentials,
        secrets: knetik::SECRETS,
        // Knetik's paths name users and clients, never a token.
        token_in_path: |_, _| None,
        holds_token: |services, value| knetik::holds_token(&services.knetik, value),
    },
];

/// The whole emulator: the root world and the sessions.
pub struct Emulator {
    root: State,
    sessions: Sessions,
    rng: fastrand::Rng,
}

/// A summary (counts, the clock, the options): no token, credential or session URL.
impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("root", &self.root)
            .field("sessions", &self.sessions)
            .finish_non_exhaustive()
    }
}

/// Its name only (its secrets are what the log hides).
impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// A fresh emulator. `entropy` seeds every token value it makes (the shell's randomness:
    /// the core reads none); `shell_now_ms` is the shell's time, ms since the epoch.
    pub fn new(options: &Options, entropy: u64, shell_now_ms: u64) -> Emulator {
        let mut rng = fastrand::Rng::with_seed(entropy);
        let root = State::new(options, shell_now_ms, rng.fork());
        Emulator {
            root,
            sessions: Sessions::default(),
            rng,
        }
    }

    /// Answers one request at the shell's time `shell_now_ms`. Never panics, whatever the
    /// request.
    pub fn handle(&mut self, req: &Request, shell_now_ms: u64) -> Answer {
        let mut answer = if req.method == "OPTIONS" {
            Answer::respond(preflight())
        } else if let Some(rest) = session_path(&req.raw_path) {
            self.session_request(req, rest, shell_now_ms)
        } else {
            world(&mut self.root, req, shell_now_ms, true)
        };
        answer.outcome = match answer.outcome {
            Outcome::Respond(r) => Outcome::Respond(with_cors(r)),
            Outcome::Truncate(r) => Outcome::Truncate(with_cors(r)),
            Outcome::Stall(r) => Outcome::Stall(with_cors(r)),
            Outcome::Huge(r, n) => Outcome::Huge(with_cors(r), n),
            other => other,
        };
        answer
    }

    /// `/_sandbox/sessions[/...]`: make, list and end sessions, or a request to one of them.
    fn session_request(&mut self, req: &Request, rest: &str, shell_now_ms: u64) -> Answer {
        let method = req.method.as_str();
        if rest.is_empty() || rest == "/" {
            return Answer::respond(match method {
                "POST" => self.create_session(req, shell_now_ms),
                "GET" => json(
                    200,
                    &Value::Array(
                        self.sessions
                            .ids()
                            .into_iter()
                            .map(|id| session_json(&req.origin, id))
                            .collect(),
                    ),
                ),
                _ => method_not_allowed("GET, POST"),
            });
        }
        let rest = &rest[1..];
        let (id, tail) = rest
            .split_once('/')
            .map_or((rest, ""), |(id, tail)| (id, tail));
        if tail.is_empty() && !rest.ends_with('/') {
            return Answer::respond(match method {
                "DELETE" if self.sessions.remove(id) => empty(204),
                _ if self.sessions.get_mut(id).is_none() => no_session(),
                _ => method_not_allowed("DELETE"),
            });
        }
        let Some(state) = self.sessions.get_mut(id) else {
            return Answer::respond(no_session());
        };
        let mut inner = req.clone();
        let target = if req.raw_query.is_empty() {
            ["/", tail].concat()
        } else {
            ["/", tail, "?", &req.raw_query].concat()
        };
        inner.set_target(&target);
        inner.origin = [req.origin.as_str(), PREFIX, "/", id].concat();
        world(state, &inner, shell_now_ms, false)
    }

    fn create_session(&mut self, req: &Request, shell_now_ms: u64) -> Response {
        let defaults = self.root.options.clone();
        let options = match Options::parse(&req.body, &defaults, MAX_SESSION_SEED) {
            Ok(o) => o,
            Err(e) => return bad_body(&e, &req.body, &self.root.services),
        };
        let id = self.sessions.create(&options, shell_now_ms, &mut self.rng);
        json(201, &session_json(&req.origin, &id))
    }
}

/// The part of a raw path after `/_sandbox/sessions`, when it is a sessions path.
fn session_path(raw_path: &str) -> Option<&str> {
    let rest = raw_path.strip_prefix(PREFIX)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

fn session_json(origin: &str, id: &str) -> Value {
    let url = [origin, PREFIX, "/", id].concat();
    json!({ "id": id, "url": url })
}

fn no_session() -> Response {
    json(
        404,
        &json!({ "error": "no such session: it was ended, or the oldest idle one made room for a new one" }),
    )
}

/// One world's answer: control API, then counting, logging, faults and the providers.
fn world(state: &mut State, req: &Request, shell_now_ms: u64, root: bool) -> Answer {
    if is_control_path(&req.raw_path) {
        return Answer::respond(crate::control::handle(state, req, shell_now_ms));
    }
    let provider = PROVIDERS.iter().find(|p| (p.matches)(&req.raw_path));
    record(state, req, provider);
    let mut delay_ms = 0;
    if let Some(fault) = state.faults.take(&req.method, &req.raw_path) {
        delay_ms = fault.delay_ms.unwrap_or(0);
        if let Some(outcome) = fault.outcome() {
            return Answer { delay_ms, outcome };
        }
    }
    let mut ctx = Ctx {
        now_ms: state.clock.now(shell_now_ms),
        rng: &mut state.rng,
    };
    let outcome = match provider {
        Some(provider) => Outcome::Respond((provider.handle)(req, &mut state.services, &mut ctx)),
        None if root => Outcome::Unrouted,
        None => Outcome::Respond(not_found()),
    };
    Answer { delay_ms, outcome }
}

/// Logs and counts a request (under its path as logged: a token's segment redacted); `provider`
/// is the API its path belongs to.
fn record(state: &mut State, req: &Request, provider: Option<&Provider>) {
    let path_token = provider.and_then(|p| (p.token_in_path)(req, &state.services));
    let services = &state.services;
    let held = |value: &str| holds_token(services, value);
    let (method, path) = state
        .log
        .record(req, path_token.as_deref(), secrets(), &held);
    count(
        &mut state.stats,
        [method.as_str(), " ", path.as_str()].concat(),
    );
    state.total += 1;
}

/// The configured credentials of every provider (what the log and control errors hide).
pub(crate) fn secrets() -> impl Iterator<Item = &'static str> + Clone {
    PROVIDERS.iter().flat_map(|p| p.secrets.iter().copied())
}

/// Whether `value` is a token some provider of `services` holds.
pub(crate) fn holds_token(services: &Services, value: &str) -> bool {
    PROVIDERS.iter().any(|p| (p.holds_token)(services, value))
}

/// How many distinct `METHOD path` keys the stats hold; requests of any other are counted
/// under [`OTHER_STATS_KEY`] (a bound on their memory).
pub const MAX_STATS_KEYS: usize = 1000;

/// The stats key of the requests beyond [`MAX_STATS_KEYS`] distinct ones.
pub const OTHER_STATS_KEY: &str = "<other>";

/// Counts one request under `key`, or under [`OTHER_STATS_KEY`] when the stats hold
/// [`MAX_STATS_KEYS`] keys already and not this one.
fn count(stats: &mut BTreeMap<String, u64>, key: String) {
    let key = if stats.len() < MAX_STATS_KEYS || stats.contains_key(&key) {
        key
    } else {
        OTHER_STATS_KEY.to_string()
    };
    *stats.entry(key).or_insert(0) += 1;
}

/// The startup banner's credential lines, per provider.
pub fn credentials_text(options: &Options) -> String {
    let mut text = String::from("demo credentials:");
    for provider in PROVIDERS {
        text.push_str("\n  ");
        text.push_str(provider.name);
        for line in (provider.credentials)(options) {
            text.push_str("\n    ");
            text.push_str(&line);
        }
    }
    text
}

/// The demo credentials by provider, each entry spreadable into the client's options.
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct Credentials {
    /// HOPR tokens.
    pub hopr: hopr::HoprCredentials,
    /// Authlete API keys and service tokens.
    pub authlete: authlete::AuthleteCredentials,
    /// Knetik OAuth clients and users.
    pub knetik: knetik::KnetikCredentials,
}

/// The demo credentials (`GET /_sandbox/credentials`, the JS `credentials`).
pub fn credentials() -> Credentials {
    Credentials {
        hopr: hopr::demo_credentials(),
        authlete: authlete::demo_credentials(),
        knetik: knetik::demo_credentials(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emulator() -> Emulator {
        Emulator::new(&Options::default(), 42, 1_700_000_000_000)
    }

    fn send(
        e: &mut Emulator,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Response {
        let mut req = Request::new(method, target);
        req.headers = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        req.body = body.as_bytes().to_vec();
        req.origin = "http://sb.test".into();
        match e.handle(&req, 1_700_000_000_000).outcome {
            Outcome::Respond(r) => r,
            other => panic!("not a response: {other:?}"),
        }
    }

    fn body(r: &Response) -> Value {
        serde_json::from_slice(&r.body).unwrap()
    }

    #[test]
    fn sessions_are_isolated_and_end() {
        let mut e = emulator();
        let made = send(&mut e, "POST", "/_sandbox/sessions", &[], "");
        assert_eq!(made.status, 201);
        let s = body(&made);
        let id = s["id"].as_str().unwrap().to_string();
        assert_eq!(s["url"], format!("http://sb.test/_sandbox/sessions/{id}"));
        let base = format!("/_sandbox/sessions/{id}");
        // A token made in the session is not in the root world.
        let created = send(
            &mut e,
            "POST",
            &format!("{base}/api/v3/tokens"),
            &[("x-auth-token", "hopr-admin-token")],
            r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#,
        );
        assert_eq!(created.status, 201);
        let token = body(&created)["token"].as_str().unwrap().to_string();
        let get = |e: &mut Emulator, prefix: &str| {
            send(
                e,
                "GET",
                &format!("{prefix}/api/v3/token"),
                &[("x-auth-token", &token)],
                "",
            )
            .status
        };
        assert_eq!(get(&mut e, &base), 200);
        assert_eq!(get(&mut e, ""), 401);
        // Control calls under the session touch only the session.
        let fault = r#"{"path":"/api/v3/token","status":503}"#;
        assert_eq!(
            send(
                &mut e,
                "POST",
                &format!("{base}/_sandbox/faults"),
                &[],
                fault
            )
            .status,
            204
        );
        assert_eq!(get(&mut e, ""), 401);
        assert_eq!(get(&mut e, &base), 503);
        let log = body(&send(
            &mut e,
            "GET",
            &format!("{base}/_sandbox/requests"),
            &[],
            "",
        ));
        assert_eq!(log.as_array().unwrap().len(), 3);
        assert_eq!(log[0]["path"], "/api/v3/tokens");
        assert_eq!(
            send(
                &mut e,
                "POST",
                &format!("{base}/_sandbox/sessions"),
                &[],
                ""
            )
            .status,
            404
        );
        // Listed, then ended; an ended session answers 404.
        let listed = body(&send(&mut e, "GET", "/_sandbox/sessions", &[], ""));
        assert_eq!(listed[0]["id"], id.as_str());
        assert_eq!(send(&mut e, "DELETE", &base, &[], "").status, 204);
        assert_eq!(get(&mut e, &base), 404);
        assert_eq!(send(&mut e, "DELETE", &base, &[], "").status, 404);
        assert_eq!(
            send(
                &mut e,
                "GET",
                "/_sandbox/sessions/nope/api/v3/token",
                &[],
                ""
            )
            .status,
            404
        );
    }

    #[test]
    fn session_options_are_checked() {
        let mut e = emulator();
        let r = send(
            &mut e,
            "POST",
            "/_sandbox/sessions",
            &[],
            r#"{"seed":3,"knetikTokenTtl":60}"#,
        );
        assert_eq!(r.status, 201);
        for (bad, field) in [
            (r#"{"seed":-3}"#, "seed: "),
            (r#"{"seed":10001}"#, "seed: "),
            (r#"{"ttl":1}"#, "`ttl`"),
        ] {
            let r = send(&mut e, "POST", "/_sandbox/sessions", &[], bad);
            assert_eq!(r.status, 400);
            assert!(body(&r)["error"].as_str().unwrap().contains(field), "{bad}");
        }
        assert_eq!(
            body(&send(&mut e, "GET", "/_sandbox/sessions", &[], ""))
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn stats_hold_a_bounded_number_of_keys() {
        let mut e = emulator();
        for i in 0..MAX_STATS_KEYS + 5 {
            send(&mut e, "GET", &format!("/api/v3/x{i}"), &[], "");
        }
        send(&mut e, "GET", "/api/v3/x0", &[], "");
        let stats = body(&send(&mut e, "GET", "/_sandbox/stats", &[], ""));
        let requests = stats["requests"].as_object().unwrap();
        assert_eq!(requests.len(), MAX_STATS_KEYS + 1);
        assert_eq!(requests[OTHER_STATS_KEY], 5);
        assert_eq!(requests["GET /api/v3/x0"], 2);
    }

    #[test]
    fn debug_shows_a_summary_and_no_secret() {
        let mut e = emulator();
        let admin = [("x-auth-token", "hopr-admin-token")];
        let hopr = send(
            &mut e,
            "POST",
            "/api/v3/tokens",
            &admin,
            r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#,
        );
        let basic = [(
            "authorization",
            "Basic c2FuZGJveC1rZXk6c2FuZGJveC1zZWNyZXQ=",
        )];
        let created = r#"{"grantType":"PASSWORD","clientId":1001,"subject":"d"}"#;
        let authlete = body(&send(
            &mut e,
            "POST",
            "/api/auth/token/create",
            &basic,
            created,
        ));
        let form = [("content-type", "application/x-www-form-urlencoded")];
        let grant = "grant_type=password&client_id=web&username=root&password=root-pass";
        let knetik = body(&send(&mut e, "POST", "/oauth/token", &form, grant));
        let session = body(&send(&mut e, "POST", "/_sandbox/sessions", &[], ""));
        let debug = format!("{e:?}");
        let mut secrets = vec![
            body(&hopr)["token"].as_str().unwrap().to_string(),
            authlete["accessToken"].as_str().unwrap().to_string(),
            authlete["refreshToken"].as_str().unwrap().to_string(),
            knetik["access_token"].as_str().unwrap().to_string(),
            knetik["refresh_token"].as_str().unwrap().to_string(),
            session["id"].as_str().unwrap().to_string(),
        ];
        secrets.extend(
            PROVIDERS
                .iter()
                .flat_map(|p| p.secrets.iter().map(|s| s.to_string())),
        );
        for secret in &secrets {
            assert!(!debug.contains(secret.as_str()), "{secret} in {debug}");
        }
        assert!(debug.starts_with("Emulator { root: State {"), "{debug}");
        assert!(debug.contains("hopr_tokens: 4"), "{debug}");
        assert!(debug.contains("live: 1"), "{debug}");
        assert!(format!("{:?}", PROVIDERS[0]).contains("HOPR"));
    }

    #[test]
    fn every_answer_carries_cors_and_unknown_paths_are_unrouted_at_the_root_only() {
        let mut e = emulator();
        let r = send(&mut e, "GET", "/api/v3/token", &[], "");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        let mut req = Request::new("GET", "/index.html");
        assert_eq!(e.handle(&req, 0).outcome, Outcome::Unrouted);
        let id = body(&send(&mut e, "POST", "/_sandbox/sessions", &[], ""))["id"]
            .as_str()
            .unwrap()
            .to_string();
        req.set_target(&format!("/_sandbox/sessions/{id}/index.html"));
        assert!(matches!(e.handle(&req, 0).outcome, Outcome::Respond(r) if r.status == 404));
        // Each CORS header once, in a session's 404 too (a browser refuses `*, *`).
        let Outcome::Respond(r) = e.handle(&req, 0).outcome else {
            panic!("a session's unknown path is answered")
        };
        for name in [
            "access-control-allow-origin",
            "access-control-expose-headers",
        ] {
            assert_eq!(
                r.headers.iter().filter(|(n, _)| n == name).count(),
                1,
                "{name}"
            );
        }
    }
}
