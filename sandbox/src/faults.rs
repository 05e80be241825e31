//! Scripted faults: the next N requests to a path get a chosen answer, delay, or broken connection.
//!
//! Faults are queued per raw path (no query, not decoded) and consumed in the order they were
//! posted; a fault with a `method` only matches that method. One trailing slash is ignored on
//! both sides, as the emulated routers ignore it (`/api/v3/tokens` and `/api/v3/tokens/` are one
//! route of the node, so one fault path; see [`fault_path`]). A fault is data ([`Outcome`]): each shell
//! carries it out on its own transport.

use serde::Deserialize;

use crate::answer::Outcome;
use crate::message::Response;
use std::collections::{HashMap, VecDeque};

/// The longest scripted delay, ms (one hour).
pub const MAX_DELAY_MS: u64 = 3_600_000;
/// The largest scripted body (`bodyBytes`), bytes (1 GiB).
pub const MAX_BODY_BYTES: u64 = 1 << 30;

/// One scripted fault, as posted to `/_sandbox/faults`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct Fault {
    /// Raw path (no query, as sent: not decoded) the fault applies to, e.g. `/api/v3/token`;
    /// within a session, the path after the session's prefix. One trailing slash is ignored:
    /// `/api/v3/tokens` also matches a request for `/api/v3/tokens/`, and the other way round.
    pub path: String,
    /// Only this method, if given.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub method: Option<String>,
    /// How many requests it applies to (default 1).
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub count: Option<u32>,
    /// Answer with this status.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub status: Option<u16>,
    /// Answer with this body.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub body: Option<String>,
    /// Content type of `body` (default application/json).
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub content_type: Option<String>,
    /// Wait this long first.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub delay_ms: Option<u64>,
    /// Send this `Retry-After` value.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub retry_after: Option<String>,
    /// Send this `Location` (with a 3xx status: a real redirect, e.g. to another origin).
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub location: Option<String>,
    /// Close the connection without answering.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub drop: bool,
    /// Send half the body, then close.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub truncate: bool,
    /// Send half the body, then hang for 60 s.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub stall: bool,
    /// Send a body of this many bytes.
    #[serde(default)]
    #[cfg_attr(all(feature = "js", target_arch = "wasm32"), tsify(optional))]
    pub body_bytes: Option<u64>,
}

/// The body sent when a fault sets a status but no body.
pub const DEFAULT_BODY: &str =
    r#"{"sandbox":"scripted fault","padding":"................................"}"#;

impl Fault {
    /// Reads a posted fault: an error text naming the field when the JSON is not a fault
    /// (an unknown field, a wrong type, a value out of range).
    pub fn parse(body: &[u8]) -> Result<Fault, String> {
        let fault: Fault = crate::util::read_json(body)?;
        fault.check()?;
        Ok(fault)
    }

