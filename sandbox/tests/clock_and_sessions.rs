//! The std server's control API for time and isolation: the clock drives every expiry of the
//! three providers (no sleeping), sessions are isolated worlds under their own path prefix and
//! end; and the binary's signals and `--` mode.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn advance(s: &Server, prefix: &str, ms: u64) {
    let r = s.req(
        "POST",
        &format!("{prefix}/_sandbox/clock"),
        &[],
        &format!(r#"{{"advanceMs":{ms}}}"#),
    );
    assert_eq!(r.status, 204, "{}", r.text());
}

#[test]
fn the_clock_expires_hopr_authlete_and_knetik_tokens() {
    let s = start();
    let before = s.control_json("/_sandbox/clock")["now"].as_u64().unwrap();
    // HOPR: a 60 s token.
    let made = s.create(
        "hopr-admin-token",
        r#"{"capabilities":[{"endpoint":"tokensGetToken"}],"lifetime":60}"#,
    );
    let token = made.json()["token"].as_str().unwrap().to_string();
    assert_eq!(s.get_token(&token).status, 200);
    // Authlete: a 60 s access token, listed as VALID.
    let created = s.req(
        "POST",
        "/api/auth/token/create",
        &[
            ("authorization", &basic("sandbox-key", "sandbox-secret")),
            ("content-type", "application/json"),
        ],
        r#"{"grantType":"CLIENT_CREDENTIALS","clientId":1002,"accessTokenDuration":60}"#,
    );
    assert_eq!(created.status, 200, "{}", created.text());
    let valid = |s: &Server| {
        s.req(
            "GET",
            "/api/auth/token/get/list?clientIdentifier=1002&tokenStatus=VALID",
            &[("authorization", &basic("sandbox-key", "sandbox-secret"))],
            "",
        )
        .json()["totalCount"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(valid(&s), 1);
    // Knetik: an access token of the default 3600 s.
    let bearer = s.knetik_admin_bearer();
    let knetik = |s: &Server| {
        s.req("GET", "/auth/tokens", &[("authorization", &bearer)], "")
            .status
    };
    assert_eq!(knetik(&s), 200);

    advance(&s, "", 61_000);
    let after = s.control_json("/_sandbox/clock")["now"].as_u64().unwrap();
    assert!(after >= before + 61_000, "{before} -> {after}");
    assert_eq!(s.get_token(&token).status, 401);
    assert_eq!(valid(&s), 0);
    assert_eq!(knetik(&s), 200);
    advance(&s, "", 3_600_000);
    assert_eq!(knetik(&s), 401);

    // Reset: the seeded state at the real time again.
    assert_eq!(s.req("POST", "/_sandbox/reset", &[], "").status, 204);
    let reset = s.control_json("/_sandbox/clock")["now"].as_u64().unwrap();
    assert!(reset < before + 60_000);
}

#[test]
fn bad_clock_calls_name_the_field() {
    let s = start();
    for body in [
        r#"{"advanceMs":-1}"#,
        r#"{"advanceMs":"1"}"#,
        r#"{}"#,
        "not json",
    ] {
        let r = s.req("POST", "/_sandbox/clock", &[], body);
        assert_eq!(r.status, 400, "{body}");
        let error = r.json()["error"].as_str().unwrap().to_string();
        assert!(
            error.contains("advanceMs") || body == "not json",
            "{body}: {error}"
        );
    }
}

#[test]
fn sessions_are_isolated_worlds_under_a_path_prefix() {
    let s = start();
    // Session URLs are made from the Host header (the test client sends `host: sandbox`).
    let made = s.req("POST", "/_sandbox/sessions", &[], "");
    assert_eq!(made.status, 201);
    let id = made.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        made.json()["url"],
        format!("http://sandbox/_sandbox/sessions/{id}")
    );
    let prefix = format!("/_sandbox/sessions/{id}");
    // The demo token works in the session; a token made there does not exist at the root.
    let created = s.req(
        "POST",
        &format!("{prefix}/api/v3/tokens/"),
        &[
            ("x-auth-token", "hopr-admin-token"),
            ("content-type", "application/json"),
        ],
        r#"{"capabilities":[{"endpoint":"tokensGetToken"}]}"#,
    );
    let token = created.json()["token"].as_str().unwrap().to_string();
    let get = |path: &str, token: &str| {
        s.req(
            "GET",
            &format!("{path}/api/v3/token"),
            &[("x-auth-token", token)],
            "",
        )
        .status
    };
    assert_eq!(get(&prefix, &token), 200);
    assert_eq!(get("", &token), 401);
    // Control calls under the prefix touch only the session.
    advance(&s, &prefix, 1_000_000);
    let root_now = s.control_json("/_sandbox/clock")["now"].as_u64().unwrap();
    let session_now = s.control_json(&format!("{prefix}/_sandbox/clock"))["now"]
        .as_u64()
        .unwrap();
    assert!(session_now >= root_now + 999_000);
    assert_eq!(
        s.control_json(&format!("{prefix}/_sandbox/requests"))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        s.control_json("/_sandbox/requests")
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Ended: 404, for requests and control calls alike.
    assert_eq!(s.req("DELETE", &prefix, &[], "").status, 204);
    assert_eq!(get(&prefix, "hopr-demo-token"), 404);
    assert_eq!(
        s.req("POST", &format!("{prefix}/_sandbox/reset"), &[], "")
            .status,
        404
    );
    assert_eq!(s.req("DELETE", &prefix, &[], "").status, 404);
}

#[test]
fn the_binary_exits_0_on_sigterm_and_130_on_sigint() {
    for (signal, code) in [(libc::SIGTERM, 0), (libc::SIGINT, 130)] {
        let mut child = KillOnDrop(
            Command::new(env!("CARGO_BIN_EXE_tokenops-sandbox"))
                .args(["--port", "0"])
                .stdout(Stdio::piped())
                .spawn()
                .unwrap(),
        );
        let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        assert!(
            first.starts_with("sandbox listening on http://127.0.0.1:"),
            "{first}"
        );
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(child.0.id() as libc::pid_t, signal);
        }
        assert_eq!(child.0.wait().unwrap().code(), Some(code));
    }
}

#[test]
fn the_binary_runs_a_command_inside_and_exits_with_its_status() {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenops-sandbox"))
        .args([
            "--",
            "sh",
            "-c",
            r#"test "$TOKENOPS_HOPR_URL" = "$TOKENOPS_SANDBOX_URL" && test "$TOKENOPS_HOPR_TOKEN" = hopr-demo-token && test -z "$TOKENOPS_KNETIK_PASSWORD" && echo "$TOKENOPS_SANDBOX_URL" && exit 5"#,
        ])
        .env("TOKENOPS_KNETIK_PASSWORD", "stale")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = String::from_utf8(out.stdout).unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("sandbox listening on http://127.0.0.1:"));
    // Listening on every interface, the command gets the loopback address to call.
    let out = Command::new(env!("CARGO_BIN_EXE_tokenops-sandbox"))
        .args(["--host", "0.0.0.0", "--port", "0", "--"])
        .args(["sh", "-c", r#"echo "$TOKENOPS_SANDBOX_URL""#])
        .output()
        .unwrap();
    let url = String::from_utf8(out.stdout).unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let missing = Command::new(env!("CARGO_BIN_EXE_tokenops-sandbox"))
        .args(["--", "tokenops-no-such-command"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(127));
    for args in [&["--"][..], &["--seed", "-1"], &["--knetik-token-ttl", "0"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_tokenops-sandbox"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
