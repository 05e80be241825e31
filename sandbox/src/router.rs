//! Sends each request to its handler: CORS preflight, control API, scripted faults, then the
//! provider emulators by path prefix, then static files.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::faults::Fault;
use crate::http::{Action, Request, Response};
use crate::state::{lock, LoggedRequest, Shared, LOG_SIZE};
use crate::util::empty;
use crate::Config;

/// Headers whose values are credentials and are never logged.
const SECRET_HEADERS: &[&str] = &["authorization", "x-auth-token", "cookie"];

/// Routes one request.
pub fn route(req: &Request, shared: &Shared, config: &Config) -> Action {
    if req.method == "OPTIONS" {
        return Action::Respond(
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
                .with_header("access-control-allow-private-network", "true"),
        );
    }
    if req.raw_path.starts_with("/_sandbox/") {
        return crate::control::handle(req, shared);
    }
    let is_api = is_api_path(&req.raw_path);
    let fault = {
        let mut state = lock(shared);
        if is_api {
            record(&mut state, req);
        }
        state.faults.take(&req.method, &req.raw_path)
    };
    if let Some(fault) = fault {
        if let Some(ms) = fault.delay_ms {
            std::thread::sleep(Duration::from_millis(ms));
        }
        if !fault.is_delay_only() {
            return fault_action(&fault);
        }
    }
    if req.raw_path.starts_with("/api/v3/") {
        return Action::Respond(crate::hopr::handle(req, shared));
    }
    crate::static_files::handle(req, config)
}

/// Whether the path belongs to one of the emulated APIs (counted and logged).
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/auth/") || path.starts_with("/oauth/")
}

fn record(state: &mut crate::state::State, req: &Request) {
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
    if state.log.len() >= LOG_SIZE {
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

fn fault_action(fault: &Fault) -> Action {
    if fault.drop {
        return Action::Drop;
    }
    let status = fault.status.unwrap_or(200);
    if let Some(n) = fault.body_bytes {
        return Action::Huge(status, n);
    }
    let body = fault.body.clone().unwrap_or_else(|| {
        r#"{"sandbox":"scripted fault","padding":"................................"}"#.to_string()
    });
    let content_type = fault.content_type.as_deref().unwrap_or("application/json");
    let mut response = Response::new(
        status,
        if body.is_empty() { "" } else { content_type },
        body.into_bytes(),
    );
    if let Some(ra) = &fault.retry_after {
        response = response.with_header("retry-after", ra);
    }
    if fault.truncate {
        Action::Truncate(response)
    } else if fault.stall {
        Action::Stall(response)
    } else {
        Action::Respond(response)
    }
}
