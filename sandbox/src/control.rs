//! The control API of one world, `/_sandbox/...`: reset, faults, the clock, stats, the request
//! log and the demo credentials, for tests and benchmarks. (Sessions are the emulator's:
//! `emulator.rs`.) A bad call gets a 400 whose `error` names the field, and changes nothing.

use serde_json::{json, Value};

use crate::emulator::{holds_token, secrets};
use crate::faults::Fault;
use crate::log::REDACTED;
use crate::message::{Request, Response};
use crate::state::{Services, State};
use crate::util::{empty, json, method_not_allowed, read_json};

/// The control paths of one world, for telling "wrong method" (405) from "no such path" (404).
/// Each with the methods it takes (a 405's `Allow`).
const PATHS: &[(&str, &str)] = &[
    ("/_sandbox/reset", "POST"),
    ("/_sandbox/faults", "POST"),
    ("/_sandbox/clock", "GET, POST"),
    ("/_sandbox/stats", "GET"),
    ("/_sandbox/requests", "GET, DELETE"),
    ("/_sandbox/credentials", "GET"),
];

/// Whether the path is a control endpoint (never counted, logged or faulted).
pub fn is_control_path(path: &str) -> bool {
    path == "/_sandbox" || path.starts_with("/_sandbox/")
}

/// A 400 naming what was wrong.
pub fn bad_request(error: &str) -> Response {
    json(400, &json!({ "error": error }))
}

/// A 400 for a control call whose `body` could not be read, its `error` without the secrets
/// it may quote: serde's messages quote what they could not read (`invalid type: string
/// "..."`, `unknown field `...``), so each string of the body (a key or a value) that holds a
/// demo credential or is a token `services` hold is replaced by `<redacted>` in it.
pub fn bad_body(error: &str, body: &[u8], services: &Services) -> Response {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        // A body that is no JSON: the message names a position, not a text.
        return bad_request(error);
    };
    let mut strings = Vec::new();
    collect_strings(&value, &mut strings);
    let secret = |s: &str| secrets().any(|c| s.contains(c)) || holds_token(services, s);
    let mut error = error.to_string();
    for s in strings.into_iter().filter(|s| !s.is_empty() && secret(s)) {
        error = error.replace(s, REDACTED);
    }
    bad_request(&error)
}

/// Every string of a JSON value, keys included.
fn collect_strings<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k);
                collect_strings(v, out);
            }
        }
        _ => {}
    }
}

/// The body of `POST /_sandbox/clock`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Advance {
    advance_ms: u64,
}

