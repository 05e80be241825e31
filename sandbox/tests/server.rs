//! The HTTP layer and control API: CORS, keep-alive, stats, request log, static files, malformed
//! requests, many connections, and the binary's startup output.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use tokenops_sandbox::{Config, ServerHandle};

const DEMO: &str = "hopr-demo-token";

#[test]
fn cors_preflight_and_headers_everywhere() {
    let s = start();
    let r = s.req(
        "OPTIONS",
        "/api/v3/tokens/abc",
        &[
            ("origin", "http://example.com"),
            ("access-control-request-method", "DELETE"),
            ("access-control-request-headers", "x-auth-token"),
        ],
        "",
    );
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("GET, POST, PUT, PATCH, DELETE, OPTIONS")
    );
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("authorization, x-auth-token, content-type, accept")
    );
    assert_eq!(r.header("access-control-max-age"), Some("600"));
    for r in [
        s.get_token(DEMO),
        s.get_token("nope"),
        s.get_token("hopr-admin-token"),
        s.req("GET", "/missing.js", &[], ""),
        s.req("GET", "/_sandbox/stats", &[], ""),
    ] {
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some("*"),
            "{}",
            r.status
        );
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some("Retry-After, Content-Length")
        );
    }
}

#[test]
fn keep_alive_and_connection_close() {
    let s = start();
    let mut c = s.conn();
    let a = c
        .send("GET", "/api/v3/token", &[("x-auth-token", DEMO)], b"")
        .unwrap();
    let b = c
        .send(
            "DELETE",
            "/api/v3/tokens/nope",
            &[("x-auth-token", DEMO)],
            b"",
        )
        .unwrap();
    let d = c
        .send("GET", "/api/v3/token", &[("x-auth-token", "bad")], b"")
        .unwrap();
    assert_eq!((a.status, b.status, d.status), (200, 404, 401));
    assert_eq!(a.header("connection"), Some("keep-alive"));
    // Pipelined: two requests written before reading.
    c.write("GET", "/api/v3/token", &[("x-auth-token", DEMO)], b"");
    c.write("GET", "/", &[], b"");
    assert_eq!(c.read(false).unwrap().status, 200);
    assert_eq!(
        c.read(false).unwrap().text(),
        "<!doctype html><title>console</title>"
    );
    // Connection: close is honoured.
    let r = c
        .send(
            "GET",
            "/api/v3/token",
            &[("connection", "close"), ("x-auth-token", DEMO)],
            b"",
        )
        .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("connection"), Some("close"));
    assert!(c.read_to_end().is_empty());
    // HTTP/1.0 closes by default.
    let mut c = s.conn();
    c.write_raw(b"GET /api/v3/token HTTP/1.0\r\nx-auth-token: hopr-demo-token\r\n\r\n");
    assert_eq!(c.read(false).unwrap().status, 200);
    assert!(c.read_to_end().is_empty());
}