    /// The checks serde's types do not make.
    fn check(&self) -> Result<(), String> {
        if !self.path.starts_with('/') {
            return Err("path: must start with /".into());
        }
        if self.path.contains(['?', '#']) {
            return Err("path: the path alone, without a query (faults match the path)".into());
        }
        for (name, value) in [
            ("contentType", &self.content_type),
            ("retryAfter", &self.retry_after),
            ("location", &self.location),
        ] {
            // Sent as a header: a line break would split it, and an HTTP stack refuses (or
            // throws on) a character beyond printable ASCII.
            if let Some(value) = value {
                if !value
                    .bytes()
                    .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
                {
                    return Err(format!(
                        "{name}: must be printable ASCII (a header value; percent-encode the rest)"
                    ));
                }
            }
        }
        if let Some(method) = &self.method {
            if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err("method: must be an HTTP method such as GET".into());
            }
        }
        if self.status.is_some_and(|s| !(200..=599).contains(&s)) {
            return Err("status: must be between 200 and 599".into());
        }
        if self.delay_ms.is_some_and(|d| d > MAX_DELAY_MS) {
            return Err(format!("delayMs: must be at most {MAX_DELAY_MS}"));
        }
        if self.body_bytes.is_some_and(|n| n > MAX_BODY_BYTES) {
            return Err(format!("bodyBytes: must be at most {MAX_BODY_BYTES}"));
        }
        let breaks = [
            self.drop,
            self.truncate,
            self.stall,
            self.body_bytes.is_some(),
        ];
        if breaks.iter().filter(|b| **b).count() > 1 {
            return Err("drop, truncate, stall, bodyBytes: choose one".into());
        }
        Ok(())
    }

    /// Whether the fault only delays and then lets the request through.
    pub fn is_delay_only(&self) -> bool {
        self.status.is_none()
            && self.body.is_none()
            && self.content_type.is_none()
            && self.retry_after.is_none()
            && self.location.is_none()
            && !self.drop
            && !self.truncate
            && !self.stall
            && self.body_bytes.is_none()
    }

    /// What the transport does instead of the normal answer; `None` for a delay-only fault.
    /// (The delay is [`Fault::delay_ms`], carried out by the shell.)
    pub fn outcome(&self) -> Option<Outcome> {
        if self.is_delay_only() {
            return None;
        }
        if self.drop {
            return Some(Outcome::Drop);
        }
        let status = self.status.unwrap_or(200);
        let content_type = self.content_type.as_deref().unwrap_or("application/json");
        let body = match (&self.body, self.body_bytes) {
            (_, Some(_)) => String::new(),
            (Some(body), None) => body.clone(),
            (None, None) => DEFAULT_BODY.to_string(),
        };
        let mut response = Response::new(status, "", body.into_bytes());
        if !response.body.is_empty() || self.body_bytes.is_some_and(|n| n > 0) {
            response = response.with_header("content-type", content_type);
        }
        if let Some(retry_after) = &self.retry_after {
            response = response.with_header("retry-after", retry_after);
        }
        if let Some(location) = &self.location {
            response = response.with_header("location", location);
        }
        Some(if let Some(n) = self.body_bytes {
            Outcome::Huge(response, n)
        } else if self.truncate {
            Outcome::Truncate(response)
        } else if self.stall {
            Outcome::Stall(response)
        } else {
            Outcome::Respond(response)
        })
    }
}

/// The key a path's faults are queued under: the raw path without one trailing slash (the root
/// stays `/`), so that a fault matches what routing takes for the same route.
pub fn fault_path(path: &str) -> &str {
    match path.strip_suffix('/') {
        Some(stripped) if !stripped.is_empty() => stripped,
        _ => path,
    }
}

/// The queue of faults per path.
#[derive(Debug, Default)]
pub struct Faults {
    by_path: HashMap<String, VecDeque<(Fault, u32)>>,
}

impl Faults {
    /// Queues a fault (`count: 0` queues nothing).
    pub fn add(&mut self, fault: Fault) {
        let count = fault.count.unwrap_or(1);
        if count == 0 {
            return;
        }
        self.by_path
            .entry(fault_path(&fault.path).to_string())
            .or_default()
            .push_back((fault, count));
    }

