//! HOPR v3 token endpoints: statuses, bodies, auth schemes, limits, expiry.

mod common;

use common::*;
use serde_json::Value;

const ADMIN: &str = "hopr-admin-token";
const DEMO: &str = "hopr-demo-token";
const LIMITED: &str = "hopr-limited-token";
const READONLY: &str = "hopr-readonly-token";

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn get_token_with_both_auth_schemes() {
    let s = start();
    let expected = r#"{"id":"hopr-demo-token","description":"demo token","capabilities":[
        {"endpoint":"tokensCreate"},{"endpoint":"tokensGetToken"},{"endpoint":"tokensDelete"}]}"#;
    let r = s.get_token(DEMO);
    assert_json(&r, 200, expected);
    assert_eq!(r.header("content-type"), Some("application/json"));
    for auth in [
        basic(DEMO, ""),
        basic(DEMO, "ignored"),
        format!("basic {}", base64(format!("{DEMO}:x").as_bytes())),
    ] {
        let r = s.req("GET", "/api/v3/token", &[("authorization", &auth)], "");
        assert_json(&r, 200, expected);
    }
    let r = s.req(
        "GET",
        "/api/v3/token",
        &[("Authorization", &basic(ADMIN, "pw"))],
        "",
    );
    assert_eq!((r.status, r.body.len()), (404, 0));
}

#[test]
fn unauthenticated_calls_get_401() {
    let s = start();
    let bad_auth = [
        vec![],
        vec![("x-auth-token", "nope")],
        vec![("x-auth-token", "")],
        vec![("authorization", "Bearer hopr-demo-token")],
        vec![("authorization", "Basic !!!")],
        vec![("authorization", "Basic aG9wci1kZW1vLXRva2Vu")], // no colon
    ];
    for headers in &bad_auth {
        let r = s.req("GET", "/api/v3/token", headers, "");
        assert_json(&r, 401, UNAUTHORIZED);
        let r = s.req("DELETE", "/api/v3/tokens/demo", headers, "");
        assert_json(&r, 401, UNAUTHORIZED);
        let r = s.req("POST", "/api/v3/tokens/", headers, "{}");
        assert_json(&r, 401, UNAUTHORIZED);
    }
    // Nothing was deleted on the way.
    assert_eq!(s.get_token(DEMO).status, 200);
}

#[test]
fn superuser_is_not_stored() {
    let s = start();
    let r = s.get_token(ADMIN);
    assert_eq!(r.status, 404);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-type"), None);
}

#[test]
fn missing_capability_gets_403() {
    let s = start();
    assert_json(
        &s.create(
            READONLY,
            r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#,
        ),
        403,
        FORBIDDEN,
    );
    assert_json(&s.delete(READONLY, DEMO), 403, FORBIDDEN);
    assert_eq!(s.get_token(DEMO).status, 200);
}