#[test]
fn stats_and_request_log() {
    let s = start();
    s.get_token(DEMO);
    s.get_token(DEMO);
    s.req(
        "POST",
        "/api/v3/tokens/?a=1&b=x%20y",
        &[
            ("authorization", &basic(DEMO, "pw")),
            ("content-type", "application/json"),
        ],
        r#"{"capabilities":[]}"#,
    );
    s.delete(DEMO, "a%2Fb%20%C3%A9");
    s.req("OPTIONS", "/api/v3/token", &[], "");
    s.req("GET", "/app.js", &[], "");
    let stats = s.control_json("/_sandbox/stats");
    assert_eq!(
        stats,
        serde_json::json!({
            "requests": {
                "GET /api/v3/token": 2,
                "POST /api/v3/tokens/": 1,
                "DELETE /api/v3/tokens/a%2Fb%20%C3%A9": 1,
                "GET /app.js": 1
            },
            "total": 5
        })
    );
    let log = s.control_json("/_sandbox/requests");
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 5);
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["headers"]["x-auth-token"], "<redacted>");
    assert_eq!(log[0]["headers"]["host"], "sandbox");
    assert_eq!(log[2]["path"], "/api/v3/tokens/");
    assert_eq!(log[2]["query"], "a=1&b=x%20y");
    assert_eq!(log[2]["body"], r#"{"capabilities":[]}"#);
    assert_eq!(log[2]["headers"]["authorization"], "<redacted>");
    assert_eq!(log[2]["headers"]["content-type"], "application/json");
    assert_eq!(log[3]["path"], "/api/v3/tokens/a%2Fb%20%C3%A9");
    assert_eq!(log[3]["query"], "");
    assert!(!serde_json::to_string(log).unwrap().contains(DEMO));
    // DELETE clears the log, not the stats; reset clears both.
    assert_eq!(s.req("DELETE", "/_sandbox/requests", &[], "").status, 204);
    assert_eq!(s.control_json("/_sandbox/requests"), serde_json::json!([]));
    assert_eq!(s.control_json("/_sandbox/stats")["total"], 5);
    assert_eq!(s.req("POST", "/_sandbox/reset", &[], "").status, 204);
    assert_eq!(
        s.control_json("/_sandbox/stats"),
        serde_json::json!({"requests": {}, "total": 0})
    );
    assert_eq!(s.req("GET", "/_sandbox/nope", &[], "").status, 404);
}

