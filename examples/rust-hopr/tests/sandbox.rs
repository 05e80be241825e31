//! The example against the sandbox it runs under (`tokenops sandbox -- wasm-pack test ...`
//! sets `TOKENOPS_SANDBOX_URL`, which `tokenops::testing` reads at build time). Each test takes a
//! session of its own: an isolated, seeded world, so the tests need no reset between them.
#![cfg(target_arch = "wasm32")]

use tokenops::hopr::{HoprClient, HoprConfig, TokenCapability, TokensCreateRequest};
use tokenops::testing::Sandbox;
use tokenops::{CallOptions, ErrorKind};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn rotates_a_dashboard_token() {
    let session = Sandbox::from_env().session().await.expect("a session");
    let id = rust_hopr_example::rotate(session.url(), "hopr-admin-token")
        .await
        .expect("the rotation works");
    assert!(!id.is_empty());
    session.close().await.expect("ended");
}

#[wasm_bindgen_test]
async fn a_wrong_admin_token_is_an_http_401() {
    let session = Sandbox::from_env().session().await.expect("a session");
    let err = rust_hopr_example::rotate(session.url(), "not-a-token")
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(401));
}

/// Expiry without sleeping: the token lives 60 s of the sandbox's clock, which the test moves.
#[wasm_bindgen_test]
async fn a_token_expires_when_the_sandbox_clock_passes_its_lifetime() {
    let session = Sandbox::from_env().session().await.expect("a session");
    let client = |token: &str| {
        HoprClient::new(HoprConfig {
            base_url: session.url().into(),
            api_token: token.into(),
            ..Default::default()
        })
        .expect("a client")
    };
    let request = TokensCreateRequest {
        capabilities: vec![TokenCapability {
            endpoint: "tokensGetToken".into(),
            ..Default::default()
        }],
        lifetime: Some(60),
        ..Default::default()
    };
    let made = client("hopr-admin-token")
        .create_token(&request, &CallOptions::default())
        .await
        .expect("created");
    let scoped = client(&made.token);
    assert!(scoped.get_token(&CallOptions::default()).await.is_ok());
    session.advance_clock(61_000).await.expect("the clock moved");
    let err = scoped
        .get_token(&CallOptions::default())
        .await
        .expect_err("expired");
    assert_eq!(err.status(), Some(401));
    session.close().await.expect("ended");
}
