//! Scripted faults: status/body/Retry-After, drop, truncate, stall, delay, huge bodies, ordering.

mod common;

use common::*;
use std::io::Read;
use std::time::{Duration, Instant};

const DEMO: &str = "hopr-demo-token";

#[test]
fn status_body_and_retry_after_then_normal_again() {
    let s = start();
    s.fault(
        r#"{"path":"/api/v3/token","status":502,"body":"<html>Bad gateway</html>","contentType":"text/html","retryAfter":"2"}"#,
    );
    // Faults apply before auth, and match the path without its query.
    let r = s.req("GET", "/api/v3/token?x=1", &[], "");
    assert_eq!(r.status, 502);
    assert_eq!(r.text(), "<html>Bad gateway</html>");
    assert_eq!(r.header("content-type"), Some("text/html"));
    assert_eq!(r.header("retry-after"), Some("2"));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(s.get_token(DEMO).status, 200);

    // An HTTP date is sent verbatim; an empty body has no content type.
    s.fault(r#"{"path":"/api/v3/token","status":429,"body":"","retryAfter":"Wed, 21 Oct 2037 07:28:00 GMT"}"#);
    let r = s.get_token(DEMO);
    assert_eq!(r.status, 429);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-type"), None);
    assert_eq!(
        r.header("retry-after"),
        Some("Wed, 21 Oct 2037 07:28:00 GMT")
    );
}

#[test]
fn counts_methods_and_order() {
    let s = start();
    s.fault(r#"{"path":"/api/v3/token","count":2,"status":503,"body":""}"#);
    s.fault(r#"{"path":"/api/v3/token","status":500}"#);
    s.fault(r#"{"path":"/api/v3/tokens/demo","method":"POST","status":418}"#);
    let statuses: Vec<u16> = (0..4).map(|_| s.get_token(DEMO).status).collect();
    assert_eq!(statuses, [503, 503, 500, 200]);
    // The POST-only fault does not touch a DELETE.
    assert_eq!(
        s.delete("hopr-readonly-token", "hopr-demo-token").status,
        403
    );
    assert_eq!(s.req("POST", "/api/v3/tokens/demo", &[], "").status, 418);
    // Default body when only a status is given.
    s.fault(r#"{"path":"/api/v3/token","status":500}"#);
    assert!(s.get_token(DEMO).json().is_object());
    // Reset clears pending faults.
    s.fault(r#"{"path":"/api/v3/token","status":500}"#);
    assert_eq!(s.req("POST", "/_sandbox/reset", &[], "").status, 204);
    assert_eq!(s.get_token(DEMO).status, 200);
}

#[test]
fn bad_fault_scripts_are_refused() {
    let s = start();
    for body in [
        "",
        "{}",
        r#"{"path":1}"#,
        r#"{"path":"/x","status":"500"}"#,
        r#"{"path":"/x","nope":1}"#,
    ] {
        let r = s.req("POST", "/_sandbox/faults", &[], body);
        assert_eq!(r.status, 400, "{body}");
        assert!(r.json()["error"].is_string());
    }
}

#[test]
fn drop_closes_without_answer() {
    let s = start();
    s.fault(r#"{"path":"/api/v3/token","drop":true}"#);
    let mut c = s.conn();
    c.write("GET", "/api/v3/token", &[("x-auth-token", DEMO)], b"");
    assert!(c.read_to_end().is_empty());
    assert_eq!(s.get_token(DEMO).status, 200);
}

#[test]
fn truncate_sends_less_than_announced() {
    let s = start();
    s.fault(r#"{"path":"/api/v3/token","truncate":true,"status":200,"body":"{\"id\":\"demo\",\"capabilities\":[]}"}"#);
    let mut c = s.conn();
    c.write("GET", "/api/v3/token", &[], b"");
    let (status, headers) = c.read_head().unwrap();
    assert_eq!(status, 200);
    let announced: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .unwrap()
        .1
        .parse()
        .unwrap();
    let got = c.read_to_end();
    assert!(
        !got.is_empty() && got.len() < announced,
        "{} of {announced}",
        got.len()
    );
    // To a HEAD request, whose answer has no body, the head alone, then the close.
    s.fault(r#"{"path":"/api/v3/token","truncate":true,"status":200}"#);
    let mut c = s.conn();
    c.write("HEAD", "/api/v3/token", &[], b"");
    assert_eq!(c.read_head().unwrap().0, 200);
    assert!(c.read_to_end().is_empty());
}

#[test]
fn stall_sends_half_then_nothing() {
    let s = start();
    s.fault(r#"{"path":"/api/v3/token","stall":true,"status":200,"body":"0123456789"}"#);
    let mut c = s.conn();
    c.write("GET", "/api/v3/token", &[], b"");
    let (status, _) = c.read_head().unwrap();
    assert_eq!(status, 200);
    let mut half = [0u8; 5];
    c.reader.read_exact(&mut half).unwrap();
    assert_eq!(&half, b"01234");
    c.stream
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let mut more = [0u8; 1];
    let err = c.reader.read(&mut more).unwrap_err();
    assert!(matches!(
        err.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    ));
}

#[test]
fn delay_then_normal_answer() {
    let s = start();
    s.fault(r#"{"path":"/api/v3/token","delayMs":300}"#);
    let started = Instant::now();
    let r = s.get_token(DEMO);
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["id"], "hopr-demo-token");
    // Delay combined with a status.
    s.fault(r#"{"path":"/api/v3/token","delayMs":200,"status":504,"body":""}"#);
    let started = Instant::now();
    assert_eq!(s.get_token(DEMO).status, 504);
    assert!(started.elapsed() >= Duration::from_millis(200));
}

#[test]
fn huge_bodies_are_streamed() {
    let s = start();
    let n = 5 * 1024 * 1024 + 7;
    s.fault(&format!(
        r#"{{"path":"/api/v3/token","bodyBytes":{n},"status":200}}"#
    ));
    let mut c = s.conn();
    let r = c.send("GET", "/api/v3/token", &[], b"").unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.body.len(), n);
    assert!(r.body.iter().all(|b| *b == b'x'));
}

#[test]
fn faults_do_not_touch_preflight_or_control() {
    let s = start();
    s.fault(r#"{"path":"/api/v3/token","drop":true}"#);
    assert_eq!(s.req("OPTIONS", "/api/v3/token", &[], "").status, 204);
    s.fault(r#"{"path":"/_sandbox/stats","status":500}"#);
    assert_eq!(s.req("GET", "/_sandbox/stats", &[], "").status, 200);
    let mut c = s.conn();
    c.write("GET", "/api/v3/token", &[], b"");
    assert!(c.read_to_end().is_empty());
}

#[test]
fn a_fault_fires_whether_or_not_the_client_adds_a_trailing_slash() {
    let s = start();
    s.fault(r#"{"path":"/api/v3/tokens","method":"POST","status":503}"#);
    // The client's own helper posts to /api/v3/tokens/, which the node routes the same.
    assert_eq!(s.create(DEMO, "{}").status, 503);
    s.fault(r#"{"path":"/api/v3/token/","status":502}"#);
    assert_eq!(s.get_token(DEMO).status, 502);
}