#[test]
fn invalid_create_bodies_get_400() {
    let s = start();
    let bad = [
        "",
        "not json",
        "[]",
        "{}",
        r#"{"capabilities":null}"#,
        r#"{"capabilities":[]}"#,
        r#"{"capabilities":{}}"#,
        r#"{"capabilities":["tokensGetToken"]}"#,
        r#"{"capabilities":[{}]}"#,
        r#"{"capabilities":[{"endpoint":"nope"}]}"#,
        r#"{"capabilities":[{"endpoint":42}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing","limits":[]}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing","limits":{}}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing","limits":[{}]}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing","limits":[{"type":1}]}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing","limits":[{"type":"calls","conditions":{"max":-1}}]}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing","limits":[{"type":"calls","conditions":{"max":1.5}}]}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing","limits":[{"type":"calls","conditions":{"max":"3"}}]}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing","limits":[{"type":"calls","conditions":3}]}]}"#,
        r#"{"capabilities":[{"endpoint":"nodePing"}],"lifetime":0}"#,
        r#"{"capabilities":[{"endpoint":"nodePing"}],"lifetime":-5}"#,
        r#"{"capabilities":[{"endpoint":"nodePing"}],"lifetime":1.5}"#,
        r#"{"capabilities":[{"endpoint":"nodePing"}],"lifetime":"60"}"#,
        // An expiry beyond 2^53 - 1 seconds, which the node (JS) cannot hold, nor a client read.
        r#"{"capabilities":[{"endpoint":"nodePing"}],"lifetime":9007199254740991}"#,
        r#"{"capabilities":[{"endpoint":"nodePing"}],"lifetime":18446744073709551615}"#,
        r#"{"capabilities":[{"endpoint":"nodePing"}],"description":7}"#,
    ];
    for body in bad {
        let r = s.create(ADMIN, body);
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        assert_json(&r, 400, r#"{"status":"INVALID_INPUT"}"#);
    }
    // Deeply nested JSON is refused, not a crash.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(s.create(ADMIN, &deep).status, 400);
    let deep = format!(
        r#"{{"capabilities":{}{}}}"#,
        "[".repeat(127),
        "]".repeat(127)
    );
    assert_eq!(s.create(ADMIN, &deep).status, 400);
    assert_eq!(s.get_token(DEMO).status, 200);
}

#[test]
fn create_then_read_and_delete() {
    let s = start();
    let body = r#"{"capabilities":[{"endpoint":"tokensGetToken","limits":[{"type":"calls","conditions":{"max":5}}]},{"endpoint":"nodePing"}],"lifetime":600,"description":"made by a test"}"#;
    let before = now();
    let r = s.create(ADMIN, body);
    assert_eq!(r.status, 201, "{}", r.text());
    let secret = r.json()["token"].as_str().unwrap().to_string();
    assert!(secret.len() >= 16);
    let r = s.req(
        "GET",
        "/api/v3/token",
        &[("authorization", &basic(&secret, ""))],
        "",
    );
    assert_eq!(r.status, 200);
    let t: Value = r.json();
    // As on hoprd 2.0.x, the id is the token's secret value.
    let id = t["id"].as_str().unwrap().to_string();
    assert_eq!(id, secret);
    assert_eq!(t["description"], "made by a test");
    let valid_until = t["valid_until"].as_u64().unwrap();
    assert!((before + 600..=now() + 600).contains(&valid_until));
    assert_eq!(
        t["capabilities"],
        serde_json::json!([
            {"endpoint":"tokensGetToken","limits":[{"type":"calls","conditions":{"max":5},"used":1}]},
            {"endpoint":"nodePing"}
        ])
    );
    // No lifetime, no description: no valid_until, and the description is "" (hoprd
    // `description || ''`).
    let r = s.create(DEMO, r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#);
    assert_eq!(r.status, 201);
    let other = r.json()["token"].as_str().unwrap().to_string();
    assert_ne!(other, secret);
    let t = s.get_token(&other).json();
    assert!(t.get("valid_until").is_none());
    assert_eq!(t["description"], "");

    // Delete (as the demo token), then the token is gone.
    let r = s.delete(DEMO, &id);
    assert_eq!((r.status, r.body.len()), (204, 0));
    assert_json(&s.get_token(&secret), 401, UNAUTHORIZED);
    let r = s.delete(DEMO, &id);
    assert_eq!((r.status, r.body.len()), (404, 0));
    let r = s.delete(ADMIN, "no-such-id");
    assert_eq!((r.status, r.body.len()), (404, 0));
}

#[test]
fn delete_own_token_then_401_and_ids_are_decoded() {
    let s = start_seeded(3);
    assert_eq!(
        s.get_token("hopr-seed-token-0002").json()["id"],
        "hopr-seed-token-0002"
    );
    let r = s.delete(DEMO, "hopr-seed-token%2D0001");
    assert_eq!(r.status, 204);
    assert_json(&s.get_token("hopr-seed-token-0001"), 401, UNAUTHORIZED);
    let r = s.delete(DEMO, DEMO);
    assert_eq!(r.status, 204);
    assert_json(&s.get_token(DEMO), 401, UNAUTHORIZED);
    assert_json(&s.delete(DEMO, READONLY), 401, UNAUTHORIZED);
    // Reset restores the seeded state.
    assert_eq!(s.req("POST", "/_sandbox/reset", &[], "").status, 204);
    assert_eq!(s.get_token(DEMO).status, 200);
    assert_eq!(s.get_token("hopr-seed-token-0001").status, 200);
}

#[test]
fn non_superusers_cannot_widen_rights() {
    let s = start();
    // Not one of the demo token's capabilities.
    assert_json(
        &s.create(DEMO, r#"{"capabilities":[{"endpoint":"nodePing"}]}"#),
        403,
        FORBIDDEN,
    );
    // Same endpoint, but a limit the caller does not have.
    assert_json(
        &s.create(
            DEMO,
            r#"{"capabilities":[{"endpoint":"tokensGetToken","limits":[{"type":"calls","conditions":{"max":1}}]}]}"#,
        ),
        403,
        FORBIDDEN,
    );
    // A caller with an expiry can only create tokens that expire no later.
    let caps = r#"[{"endpoint":"tokensCreate"},{"endpoint":"tokensGetToken","limits":[{"type":"calls","conditions":{"max":9}}]}]"#;
    let r = s.create(
        ADMIN,
        &format!(r#"{{"capabilities":{caps},"lifetime":100}}"#),
    );
    assert_eq!(r.status, 201);
    let creator = r.json()["token"].as_str().unwrap().to_string();
    let exact =
        r#"[{"endpoint":"tokensGetToken","limits":[{"type":"calls","conditions":{"max":9}}]}]"#;
    for (body, status) in [
        (format!(r#"{{"capabilities":{exact}}}"#), 403),
        (
            format!(r#"{{"capabilities":{exact},"lifetime":1000}}"#),
            403,
        ),
        (format!(r#"{{"capabilities":{exact},"lifetime":50}}"#), 201),
        (format!(r#"{{"capabilities":{caps},"lifetime":50}}"#), 201),
    ] {
        let r = s.create(&creator, &body);
        assert_eq!(r.status, status, "{body}: {}", r.text());
    }
    // The superuser may create anything.
    let r = s.create(
        ADMIN,
        r#"{"capabilities":[{"endpoint":"channelsFundChannels"}]}"#,
    );
    assert_eq!(r.status, 201);
}

#[test]
fn call_limits_count_up_to_403() {
    let s = start();
    for used in 1..=3 {
        let r = s.get_token(LIMITED);
        assert_eq!(r.status, 200);
        let limit = &r.json()["capabilities"][0]["limits"][0];
        assert_eq!(limit["conditions"]["max"], 3);
        assert_eq!(limit["used"], used);
        assert_eq!(limit["type"], "calls");
    }
    assert_json(&s.get_token(LIMITED), 403, FORBIDDEN);
    assert_json(&s.get_token(LIMITED), 403, FORBIDDEN);
    s.req("POST", "/_sandbox/reset", &[], "");
    assert_eq!(
        s.get_token(LIMITED).json()["capabilities"][0]["limits"][0]["used"],
        1
    );
}

#[test]
fn expired_tokens_act_as_missing() {
    let s = start();
    let r = s.create(
        ADMIN,
        r#"{"capabilities":[{"endpoint":"tokensGetToken"},{"endpoint":"tokensDelete"}],"lifetime":1}"#,
    );
    let secret = r.json()["token"].as_str().unwrap().to_string();
    let t = s.get_token(&secret).json();
    let id = t["id"].as_str().unwrap().to_string();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert_json(&s.get_token(&secret), 401, UNAUTHORIZED);
    assert_json(&s.delete(&secret, READONLY), 401, UNAUTHORIZED);
    let r = s.delete(ADMIN, &id);
    assert_eq!((r.status, r.body.len()), (404, 0));
}

#[test]
fn a_trailing_slash_is_optional_as_on_the_node() {
    let s = start();
    let body = r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#;
    let headers = [("x-auth-token", DEMO), ("content-type", "application/json")];
    let r = s.req("POST", "/api/v3/tokens", &headers, body);
    assert_eq!(r.status, 201, "{}", r.text());
    let secret = r.json()["token"].as_str().unwrap().to_string();
    let r = s.req("GET", "/api/v3/token/", &[("x-auth-token", &secret)], "");
    assert_eq!(r.json()["id"], secret.as_str());
    let r = s.delete(DEMO, &format!("{secret}/"));
    assert_eq!((r.status, r.body.len()), (204, 0));
    assert_json(&s.get_token(&secret), 401, UNAUTHORIZED);
}

#[test]
fn wrong_methods_and_unknown_paths() {
    let s = start();
    let auth = [("x-auth-token", DEMO)];
    for (method, path) in [
        ("PUT", "/api/v3/token"),
        ("POST", "/api/v3/token"),
        ("GET", "/api/v3/tokens/"),
        ("DELETE", "/api/v3/tokens/"),
        ("GET", "/api/v3/tokens/hopr-demo-token"),
        ("GET", "/api/v3/tokens"),
    ] {
        assert_eq!(
            s.req(method, path, &auth, "").status,
            405,
            "{method} {path}"
        );
    }
    for (method, path) in [
        ("GET", "/api/v3/nope"),
        ("DELETE", "/api/v3/tokens/a/b"),
        ("GET", "/api/v3"),
    ] {
        let r = s.req(method, path, &auth, "");
        assert_eq!((r.status, r.body.len()), (404, 0), "{method} {path}");
    }
}