    /// Takes the next fault that applies to this request, if any.
    pub fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let queue = self.by_path.get_mut(fault_path(path))?;
        let index = queue.iter().position(|(f, _)| {
            f.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
        })?;
        let (fault, left) = queue.get_mut(index)?;
        let fault_copy = fault.clone();
        *left -= 1;
        if *left == 0 {
            queue.remove(index);
        }
        Some(fault_copy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(path: &str, method: Option<&str>, count: u32) -> Fault {
        Fault {
            path: path.into(),
            method: method.map(str::to_string),
            count: Some(count),
            status: Some(503),
            ..Fault::default()
        }
    }

    #[test]
    fn faults_are_consumed_in_order_and_by_method() {
        let mut f = Faults::default();
        f.add(fault("/a", Some("POST"), 1));
        f.add(fault("/a", None, 2));
        assert_eq!(f.take("GET", "/a").unwrap().method, None);
        assert_eq!(
            f.take("POST", "/a").unwrap().method.as_deref(),
            Some("POST")
        );
        assert!(f.take("GET", "/a").is_some());
        assert!(f.take("GET", "/a").is_none());
        assert!(f.take("GET", "/b").is_none());
    }

    #[test]
    fn actions() {
        let delay = Fault {
            delay_ms: Some(5),
            ..Fault::default()
        };
        assert!(delay.outcome().is_none());
        let drop = Fault {
            drop: true,
            ..Fault::default()
        };
        assert!(matches!(drop.outcome(), Some(Outcome::Drop)));
        let page = Fault {
            status: Some(502),
            body: Some("<html>".into()),
            content_type: Some("text/html".into()),
            retry_after: Some("2".into()),
            ..Fault::default()
        };
        let Some(Outcome::Respond(r)) = page.outcome() else {
            panic!("not a response")
        };
        assert_eq!(r.status, 502);
        assert_eq!(r.body, b"<html>");
        assert!(r
            .headers
            .contains(&("content-type".into(), "text/html".into())));
        assert!(r.headers.contains(&("retry-after".into(), "2".into())));
        let redirect = Fault {
            status: Some(307),
            body: Some(String::new()),
            location: Some("http://127.0.0.1:9/x".into()),
            ..Fault::default()
        };
        let Some(Outcome::Respond(r)) = redirect.outcome() else {
            panic!("not a response")
        };
        assert_eq!(r.status, 307);
        assert!(r
            .headers
            .contains(&("location".into(), "http://127.0.0.1:9/x".into())));
        let empty = Fault {
            status: Some(503),
            body: Some(String::new()),
            ..Fault::default()
        };
        let Some(Outcome::Respond(r)) = empty.outcome() else {
            panic!("not a response")
        };
        assert!(r.headers.is_empty());
        let huge = Fault {
            body_bytes: Some(10),
            ..Fault::default()
        };
        assert!(matches!(huge.outcome(), Some(Outcome::Huge(_, 10))));
    }

    #[test]
    fn a_trailing_slash_is_ignored_as_routing_ignores_it() {
        let mut f = Faults::default();
        f.add(fault("/api/v3/tokens", Some("POST"), 1));
        f.add(fault("/api/v3/token/", None, 1));
        f.add(fault("/", None, 1));
        assert!(f.take("POST", "/api/v3/tokens/").is_some());
        assert!(f.take("GET", "/api/v3/token").is_some());
        // One slash only, and the root stays the root.
        f.add(fault("/x", None, 1));
        assert!(f.take("GET", "/x//").is_none());
        assert!(f.take("GET", "").is_none());
        assert!(f.take("GET", "/").is_some());
    }

    #[test]
    fn a_fault_that_could_not_be_sent_or_never_match_is_refused() {
        let err = |json: &str| Fault::parse(json.as_bytes()).unwrap_err();
        for field in ["retryAfter", "contentType", "location"] {
            for bad in ["1\\r\\nx-injected: 1", "\\u20ac", "caf\\u00e9"] {
                let e = err(&format!(
                    r#"{{"path":"/a","status":503,"{field}":"{bad}"}}"#
                ));
                assert!(
                    e.starts_with(&format!("{field}: must be printable ASCII")),
                    "{e}"
                );
            }
        }
        assert!(err(r#"{"path":"/api/v3/token?x=1","status":500}"#).starts_with("path: "));
        assert!(Fault::parse(br#"{"path":"/a","status":302,"location":"http://h/x?y=1"}"#).is_ok());
    }

    #[test]
    fn zero_count_queues_nothing() {
        let mut f = Faults::default();
        f.add(fault("/a", None, 0));
        assert!(f.take("GET", "/a").is_none());
    }
}