#[test]
fn issued_tokens_stay_out_of_the_log_and_the_stats() {
    let s = start();
    let hopr = s.create(DEMO, r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#);
    let hopr = hopr.json()["token"].as_str().unwrap().to_string();
    let basic = basic("sandbox-key", "sandbox-secret");
    let v2 = |method: &str, path: &str, content_type: &str, body: &str| {
        let headers = [
            ("authorization", basic.as_str()),
            ("content-type", content_type),
        ];
        s.req(method, &format!("/api/auth/token/{path}"), &headers, body)
    };
    let json = "application/json";
    let created = v2(
        "POST",
        "create",
        json,
        r#"{"grantType":"PASSWORD","clientId":1001,"subject":"carol","accessToken":"my-own-access-token"}"#,
    );
    assert_eq!(created.json()["action"], "OK", "{}", created.text());
    let form = "application/x-www-form-urlencoded";
    v2(
        "POST",
        "update",
        form,
        "accessToken=my-own-access-token&scopes=openid",
    );
    assert_eq!(s.delete(DEMO, &hopr).status, 204);
    assert_eq!(
        v2("DELETE", "delete/my-own-access-token", json, "").status,
        204
    );
    // Deleted already, sent once more: still left out.
    assert_eq!(s.delete(DEMO, &hopr).status, 404);
    assert_eq!(
        v2("DELETE", "delete/my-own-access-token", json, "").status,
        404
    );
    let log = s.control_json("/_sandbox/requests").to_string();
    let stats = s.control_json("/_sandbox/stats").to_string();
    for token in [hopr.as_str(), "my-own-access-token"] {
        assert!(
            !log.contains(token) && !stats.contains(token),
            "{token}: {log} {stats}"
        );
    }
    assert!(log.contains("/api/v3/tokens/<redacted>"), "{log}");
    assert!(
        stats.contains("DELETE /api/auth/token/delete/<redacted>"),
        "{stats}"
    );
}

#[test]
fn secrets_stay_out_of_the_log_wherever_a_request_puts_them() {
    let s = start();
    let hopr = s.create(DEMO, r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#);
    let hopr = hopr.json()["token"].as_str().unwrap().to_string();
    let basic = basic("sandbox-key", "sandbox-secret");
    let created = s.req(
        "POST",
        "/api/auth/token/create",
        &[
            ("authorization", basic.as_str()),
            ("content-type", "application/json"),
        ],
        r#"{"grantType":"PASSWORD","clientId":1001,"subject":"rt"}"#,
    );
    let refresh = created.json()["refreshToken"].as_str().unwrap().to_string();
    let access = created.json()["accessToken"].as_str().unwrap().to_string();
    let v2 = |path: &str, content_type: &str, body: &str| {
        let headers = [
            ("authorization", basic.as_str()),
            ("content-type", content_type),
        ];
        s.req("POST", &format!("/api/auth/token/{path}"), &headers, body)
    };
    let form = "application/x-www-form-urlencoded";
    // A refresh token's value, and a body the sandbox cannot read (broken JSON, JSON as a form).
    v2("revoke", form, &format!("refreshTokenIdentifier={refresh}"));
    v2(
        "update",
        "application/json",
        &format!(r#"{{"accessToken":"{access}""#),
    );
    v2("update", form, &format!(r#"{{"accessToken":"{access}"}}"#));
    // Another service's token in an OAuth grant, a secret in a query string.
    s.req(
        "POST",
        "/oauth/token",
        &[("content-type", form)],
        "grant_type=facebook&client_id=web&token=FB-SECRET-1",
    );
    s.req("POST", "/oauth/token?grant_type=client_credentials&client_id=admin-client&client_secret=admin-secret", &[], "");
    // A held token or a configured credential in a path that is no delete.
    s.req("PUT", &format!("/api/v3/tokens/{hopr}"), &[], "");
    s.req("DELETE", &format!("/api/v3/tokens/{hopr}/extra"), &[], "");
    s.req("DELETE", "/api/auth/token/delete/sandbox-secret", &[], "");
    let log = s.control_json("/_sandbox/requests").to_string();
    let stats = s.control_json("/_sandbox/stats").to_string();
    for secret in [
        hopr.as_str(),
        &refresh,
        &access,
        "FB-SECRET-1",
        "admin-secret",
        "sandbox-secret",
    ] {
        assert!(
            !log.contains(secret) && !stats.contains(secret),
            "{secret}: {log} {stats}"
        );
    }
    assert!(log.contains("could not read"), "{log}");
}

#[test]
fn encoded_credentials_and_held_tokens_in_headers_stay_out_of_the_log() {
    let s = start();
    let hopr = s.create(DEMO, r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#);
    let hopr = hopr.json()["token"].as_str().unwrap().to_string();
    let json = [("content-type", "application/json")];
    let form = [("content-type", "application/x-www-form-urlencoded")];
    s.req("GET", "/api/v3/token?subject=sandbox%2Dsecret", &[], "");
    let escaped = r#"{"description":"hopr\u002dadmin\u002dtoken"}"#;
    s.req("POST", "/api/v3/tokens", &json, escaped);
    s.req("POST", "/oauth/token", &form, "note=admin%2Dsecret");
    s.req(
        "GET",
        "/api/v3/token",
        &[("x-api-key", "sandbox-service-token")],
        "",
    );
    s.req(
        "GET",
        "/api/v3/token",
        &[("x-hopr-token", hopr.as_str())],
        "",
    );
    let log = s.control_json("/_sandbox/requests");
    let log = log.as_array().unwrap();
    assert_eq!(log[1]["query"], "subject=<redacted>");
    assert_eq!(log[2]["body"], r#"{"description":"<redacted>"}"#);
    assert_eq!(log[3]["body"], "note=<redacted>");
    assert_eq!(log[4]["headers"]["x-api-key"], "<redacted>");
    assert_eq!(log[5]["headers"]["x-hopr-token"], "<redacted>");
    assert!(!log[5].to_string().contains(&hopr));
}

#[test]
fn http_details_a_client_may_rely_on() {
    let s = start();
    // A 405 names the methods the path takes (RFC 9110).
    for (method, path, allow) in [
        ("GET", "/api/v3/tokens", "POST"),
        ("POST", "/api/v3/token", "GET"),
        ("GET", "/api/v3/tokens/x", "DELETE"),
        ("POST", "/api/auth/token/get/list", "GET"),
        ("GET", "/api/auth/token/delete/x", "DELETE"),
        ("GET", "/_sandbox/reset", "POST"),
        ("PUT", "/_sandbox/sessions", "GET, POST"),
    ] {
        let basic = basic("sandbox-key", "sandbox-secret");
        let r = s.req(method, path, &[("authorization", basic.as_str())], "");
        assert_eq!(
            (r.status, r.header("allow")),
            (405, Some(allow)),
            "{method} {path}"
        );
    }
    // Knetik's 401 says how to authenticate (RFC 6750); its page is an int32.
    let r = s.req("GET", "/auth/tokens", &[], "");
    assert_eq!(r.status, 401);
    assert!(r
        .header("www-authenticate")
        .is_some_and(|h| h.starts_with("Bearer ")));
    let bearer = s.knetik_admin_bearer();
    let far = s.req(
        "GET",
        "/auth/tokens?page=2147483648",
        &[("authorization", bearer.as_str())],
        "",
    );
    assert_eq!(far.status, 400, "{}", far.text());
    // A session's URL is made from a Host header only when it is a host.
    let mut c = s.conn();
    c.write_raw(b"POST /_sandbox/sessions HTTP/1.1\r\nhost: a/b?c\r\ncontent-length: 0\r\n\r\n");
    let made = c.read(false).unwrap();
    assert!(
        !made.json()["url"].as_str().unwrap().contains("a/b?c"),
        "{}",
        made.text()
    );
    let refused = s.req("POST", "/_sandbox/sessions", &[], "null");
    assert_eq!(refused.status, 400);
    assert!(!refused.text().contains("Wire"), "{}", refused.text());
}

/// Asserts that each `(method, path, allow)` answers 405 with that `Allow` (RFC 9110, 15.5.6).
fn assert_allow(s: &Server, auth: &[(&str, &str)], cases: &[(&str, &str, &str)]) {
    for (method, path, allow) in cases {
        let r = s.req(method, path, auth, "");
        assert_eq!(
            (r.status, r.header("allow")),
            (405, Some(*allow)),
            "{method} {path}"
        );
    }
}

#[test]
fn every_route_asked_with_a_wrong_method_names_its_methods() {
    let s = start();
    let id = s.req("POST", "/_sandbox/sessions", &[], "").json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let session = format!("/_sandbox/sessions/{id}");
    let in_session = |path: &str| format!("{session}{path}");
    let mut cases = vec![
        ("GET", "/api/v3/tokens".to_string(), "POST"),
        ("GET", "/api/v3/tokens/".into(), "POST"),
        ("POST", "/api/v3/token".into(), "GET"),
        ("GET", "/api/v3/tokens/x".into(), "DELETE"),
        ("GET", "/_sandbox/reset".into(), "POST"),
        ("GET", "/_sandbox/faults".into(), "POST"),
        ("DELETE", "/_sandbox/clock".into(), "GET, POST"),
        ("POST", "/_sandbox/stats".into(), "GET"),
        ("POST", "/_sandbox/requests".into(), "GET, DELETE"),
        ("POST", "/_sandbox/credentials".into(), "GET"),
        ("PUT", "/_sandbox/sessions".into(), "GET, POST"),
        ("GET", session.clone(), "DELETE"),
        ("PUT", session.clone(), "DELETE"),
        ("GET", in_session("/_sandbox/reset"), "POST"),
        ("POST", in_session("/api/v3/token"), "GET"),
        ("POST", "/app.js".into(), "GET, HEAD"),
    ];
    for prefix in ["/api/auth/token", "/api/715948317/auth/token"] {
        for (method, op, allow) in [
            ("POST", "get/list", "GET"),
            ("GET", "create", "POST"),
            ("GET", "update", "POST"),
            ("GET", "revoke", "POST"),
            ("GET", "delete/x", "DELETE"),
        ] {
            cases.push((method, format!("{prefix}/{op}"), allow));
        }
    }
    let cases: Vec<(&str, &str, &str)> =
        cases.iter().map(|(m, p, a)| (*m, p.as_str(), *a)).collect();
    // Authlete authenticates first: v2 by Basic, v3 by Bearer.
    let (v2, v3) = (
        basic("sandbox-key", "sandbox-secret"),
        "Bearer sandbox-service-token",
    );
    let (v2_cases, rest): (Vec<_>, Vec<_>) = cases
        .iter()
        .partition(|(_, p, _)| p.starts_with("/api/auth/"));
    assert_allow(&s, &[("authorization", v2.as_str())], &v2_cases);
    assert_allow(&s, &[("authorization", v3)], &rest);
}

#[test]
fn every_knetik_route_asked_with_a_wrong_method_names_its_methods() {
    let s = start();
    let bearer = s.knetik_admin_bearer();
    assert_allow(
        &s,
        &[("authorization", bearer.as_str())],
        &[
            ("GET", "/oauth/token", "POST"),
            ("POST", "/auth/tokens", "GET, DELETE"),
            ("DELETE", "/auth/tokens/root/web", "GET"),
        ],
    );
}

#[test]
fn request_log_keeps_the_last_1000() {
    let s = start();
    let mut c = s.conn();
    for i in 0..1005 {
        c.send("GET", &format!("/n{i}"), &[], b"").unwrap();
    }
    let log = s.control_json("/_sandbox/requests");
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 1000);
    assert_eq!(log[0]["path"], "/n5");
    assert_eq!(log[999]["path"], "/n1004");
    assert_eq!(s.control_json("/_sandbox/stats")["total"], 1005);
}

#[test]
fn static_files_and_traversal() {
    let s = start();
    let cases = [
        ("/", 200, "text/html; charset=utf-8"),
        ("/index.html", 200, "text/html; charset=utf-8"),
        ("/app.js", 200, "text/javascript; charset=utf-8"),
        ("/sub/style.css", 200, "text/css; charset=utf-8"),
        ("/pkg/web/tokenops_bg.wasm", 200, "application/wasm"),
        ("/pkg/web/index.d.ts", 200, "text/plain; charset=utf-8"),
    ];
    for (path, status, content_type) in cases {
        let r = s.req("GET", path, &[], "");
        assert_eq!(r.status, status, "{path}");
        assert_eq!(r.header("content-type"), Some(content_type), "{path}");
    }
    assert_eq!(
        s.req("GET", "/pkg/web/tokenops_bg.wasm", &[], "").body,
        b"\0asm\x01\0\0\0"
    );
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/sub/../../secret.txt",
        "/pkg/../../secret.txt",
        "/pkg/..%2F..%2Fsecret.txt",
        "/..%5Csecret.txt",
        "/missing.html",
        "/sub",
        "/pkg/",
    ] {
        let r = s.req("GET", path, &[], "");
        assert!(r.status == 404 || r.status == 403, "{path}: {}", r.status);
        assert!(!r.text().contains("top secret"), "{path}");
    }
    assert_eq!(s.req("POST", "/app.js", &[], "").status, 405);
    // HEAD: headers with the real length, no body, connection still usable.
    let mut c = s.conn();
    let r = c.send("HEAD", "/app.js", &[], b"").unwrap();
    assert_eq!(r.header("content-length"), Some("19"));
    assert_eq!(
        c.send("GET", "/app.js", &[], b"").unwrap().text(),
        "export const x = 1;"
    );
}

#[test]
fn malformed_requests_never_crash_the_server() {
    let s = start();
    let raw: &[(&[u8], u16)] = &[
        (b"garbage\r\n\r\n", 400),
        (b"GET /x\r\n\r\n", 400),
        (b"GET x HTTP/1.1\r\n\r\n", 400),
        (b"GET / HTTP/2.0\r\n\r\n", 505),
        (b"GET / HTTP/1.1\r\nno colon here\r\n\r\n", 400),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ncontent-length: abc\r\n\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ncontent-length: -1\r\n\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n",
            400,
        ),
        // Chunking that is broken, or framing that cannot be trusted (RFC 9112, 6.1, 6.3, 7.1).
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n-1\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: chunked, gzip\r\n\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            501,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: chunked\r\ncontent-length: 5\r\n\r\n0\r\n\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.0\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\nfffffffffffffffffffff\r\n",
            400,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n100001\r\n",
            413,
        ),
        (b"GET ftp://sandbox/api/v3/token HTTP/1.1\r\n\r\n", 400),
        (b"GET http:/api/v3/token HTTP/1.1\r\n\r\n", 400),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ncontent-length: 99999999999999999999999\r\n\r\n",
            413,
        ),
        (
            b"POST /api/v3/tokens/ HTTP/1.1\r\ncontent-length: 1048577\r\n\r\n",
            413,
        ),
        (b"\xff\xfe / HTTP/1.1\r\n\r\n", 400),
        (b"\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n", 400),
    ];
    for (bytes, status) in raw {
        let mut c = s.conn();
        c.write_raw(bytes);
        let r = c
            .read(false)
            .unwrap_or_else(|e| panic!("{:?}: {e}", String::from_utf8_lossy(bytes)));
        assert_eq!(r.status, *status, "{:?}", String::from_utf8_lossy(bytes));
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert!(c.read_to_end().is_empty());
    }
    // A request line or header block that never ends.
    let mut c = s.conn();
    c.write_raw(b"GET /");
    c.write_raw(&vec![b'a'; 20_000]);
    assert_eq!(c.read(false).unwrap().status, 414);
    let mut c = s.conn();
    c.write_raw(b"GET / HTTP/1.1\r\n");
    for _ in 0..2000 {
        c.write_raw(b"x-filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
    }
    assert_eq!(c.read(false).unwrap().status, 431);
    // Clients that hang up mid-request.
    for bytes in [
        &b"GET / HTTP/1.1\r\nhost: x"[..],
        b"POST /api/v3/tokens/ HTTP/1.1\r\ncontent-length: 10\r\n\r\n{",
    ] {
        let mut c = s.conn();
        c.write_raw(bytes);
        drop(c);
    }
    // A body exactly at the limit is read.
    let big = vec![b' '; 1024 * 1024];
    let r = s
        .conn()
        .send("POST", "/api/v3/tokens/", &[("x-auth-token", DEMO)], &big)
        .unwrap();
    assert_eq!(r.status, 400);
    // Still serving, and bad percent-encoding is harmless.
    assert_eq!(s.get_token(DEMO).status, 200);
    assert_eq!(s.delete(DEMO, "%FF%FE").status, 404);
    assert_eq!(s.req("GET", "/%", &[], "").status, 404);
    assert_eq!(
        s.req(
            "GET",
            "/api/v3/token?%FF=%&a",
            &[("x-auth-token", DEMO)],
            ""
        )
        .status,
        200
    );
}

#[test]
fn chunked_bodies_are_read() {
    let s = start();
    let mut c = s.conn();
    // Chunks with an extension, then a trailer: one body (RFC 9112, 7.1).
    c.write_raw(b"POST /api/v3/tokens/ HTTP/1.1\r\nhost: sandbox\r\nx-auth-token: hopr-admin-token\r\ntransfer-encoding: chunked\r\n\r\n");
    c.write_raw(b"10;name=value\r\n{\"capabilities\":\r\n");
    c.write_raw(b"1D\r\n[{\"endpoint\":\"nodeGetInfo\"}]}\r\n");
    c.write_raw(b"0\r\nx-trailer: ignored\r\n\r\n");
    let r = c.read(false).unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
    // The connection goes on with the next request.
    let r = c
        .send("GET", "/api/v3/token", &[("x-auth-token", DEMO)], b"")
        .unwrap();
    assert_eq!(r.status, 200);
    let log = s.control_json("/_sandbox/requests");
    assert_eq!(
        log[0]["body"],
        r#"{"capabilities":[{"endpoint":"nodeGetInfo"}]}"#
    );
    // The body limit holds for chunks too: 1 MiB in chunks is read, a byte more is 413.
    let send_chunks = |sizes: &[usize]| {
        let mut c = s.conn();
        c.write_raw(b"POST /api/v3/tokens/ HTTP/1.1\r\nx-auth-token: hopr-demo-token\r\ntransfer-encoding: chunked\r\n\r\n");
        for size in sizes {
            c.write_raw(format!("{size:x}\r\n").as_bytes());
            c.write_raw(&vec![b' '; *size]);
            c.write_raw(b"\r\n");
        }
        c.write_raw(b"0\r\n\r\n");
        c.read(false).unwrap().status
    };
    assert_eq!(send_chunks(&[512 * 1024, 512 * 1024]), 400);
    assert_eq!(send_chunks(&[512 * 1024, 512 * 1024, 1]), 413);
}

#[test]
fn absolute_form_targets_are_taken_by_their_path_and_query() {
    let s = start();
    let mut c = s.conn();
    c.write_raw(b"GET http://sb.example:8787/api/v3/token?x=1 HTTP/1.1\r\nhost: other\r\nx-auth-token: hopr-demo-token\r\n\r\n");
    assert_eq!(c.read(false).unwrap().status, 200);
    // The target's authority is the origin, not the Host header (RFC 9112, 3.2.2).
    c.write_raw(b"POST HTTP://sb.example:8787/_sandbox/sessions HTTP/1.1\r\nhost: other\r\ncontent-length: 0\r\n\r\n");
    let made = c.read(false).unwrap().json();
    let url = made["url"].as_str().unwrap();
    assert!(
        url.starts_with("http://sb.example:8787/_sandbox/sessions/"),
        "{url}"
    );
    // No path is the root; a query without a path too.
    c.write_raw(b"GET http://sb.example HTTP/1.1\r\n\r\n");
    let root = c.read(false).unwrap();
    assert_eq!(root.text(), "<!doctype html><title>console</title>");
    c.write_raw(b"GET https://user:pw@sb.example?x=1 HTTP/1.1\r\n\r\n");
    assert_eq!(c.read(false).unwrap().status, 200);
    let log = s.control_json("/_sandbox/requests");
    assert_eq!(log[0]["path"], "/api/v3/token");
    assert_eq!(log[0]["query"], "x=1");
}

#[test]
fn expect_100_continue() {
    let s = start();
    let mut c = s.conn();
    c.write_raw(b"POST /api/v3/tokens/ HTTP/1.1\r\nx-auth-token: hopr-admin-token\r\ncontent-length: 45\r\nexpect: 100-continue\r\n\r\n");
    let (status, _) = c.read_head().unwrap();
    assert_eq!(status, 100);
    c.write_raw(br#"{"capabilities":[{"endpoint":"nodeGetInfo"}]}"#);
    assert_eq!(c.read(false).unwrap().status, 201);
    // A chunked body is expected too.
    c.write_raw(b"POST /api/v3/tokens/ HTTP/1.1\r\nx-auth-token: hopr-admin-token\r\ntransfer-encoding: chunked\r\nexpect: 100-continue\r\n\r\n");
    let (status, _) = c.read_head().unwrap();
    assert_eq!(status, 100);
    c.write_raw(b"2d\r\n{\"capabilities\":[{\"endpoint\":\"nodeGetInfo\"}]}\r\n0\r\n\r\n");
    assert_eq!(c.read(false).unwrap().status, 201);
    // HTTP/1.0 has no 1xx answers: the final answer comes first.
    let mut c = s.conn();
    c.write_raw(b"POST /api/v3/tokens/ HTTP/1.0\r\nx-auth-token: hopr-admin-token\r\ncontent-length: 45\r\nexpect: 100-continue\r\n\r\n");
    c.write_raw(br#"{"capabilities":[{"endpoint":"nodeGetInfo"}]}"#);
    assert_eq!(c.read(false).unwrap().status, 201);
}

#[test]
fn six_hundred_concurrent_keep_alive_connections() {
    let s = start();
    let mut conns: Vec<Conn> = (0..600).map(|_| s.conn()).collect();
    for round in 0..2 {
        for c in &mut conns {
            c.write("GET", "/api/v3/token", &[("x-auth-token", DEMO)], b"");
        }
        for c in &mut conns {
            let r = c
                .read(false)
                .unwrap_or_else(|e| panic!("round {round}: {e}"));
            assert_eq!(r.status, 200);
        }
    }
    assert_eq!(s.control_json("/_sandbox/stats")["total"], 1200);
}

#[test]
fn binary_prints_its_address_then_credentials() {
    let mut child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_tokenops-sandbox"))
            .args(["--port", "0", "--seed", "2", "--knetik-token-ttl", "60"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let port: u16 = first
        .strip_prefix("sandbox listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("first line {first:?}"))
        .parse()
        .unwrap();
    assert_ne!(port, 0);
    let mut rest = String::new();
    for line in lines
        .by_ref()
        .take_while(|l| l.as_ref().is_ok_and(|l| !l.contains("seed")))
    {
        rest.push_str(&line.unwrap());
        rest.push('\n');
    }
    for token in [
        "hopr-admin-token",
        "hopr-demo-token",
        "hopr-limited-token",
        "hopr-readonly-token",
    ] {
        assert!(rest.contains(token), "{token} missing from {rest}");
    }
    let addr = format!("127.0.0.1:{port}").parse().unwrap();
    let r = Conn::open(addr)
        .send(
            "GET",
            "/api/v3/token",
            &[("x-auth-token", "hopr-seed-token-0001")],
            b"",
        )
        .unwrap();
    assert_eq!(r.json()["id"], "hopr-seed-token-0001");
    drop(child);

    let out = Command::new(env!("CARGO_BIN_EXE_tokenops-sandbox"))
        .args(["--port", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_stopped_server_closes_its_connections_and_releases_its_port() {
    let config = || Config {
        port: 0,
        ..Config::default()
    };
    let server = ServerHandle::start(config()).expect("bind");
    let addr = server.addr();
    let mut idle = Conn::open(addr);
    let r = idle
        .send("GET", "/api/v3/token", &[("x-auth-token", DEMO)], b"")
        .unwrap();
    assert_eq!(r.header("connection"), Some("keep-alive"));
    server.shutdown();
    // The idle keep-alive connection is closed, a new one is refused, and the port is free.
    assert!(idle.read_to_end().is_empty());
    assert!(std::net::TcpStream::connect(addr).is_err());
    drop(std::net::TcpListener::bind(addr).expect("the port is released"));
    // Dropping the handle stops it too.
    let addr = ServerHandle::start(config()).expect("bind").addr();
    drop(std::net::TcpListener::bind(addr).expect("the port is released on drop"));
}

#[test]
fn a_connection_beyond_the_limit_is_answered_503_and_closed() {
    let server = ServerHandle::start(Config {
        port: 0,
        ..Config::default()
    })
    .expect("bind");
    let open: Vec<Conn> = (0..1024).map(|_| Conn::open(server.addr())).collect();
    let answer = String::from_utf8(Conn::open(server.addr()).read_to_end()).unwrap();
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    assert!(answer.contains("connection: close"), "{answer}");
    drop(open);
}
