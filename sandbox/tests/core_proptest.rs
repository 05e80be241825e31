//! The core's request entry under arbitrary requests: it never panics, always answers, and a
//! request to one world (the root or a session) never changes another session's state.

use proptest::prelude::*;
use tokenops_sandbox::{Emulator, Options, Outcome, Request};

const NOW: u64 = 1_700_000_000_000;

fn send(
    e: &mut Emulator,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Outcome {
    let mut req = Request::new(method, target);
    req.headers = headers.to_vec();
    req.body = body.to_vec();
    req.origin = "http://sb.test".into();
    e.handle(&req, NOW).outcome
}

fn session(e: &mut Emulator) -> String {
    match send(e, "POST", "/_sandbox/sessions", &[], b"") {
        Outcome::Respond(r) => serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string(),
        other => panic!("{other:?}"),
    }
}

/// Reads of a world: its control API's (no side effect) or its providers' (logged, else none).
fn snapshot(e: &mut Emulator, prefix: &str, control: bool) -> Vec<String> {
    let reads = if control {
        vec![
            ("/_sandbox/requests", vec![]),
            ("/_sandbox/stats", vec![]),
            ("/_sandbox/clock", vec![]),
        ]
    } else {
        vec![
            (
                "/api/auth/token/get/list?end=1000",
                vec![(
                    "authorization".to_string(),
                    "Basic c2FuZGJveC1rZXk6c2FuZGJveC1zZWNyZXQ=".to_string(),
                )],
            ),
            (
                "/api/v3/token",
                vec![(
                    "x-auth-token".to_string(),
                    "hopr-readonly-token".to_string(),
                )],
            ),
            ("/auth/tokens/alice/web", vec![]),
        ]
    };
    let mut out = Vec::new();
    for (target, headers) in reads {
        match send(e, "GET", &format!("{prefix}{target}"), &headers, b"") {
            Outcome::Respond(r) => out.push(String::from_utf8_lossy(&r.body).into_owned()),
            other => out.push(format!("{other:?}")),
        }
    }
    out
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_string()),
        Just("POST".to_string()),
        Just("DELETE".to_string()),
        Just("PUT".to_string()),
        Just("OPTIONS".to_string()),
        "[A-Za-z]{1,7}",
    ]
}

fn path() -> impl Strategy<Value = String> {
    let known = prop_oneof![
        Just("/api/v3/tokens/".to_string()),
        Just("/api/v3/token".to_string()),
        Just("/api/v3/tokens/hopr-demo-token".to_string()),
        Just("/api/auth/token/create".to_string()),
        Just("/api/auth/token/revoke".to_string()),
        Just("/api/auth/token/update".to_string()),
        Just("/api/auth/token/get/list".to_string()),
        Just("/api/715948317/auth/token/delete/x".to_string()),
        Just("/oauth/token".to_string()),
        Just("/auth/tokens".to_string()),
        Just("/auth/tokens/alice/web".to_string()),
        Just("/_sandbox/reset".to_string()),
        Just("/_sandbox/faults".to_string()),
        Just("/_sandbox/clock".to_string()),
        Just("/_sandbox/requests".to_string()),
        Just("/_sandbox/sessions".to_string()),
        Just("/_sandbox/sessions/".to_string()),
    ];
    (known, "[a-zA-Z0-9%/?=&._~-]{0,24}").prop_map(|(p, tail)| {
        if tail.starts_with('?') || tail.is_empty() {
            format!("{p}{tail}")
        } else {
            format!("{p}/{tail}")
        }
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(br#"{"capabilities":[{"endpoint":"tokensGetToken"}],"lifetime":5}"#.to_vec()),
        Just(br#"{"grantType":"PASSWORD","clientId":1001,"subject":"eve"}"#.to_vec()),
        Just(br#"{"subject":"alice"}"#.to_vec()),
        Just(br#"{"path":"/api/v3/token","status":503}"#.to_vec()),
        Just(br#"{"path":"/api/v3/token","drop":true,"count":2}"#.to_vec()),
        Just(br#"{"advanceMs":86400000}"#.to_vec()),
        Just(br#"{"seed":3}"#.to_vec()),
        Just(
            b"grant_type=client_credentials&client_id=admin-client&client_secret=admin-secret"
                .to_vec()
        ),
        proptest::collection::vec(any::<u8>(), 0..64),
    ]
}

fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let header = prop_oneof![
        Just(("x-auth-token".to_string(), "hopr-admin-token".to_string())),
        Just((
            "authorization".to_string(),
            "Basic c2FuZGJveC1rZXk6c2FuZGJveC1zZWNyZXQ=".to_string()
        )),
        Just((
            "authorization".to_string(),
            "Bearer sandbox-service-token".to_string()
        )),
        Just(("content-type".to_string(), "application/json".to_string())),
        Just((
            "content-type".to_string(),
            "application/x-www-form-urlencoded".to_string()
        )),
        ("[a-z-]{1,12}", "[ -~]{0,24}"),
    ];
    proptest::collection::vec(header, 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_and_nothing_lost_from_another_session(
        requests in proptest::collection::vec((method(), path(), headers(), body(), any::<bool>()), 1..24)
    ) {
        let mut e = Emulator::new(&Options::default(), 9, NOW);
        let a = session(&mut e);
        let b = session(&mut e);
        let prefix_b = format!("/_sandbox/sessions/{b}");
        let provider_before = snapshot(&mut e, &prefix_b, false);
        let control_before = snapshot(&mut e, &prefix_b, true);
        for (method, path, headers, body, in_session) in &requests {
            // Requests go to the root or to session `a`; `b` is never addressed.
            let target = if *in_session { format!("/_sandbox/sessions/{a}{path}") } else { path.clone() };
            if target.contains(&b) {
                continue;
            }
            let _ = send(&mut e, method, &target, headers, body);
        }
        prop_assert_eq!(control_before, snapshot(&mut e, &prefix_b, true), "session b's log, stats or clock changed");
        prop_assert_eq!(provider_before, snapshot(&mut e, &prefix_b, false), "session b's tokens changed");
    }
}
