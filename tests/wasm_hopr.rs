//! The typed Rust API of HOPR, as a Rust app compiled to wasm uses it, against the sandbox
//! (scripts/test.sh runs it in Node, headless Chromium and headless Firefox).
#![cfg(target_arch = "wasm32")]

#[path = "support/sandbox.rs"]
mod sandbox;

use serde_json::json;
use tokenops::hopr::{
    AuthScheme, HoprClient, HoprConfig, TokenCapability, TokenCapabilityLimit,
    TokenCapabilityLimitConditions, TokensCreateRequest,
};
use tokenops::{ApiError, CallOptions, ErrorKind, Retry, RetryPolicy, CREDENTIAL_PLACEHOLDER};
use wasm_bindgen_test::*;

fn client(token: &str, auth_scheme: AuthScheme) -> HoprClient {
    HoprClient::new(HoprConfig {
        base_url: sandbox::URL.into(),
        api_token: token.into(),
        auth_scheme,
        ..Default::default()
    })
    .expect("valid settings")
}

fn capability(endpoint: &str) -> TokenCapability {
    TokenCapability {
        endpoint: endpoint.into(),
        ..Default::default()
    }
}

fn no_retry() -> CallOptions {
    CallOptions {
        retry: Some(Retry::Off),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn every_operation_with_both_schemes() {
    sandbox::reset().await;
    for scheme in [AuthScheme::Header, AuthScheme::Basic] {
        let admin = client("hopr-admin-token", scheme);
        let request = TokensCreateRequest {
            capabilities: vec![TokenCapability {
                limits: Some(vec![TokenCapabilityLimit {
                    kind: "calls".into(),
                    conditions: Some(TokenCapabilityLimitConditions {
                        max: Some(10),
                        ..Default::default()
                    }),
                    ..Default::default()
                }]),
                ..capability("tokensGetToken")
            }],
            lifetime: Some(600),
            description: Some("from wasm".into()),
        };
        let created = admin
            .create_token(&request, &CallOptions::default())
            .await
            .expect("created");
        let mine = client(&created.token, scheme)
            .get_token(&CallOptions::default())
            .await
            .expect("the new token reads itself");
        assert_eq!(mine.description.as_deref(), Some("from wasm"));
        assert_eq!(mine.capabilities[0].endpoint, "tokensGetToken");
        let limit = &mine.capabilities[0].limits.as_ref().expect("limits")[0];
        assert_eq!(limit.conditions.as_ref().and_then(|c| c.max), Some(10));
        assert_eq!(limit.used, Some(1));
        assert!(mine.valid_until.is_some());
        admin
            .delete_token(&mine.id, &CallOptions::default())
            .await
            .expect("deleted");
        let gone = client(&created.token, scheme)
            .get_token(&CallOptions::default())
            .await
            .expect_err("a deleted token is refused");
        assert_eq!((gone.kind(), gone.status()), (ErrorKind::Http, Some(401)));
    }
}

#[wasm_bindgen_test]
async fn http_errors_carry_status_code_and_operation() {
    sandbox::reset().await;
    let err = client("not-a-token", AuthScheme::Header)
        .get_token(&CallOptions::default())
        .await
        .expect_err("unknown token");
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.code(), Some("UNAUTHORIZED"));
    assert_eq!(err.operation(), "tokensGetToken");
    let err = client("hopr-demo-token", AuthScheme::Header)
        .delete_token("missing", &CallOptions::default())
        .await
        .expect_err("no such token");
    assert_eq!((err.status(), err.code()), (Some(404), None));
    sandbox::fault(json!({"path": "/api/v3/token", "status": 429, "body": "", "retryAfter": "30"}))
        .await;
    let err = client("hopr-demo-token", AuthScheme::Header)
        .get_token(&CallOptions::default())
        .await
        .expect_err("rate limited");
    assert_eq!(
        (err.status(), err.retry_after_ms()),
        (Some(429), Some(30_000))
    );
}

#[wasm_bindgen_test]
async fn network_timeout_decode_and_abort_errors_then_recovery() {
    sandbox::reset().await;
    let hopr = client("hopr-demo-token", AuthScheme::Header);
    let closed = HoprClient::new(HoprConfig {
        base_url: "http://127.0.0.1:9".into(),
        api_token: "x".into(),
        retry: Retry::Off,
        ..Default::default()
    })
    .expect("valid settings");
    let err = closed
        .get_token(&CallOptions::default())
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Network);

    sandbox::fault(json!({"path": "/api/v3/token", "delayMs": 3000})).await;
    let quick = CallOptions {
        timeout_ms: Some(200),
        ..no_retry()
    };
    let err = hopr.get_token(&quick).await.expect_err("too slow");
    assert_eq!((err.kind(), err.status()), (ErrorKind::Timeout, None));

    sandbox::fault(json!({"path": "/api/v3/token", "status": 200, "body": "{\"id\":5}"})).await;
    let err = hopr.get_token(&no_retry()).await.expect_err("wrong shape");
    assert_eq!((err.kind(), err.status()), (ErrorKind::Decode, Some(200)));

    let controller = web_sys::AbortController::new().expect("AbortController");
    controller.abort();
    let aborted = CallOptions {
        signal: Some(controller.signal()),
        ..Default::default()
    };
    let err = hopr.get_token(&aborted).await.expect_err("aborted");
    assert_eq!(err.kind(), ErrorKind::Aborted);

    let ok = hopr
        .get_token(&CallOptions::default())
        .await
        .expect("still works");
    assert_eq!(ok.id, "hopr-demo-token");
}