/// Handles a control request of `state` at the shell's time `shell_now_ms`.
pub fn handle(state: &mut State, req: &Request, shell_now_ms: u64) -> Response {
    match (req.method.as_str(), req.raw_path.as_str()) {
        ("POST", "/_sandbox/reset") => {
            state.reset(shell_now_ms);
            empty(204)
        }
        ("POST", "/_sandbox/faults") => match Fault::parse(&req.body) {
            Ok(fault) => {
                state.faults.add(fault);
                empty(204)
            }
            Err(e) => bad_body(&e, &req.body, &state.services),
        },
        ("GET", "/_sandbox/clock") => json(200, &json!({ "now": state.clock.now(shell_now_ms) })),
        ("POST", "/_sandbox/clock") => {
            match read_json::<Advance>(&req.body).and_then(|a| state.clock.advance(a.advance_ms)) {
                Ok(()) => empty(204),
                Err(e) => bad_body(&e, &req.body, &state.services),
            }
        }
        ("GET", "/_sandbox/stats") => json(
            200,
            &json!({ "requests": state.stats, "total": state.total }),
        ),
        ("GET", "/_sandbox/requests") => json(
            200,
            &Value::Array(state.log.entries().map(|e| json!(e)).collect()),
        ),
        ("DELETE", "/_sandbox/requests") => {
            state.log.clear();
            empty(204)
        }
        ("GET", "/_sandbox/credentials") => json(200, &json!(crate::emulator::credentials())),
        (_, path) => match PATHS.iter().find(|(known, _)| *known == path) {
            Some((_, allow)) => method_not_allowed(allow),
            None => empty(404),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Options;

    fn call(state: &mut State, method: &str, path: &str, body: &str) -> Response {
        let mut req = Request::new(method, path);
        req.body = body.as_bytes().to_vec();
        handle(state, &req, 1_000_000)
    }

    fn error(r: &Response) -> String {
        assert_eq!(r.status, 400);
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        v["error"].as_str().unwrap().to_string()
    }

    #[test]
    fn the_clock_moves_forward_and_bad_calls_name_the_field() {
        let mut s = State::new(&Options::default(), 1_000_000, fastrand::Rng::with_seed(1));
        let now = |s: &mut State| {
            let r = call(s, "GET", "/_sandbox/clock", "");
            serde_json::from_slice::<Value>(&r.body).unwrap()["now"]
                .as_u64()
                .unwrap()
        };
        assert_eq!(now(&mut s), 1_000_000);
        assert_eq!(
            call(&mut s, "POST", "/_sandbox/clock", r#"{"advanceMs":5000}"#).status,
            204
        );
        assert_eq!(now(&mut s), 1_005_000);
        for bad in [
            r#"{"advanceMs":-1}"#,
            r#"{"advanceMs":1.5}"#,
            r#"{"advanceMs":null}"#,
            r#"{"advanceMs":"5"}"#,
        ] {
            let e = error(&call(&mut s, "POST", "/_sandbox/clock", bad));
            assert!(e.starts_with("advanceMs: "), "{bad}: {e}");
        }
        assert!(error(&call(
            &mut s,
            "POST",
            "/_sandbox/clock",
            r#"{"advanceMs":1,"x":2}"#
        ))
        .contains("`x`"));
        assert!(error(&call(&mut s, "POST", "/_sandbox/clock", "{}")).contains("advanceMs"));
        assert!(error(&call(
            &mut s,
            "POST",
            "/_sandbox/clock",
            r#"{"advanceMs":1} x"#
        ))
        .contains("trailing"));
        assert_eq!(now(&mut s), 1_005_000, "a bad call moved the clock");
        assert_eq!(call(&mut s, "POST", "/_sandbox/reset", "").status, 204);
        assert_eq!(
            now(&mut s),
            1_000_000,
            "reset puts the clock back to the shell's time"
        );
    }

    #[test]
    fn bad_faults_name_the_field_and_queue_nothing() {
        let mut s = State::new(&Options::default(), 0, fastrand::Rng::with_seed(1));
        for (body, field) in [
            (r#"{"path":5}"#, "path: "),
            (r#"{"path":"/a","bogus":1}"#, "`bogus`"),
            (r#"{"path":"a"}"#, "path: "),
            (r#"{"path":"/a","status":99}"#, "status: "),
            (r#"{"path":"/a","status":70000}"#, "status: "),
            (r#"{"path":"/a","delayMs":-5}"#, "delayMs: "),
            (r#"{"path":"/a","method":"G T"}"#, "method: "),
            (r#"{"path":"/a","drop":true,"stall":true}"#, "choose one"),
            (r#"{"status":500}"#, "path"),
        ] {
            let e = error(&call(&mut s, "POST", "/_sandbox/faults", body));
            assert!(e.contains(field), "{body}: {e}");
        }
        assert!(s.faults.take("GET", "/a").is_none());
    }

    #[test]
    fn a_bad_call_does_not_quote_a_credential_or_a_held_token() {
        let mut s = State::new(&Options::default(), 0, fastrand::Rng::with_seed(1));
        let held = s.services.hopr.tokens[0].value.clone();
        for (path, body) in [
            (
                "/_sandbox/faults",
                r#"{"path":"/x","count":"hopr-admin-token"}"#.to_string(),
            ),
            (
                "/_sandbox/faults",
                format!(r#"{{"path":"/x","method":"{held}!"}}"#),
            ),
            ("/_sandbox/faults", format!(r#"{{"path":"/x","{held}":1}}"#)),
            (
                "/_sandbox/clock",
                r#"{"advanceMs":"admin-secret"}"#.to_string(),
            ),
        ] {
            let e = error(&call(&mut s, "POST", path, &body));
            assert!(
                !e.contains("hopr-admin-token")
                    && !e.contains("admin-secret")
                    && !e.contains(&held),
                "{body}: {e}"
            );
        }
        let e = error(&call(
            &mut s,
            "POST",
            "/_sandbox/clock",
            r#"{"advanceMs":"soon"}"#,
        ));
        assert!(e.contains("\"soon\""), "{e}");
    }

    #[test]
    fn a_body_must_be_an_object_not_an_array() {
        let mut s = State::new(&Options::default(), 0, fastrand::Rng::with_seed(1));
        for (path, body) in [
            ("/_sandbox/clock", "[5]"),
            ("/_sandbox/faults", " []"),
            ("/_sandbox/faults", r#"["/a", null, 2]"#),
        ] {
            assert!(error(&call(&mut s, "POST", path, body)).contains("JSON object"));
        }
        assert_eq!(s.clock.now(0), 0, "an array moved the clock");
        assert!(s.faults.take("GET", "/a").is_none());
    }

    #[test]
    fn methods_and_paths() {
        let mut s = State::new(&Options::default(), 0, fastrand::Rng::with_seed(1));
        assert_eq!(call(&mut s, "GET", "/_sandbox/reset", "").status, 405);
        assert_eq!(call(&mut s, "GET", "/_sandbox/nope", "").status, 404);
        let r = call(&mut s, "GET", "/_sandbox/credentials", "");
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["hopr"]["demo"]["apiToken"], "hopr-demo-token");
    }
}
