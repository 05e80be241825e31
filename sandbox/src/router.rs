//! Sends each request to its handler: CORS preflight, control API, then (after counting,
//! logging and scripted faults) the provider emulators by path, then static files.
//!
//! Adding a provider is one entry in [`PROVIDERS`] (plus its sub-state in `state.rs`).

use std::collections::BTreeMap;
use std::time::Duration;

use crate::config::Config;
use crate::http::{Action, Request, Response};
use crate::state::{lock, LoggedRequest, Shared, State, LOG_SIZE};
use crate::util::empty;
use crate::{authlete, hopr, knetik};

/// Headers whose values are credentials and are never logged.
const SECRET_HEADERS: &[&str] = &["authorization", "x-auth-token", "cookie"];

/// One emulated API, as the router sees it.
pub struct Provider {
    /// Display name, used in the startup banner.
    pub name: &'static str,
    /// Whether a raw request path belongs to this API.
    pub matches: fn(&str) -> bool,
    /// Answers a request whose path matched, with the sandbox's state locked.
    pub handle: fn(&Request, &mut State, &Config) -> Response,
    /// The demo credentials, one line each, printed at start.
    pub credentials: fn(&Config) -> Vec<String>,
}

/// The emulated APIs, tried in order; each provider module knows only its own state.
pub const PROVIDERS: &[Provider] = &[
    Provider {
        name: hopr::NAME,
        matches: hopr::matches,
        handle: |req, state, config| hopr::handle(&mut state.hopr, req, config),
        credentials: hopr::credentials,
    },
    Provider {
        name: authlete::NAME,
        matches: authlete::matches,
        handle: |req, state, config| authlete::handle(&mut state.authlete, req, config),
        credentials: authlete::credentials,
    },
    Provider {
        name: knetik::NAME,
        matches: knetik::matches,
        handle: |req, state, config| knetik::handle(&mut state.knetik, req, config),
        credentials: knetik::credentials,
    },
];

/// The CORS preflight answer (for any path).
pub fn preflight() -> Response {
    empty(204)
        .with_header(
            "access-control-allow-methods",
            "GET, POST, PUT, PATCH, DELETE, OPTIONS",
        )
        .with_header(
            "access-control-allow-headers",
            "authorization, x-auth-token, content-type, accept",
        )
        .with_header("access-control-max-age", "600")
        .with_header("access-control-allow-private-network", "true")
}

/// Routes one request.
pub fn route(req: &Request, shared: &Shared, config: &Config) -> Action {
    if req.method == "OPTIONS" {
        return Action::Respond(preflight());
    }
    if is_control_path(&req.raw_path) {
        return crate::control::handle(req, shared);
    }
    let fault = {
        let mut state = lock(shared);
        record(&mut state, req);
        state.faults.take(&req.method, &req.raw_path)
    };
    if let Some(fault) = fault {
        if let Some(ms) = fault.delay_ms {
            std::thread::sleep(Duration::from_millis(ms));
        }
        if let Some(action) = fault.action() {
            return action;
        }
    }
    if let Some(provider) = PROVIDERS.iter().find(|p| (p.matches)(&req.raw_path)) {
        return Action::Respond((provider.handle)(req, &mut lock(shared), config));
    }
    crate::static_files::handle(req, config)
}

/// Whether the path is a control endpoint (never counted, logged or faulted).
pub fn is_control_path(path: &str) -> bool {
    path == "/_sandbox" || path.starts_with("/_sandbox/")
}

/// The startup banner's credential lines, per provider.
pub fn credentials_text(config: &Config) -> String {
    let mut text = String::from("demo credentials:");
    for provider in PROVIDERS {
        text.push_str(&format!("\n  {}", provider.name));
        for line in (provider.credentials)(config) {
            text.push_str(&format!("\n    {line}"));
        }
    }
    text
}

/// Counts and logs a request.
fn record(state: &mut State, req: &Request) {
    *state
        .stats
        .entry(format!("{} {}", req.method, req.raw_path))
        .or_insert(0) += 1;
    state.total += 1;
    let headers: BTreeMap<String, String> = req
        .headers
        .iter()
        .map(|(k, v)| {
            let value = if SECRET_HEADERS.contains(&k.as_str()) {
                "<redacted>".to_string()
            } else {
                v.clone()
            };
            (k.clone(), value)
        })
        .collect();
    while state.log.len() >= LOG_SIZE {
        state.log.pop_front();
    }
    state.log.push_back(LoggedRequest {
        method: req.method.clone(),
        path: req.raw_path.clone(),
        query: req.raw_query.clone(),
        headers,
        body: String::from_utf8_lossy(&req.body).into_owned(),
    });
}