#[wasm_bindgen_test]
async fn bad_arguments_fail_before_any_request() {
    sandbox::reset().await;
    let hopr = client("hopr-demo-token", AuthScheme::Header);
    let checks: Vec<(Result<(), ApiError>, &str)> = vec![
        (
            hopr.delete_token("..", &CallOptions::default()).await,
            "`id`",
        ),
        (
            hopr.create_token(&TokensCreateRequest::default(), &CallOptions::default())
                .await
                .map(drop),
            "`request.capabilities`",
        ),
        (
            hopr.create_token(
                &TokensCreateRequest {
                    capabilities: vec![capability("tokensCreat")],
                    ..Default::default()
                },
                &CallOptions::default(),
            )
            .await
            .map(drop),
            "`request.capabilities[0].endpoint`",
        ),
        (
            hopr.get_token(&CallOptions {
                timeout_ms: Some(0),
                ..Default::default()
            })
            .await
            .map(drop),
            "`options.timeoutMs`",
        ),
    ];
    for (result, field) in checks {
        let err = result.expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{}", err.message());
        assert!(err.message().contains(field), "{}", err.message());
    }
    assert_eq!(sandbox::count("GET /api/v3/token").await, 0);
    let insecure = HoprClient::new(HoprConfig {
        base_url: "http://example.com".into(),
        api_token: "x".into(),
        ..Default::default()
    });
    assert_eq!(
        insecure.err().map(|e| e.kind()),
        Some(ErrorKind::InsecureUrl)
    );
}

#[wasm_bindgen_test]
async fn an_abort_during_a_retry_backoff_ends_the_call_at_once() {
    sandbox::reset().await;
    sandbox::fault(json!({"path": "/api/v3/token", "count": 3, "status": 503, "body": ""})).await;
    let hopr = HoprClient::new(HoprConfig {
        base_url: sandbox::URL.into(),
        api_token: "hopr-demo-token".into(),
        retry: Retry::Policy(RetryPolicy {
            retries: 2,
            min_delay_ms: 5_000,
            max_delay_ms: 5_000,
        }),
        ..Default::default()
    })
    .expect("valid settings");
    let controller = web_sys::AbortController::new().expect("AbortController");
    let options = CallOptions {
        signal: Some(controller.signal()),
        ..Default::default()
    };
    let started = sandbox::now();
    let abort_later = async {
        sandbox::sleep(300).await;
        controller.abort();
    };
    let (result, ()) = futures::join!(hopr.get_token(&options), abort_later);
    let err = result.expect_err("aborted");
    assert_eq!(err.kind(), ErrorKind::Aborted);
    // One attempt, then the abort cut the 5-second backoff short.
    assert_eq!(sandbox::count("GET /api/v3/token").await, 1);
    assert!(
        sandbox::now() - started < 4_000.0,
        "the backoff was waited out"
    );
}

/// A client's `Debug` shows its settings (so a struct that holds one can derive `Debug`), never
/// its credential.
#[wasm_bindgen_test]
fn a_client_debugs_as_its_settings() {
    let shown = format!("{:?}", client("hopr-demo-token", AuthScheme::Basic));
    assert!(
        shown.starts_with("HoprClient(") && shown.contains(sandbox::URL),
        "{shown}"
    );
    assert!(!shown.contains("hopr-demo-token"), "{shown}");
}

