//! Scripted faults: the next N requests to a path get a chosen answer, delay, or broken connection.
//!
//! Faults are queued per exact raw path (no query) and consumed in the order they were posted;
//! a fault with a `method` only matches that method.

use serde::Deserialize;

use crate::http::{Action, Response};
use std::collections::{HashMap, VecDeque};

/// One scripted fault, as posted to `/_sandbox/faults`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    /// Exact raw path (no query) the fault applies to.
    pub path: String,
    /// Only this method, if given.
    #[serde(default)]
    pub method: Option<String>,
    /// How many requests it applies to (default 1).
    #[serde(default)]
    pub count: Option<u32>,
    /// Answer with this status.
    #[serde(default)]
    pub status: Option<u16>,
    /// Answer with this body.
    #[serde(default)]
    pub body: Option<String>,
    /// Content type of `body` (default application/json).
    #[serde(default)]
    pub content_type: Option<String>,
    /// Wait this long first.
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Send this `Retry-After` value.
    #[serde(default)]
    pub retry_after: Option<String>,
    /// Send this `Location` (with a 3xx status: a real redirect, e.g. to another origin).
    #[serde(default)]
    pub location: Option<String>,
    /// Close the connection without answering.
    #[serde(default)]
    pub drop: bool,
    /// Send half the body, then close.
    #[serde(default)]
    pub truncate: bool,
    /// Send half the body, then hang for 60 s.
    #[serde(default)]
    pub stall: bool,
    /// Send a body of this many bytes.
    #[serde(default)]
    pub body_bytes: Option<u64>,
}

/// The body sent when a fault sets a status but no body.
pub const DEFAULT_BODY: &str =
    r#"{"sandbox":"scripted fault","padding":"................................"}"#;

impl Fault {
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

    /// What the connection does instead of the normal answer; `None` for a delay-only fault.
    /// (The delay itself is the caller's job.)
    pub fn action(&self) -> Option<Action> {
        if self.is_delay_only() {
            return None;
        }
        if self.drop {
            return Some(Action::Drop);
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
            Action::Huge(response, n)
        } else if self.truncate {
            Action::Truncate(response)
        } else if self.stall {
            Action::Stall(response)
        } else {
            Action::Respond(response)
        })
    }
}

/// The queue of faults per path.
#[derive(Default)]
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
            .entry(fault.path.clone())
            .or_default()
            .push_back((fault, count));
    }

    /// Takes the next fault that applies to this request, if any.
    pub fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let queue = self.by_path.get_mut(path)?;
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
        assert!(delay.action().is_none());
        let drop = Fault {
            drop: true,
            ..Fault::default()
        };
        assert!(matches!(drop.action(), Some(Action::Drop)));
        let page = Fault {
            status: Some(502),
            body: Some("<html>".into()),
            content_type: Some("text/html".into()),
            retry_after: Some("2".into()),
            ..Fault::default()
        };
        let Some(Action::Respond(r)) = page.action() else {
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
        let Some(Action::Respond(r)) = redirect.action() else {
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
        let Some(Action::Respond(r)) = empty.action() else {
            panic!("not a response")
        };
        assert!(r.headers.is_empty());
        let huge = Fault {
            body_bytes: Some(10),
            ..Fault::default()
        };
        assert!(matches!(huge.action(), Some(Action::Huge(_, 10))));
    }

    #[test]
    fn zero_count_queues_nothing() {
        let mut f = Faults::default();
        f.add(fault("/a", None, 0));
        assert!(f.take("GET", "/a").is_none());
    }
}
