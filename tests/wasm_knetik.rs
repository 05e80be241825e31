//! The typed Rust API of Knetik Cloud, as a Rust app compiled to wasm uses it, against the
//! sandbox: every operation, the OAuth token shared by concurrent calls, one fresh token after a
//! 401.
#![cfg(target_arch = "wasm32")]

#[path = "support/sandbox.rs"]
mod sandbox;

use futures::StreamExt;
use serde_json::json;
use tokenops::knetik::{DeleteFilter, KnetikClient, KnetikConfig, TokensListAllQuery, TokensQuery};
use tokenops::{CallOptions, ErrorKind};
use wasm_bindgen_test::*;

fn admin() -> KnetikClient {
    KnetikClient::new(KnetikConfig {
        base_url: sandbox::URL.into(),
        client_id: Some("admin-client".into()),
        client_secret: Some("admin-secret".into()),
        ..Default::default()
    })
    .expect("valid settings")
}

fn user(name: &str, password: &str) -> KnetikClient {
    KnetikClient::new(KnetikConfig {
        base_url: sandbox::URL.into(),
        client_id: Some("web".into()),
        username: Some(name.into()),
        password: Some(password.into()),
        ..Default::default()
    })
    .expect("valid settings")
}

#[wasm_bindgen_test]
async fn every_operation() {
    sandbox::reset().await;
    let o = CallOptions::default();
    // The password grant gives alice a token the admin can then see.
    user("alice", "alice-pass")
        .get_tokens(&TokensQuery::default(), &o)
        .await
        .expect_err("alice may not list tokens");
    let k = admin();
    let page = k
        .get_tokens(
            &TokensQuery {
                filter_username: Some("alice".into()),
                order: Some("username:asc".into()),
                ..Default::default()
            },
            &o,
        )
        .await
        .expect("a page");
    assert!(!page.content.is_empty());
    assert!(
        page.content
            .iter()
            .all(|t| t.username.as_deref() == Some("alice") && t.token.is_none()),
        "alice's tokens, without their values"
    );
    let one = k
        .get_token("alice", "web", &o)
        .await
        .expect("alice's token");
    assert!(one.token.is_some());
    let all: Vec<_> = k
        .list_all(&TokensListAllQuery::default(), &o)
        .collect()
        .await;
    assert!(all.iter().all(Result::is_ok) && all.len() >= 2);
    k.delete_tokens(
        &DeleteFilter {
            username: Some("alice".into()),
            client_id: None,
        },
        &o,
    )
    .await
    .expect("deleted");
    let err = k.get_token("alice", "web", &o).await.expect_err("gone");
    assert_eq!((err.kind(), err.status()), (ErrorKind::Http, Some(404)));
    let err = k
        .delete_tokens(&DeleteFilter::default(), &o)
        .await
        .expect_err("a filter is required");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

/// A client's `Debug` shows its settings, never its credential.
#[wasm_bindgen_test]
fn a_client_debugs_as_its_settings() {
    let shown = format!("{:?}", admin());
    assert!(
        shown.starts_with("KnetikClient(") && !shown.contains("admin-secret"),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn concurrent_calls_share_one_token_request() {
    sandbox::reset().await;
    let k = admin();
    let calls = (0..10).map(|_| {
        let k = k.clone();
        async move {
            k.get_tokens(&TokensQuery::default(), &CallOptions::default())
                .await
        }
    });
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(sandbox::count("POST /oauth/token").await, 1);
    assert_eq!(sandbox::count("GET /auth/tokens").await, 10);
}

#[wasm_bindgen_test]
async fn a_401_gets_one_fresh_token_and_one_retry() {
    sandbox::reset().await;
    let k = admin();
    k.get_tokens(&TokensQuery::default(), &CallOptions::default())
        .await
        .expect("first call");
    sandbox::fault(json!({"path": "/auth/tokens", "count": 1, "status": 401, "body": "{\"error\":\"invalid_token\"}"})).await;
    k.get_tokens(&TokensQuery::default(), &CallOptions::default())
        .await
        .expect("repeated with a fresh token");
    assert_eq!(sandbox::count("POST /oauth/token").await, 2);
    let err = KnetikClient::new(KnetikConfig {
        base_url: sandbox::URL.into(),
        client_id: Some("admin-client".into()),
        client_secret: Some("wrong".into()),
        ..Default::default()
    })
    .expect("valid settings")
    .get_tokens(&TokensQuery::default(), &CallOptions::default())
    .await
    .expect_err("bad secret");
    assert_eq!(err.operation(), "getOAuthToken");
    assert!(!err.message().contains("wrong"), "{}", err.message());
}