#[wasm_bindgen_test]
async fn a_prepared_call_shows_itself_and_sends_nothing() {
    sandbox::reset().await;
    let hopr = client("hopr-demo-token", AuthScheme::Basic);
    let request = TokensCreateRequest {
        capabilities: vec![capability("tokensGetToken")],
        lifetime: Some(60),
        ..Default::default()
    };
    let none = CallOptions::default();
    let run = hopr
        .create_token(&request, &none)
        .dry_run()
        .expect("a valid request");
    assert_eq!(run.method, "POST");
    assert_eq!(run.url, format!("{}/api/v3/tokens/", sandbox::URL));
    assert_eq!(
        run.headers.get("authorization"),
        Some(format!("Basic {CREDENTIAL_PLACEHOLDER}").as_str())
    );
    assert_eq!(
        run.body.as_deref(),
        Some(r#"{"capabilities":[{"endpoint":"tokensGetToken"}],"lifetime":60}"#)
    );
    assert!(!format!("{run:?}").contains("hopr-demo-token"));
    let err = hopr.delete_token("..", &none).dry_run().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(hopr.get_token(&none).dry_run().unwrap().method, "GET");
    assert_eq!(sandbox::count("POST /api/v3/tokens/").await, 0);

    // A dry run refuses what the call would refuse, the bounds of its options too.
    let bad = CallOptions {
        timeout_ms: Some(0),
        ..Default::default()
    };
    let err = hopr.get_token(&bad).dry_run().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(
        err.message().contains("`options.timeoutMs`"),
        "{}",
        err.message()
    );
    assert_eq!(sandbox::count("GET /api/v3/token").await, 0);
}

/// Dropping a call's future before its answer (a `select!` it lost, a component gone) aborts
/// its request, so the engine does not finish a request nobody waits for.
#[wasm_bindgen_test]
async fn dropping_a_call_aborts_its_request() {
    use futures::future::{select, Either};
    use tokenops::Fetch;
    let kept = js_sys::Object::new();
    let holding = js_sys::Function::new_with_args(
        "request",
        "this.request = request; return new Promise(() => {});",
    )
    .bind0(&kept);
    let hopr = HoprClient::new(HoprConfig {
        base_url: sandbox::URL.into(),
        api_token: "hopr-demo-token".into(),
        fetch: Some(Fetch::new(holding)),
        ..Default::default()
    })
    .expect("valid settings");
    let options = no_retry();
    let call = Box::pin(hopr.get_token(&options));
    match select(call, gloo_timers::future::TimeoutFuture::new(50)).await {
        Either::Left(_) => panic!("a request held forever cannot answer"),
        Either::Right(((), call)) => drop(call),
    }
    let get =
        |of: &wasm_bindgen::JsValue, name: &str| js_sys::Reflect::get(of, &name.into()).unwrap();
    let signal = get(&get(&kept, "request"), "signal");
    assert_eq!(get(&signal, "aborted").as_bool(), Some(true));
}

/// The `fetch` option: every request goes through the caller's function (here one that counts
/// and delegates to the global `fetch`); one that rejects, or resolves to something other than
/// a `Response`, is a `network` error, and the client keeps working.
#[wasm_bindgen_test]
async fn the_fetch_option_sends_every_request_through_the_given_function() {
    use tokenops::Fetch;
    use wasm_bindgen::JsValue;
    sandbox::reset().await;
    let seen = js_sys::Object::new();
    let counting = js_sys::Function::new_with_args(
        "request",
        "this.calls = (this.calls || 0) + 1; this.url = request.url; return fetch(request);",
    )
    .bind0(&seen);
    let with = |function: js_sys::Function| {
        HoprClient::new(HoprConfig {
            base_url: sandbox::URL.into(),
            api_token: "hopr-demo-token".into(),
            fetch: Some(Fetch::new(function)),
            ..Default::default()
        })
        .expect("valid settings")
    };
    let hopr = with(counting);
    assert_eq!(
        hopr.get_token(&no_retry()).await.unwrap().id,
        "hopr-demo-token"
    );
    let calls = js_sys::Reflect::get(&seen, &JsValue::from_str("calls")).unwrap();
    assert_eq!(calls.as_f64(), Some(1.0));
    let url = js_sys::Reflect::get(&seen, &JsValue::from_str("url")).unwrap();
    assert_eq!(
        url.as_string().unwrap(),
        format!("{}/api/v3/token", sandbox::URL)
    );
    assert_eq!(sandbox::count("GET /api/v3/token").await, 1);

    for body in [
        "return Promise.reject(new TypeError('offline'));",
        "return 42;",
        "throw new Error('broken');",
    ] {
        let err = with(js_sys::Function::new_with_args("request", body))
            .get_token(&no_retry())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Network, "{body}: {}", err.message());
    }
    assert!(hopr.get_token(&no_retry()).await.is_ok());
}
