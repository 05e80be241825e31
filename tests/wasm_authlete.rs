//! The typed Rust API of Authlete (v2 and v3), as a Rust app compiled to wasm uses it, against
//! the sandbox.
#![cfg(target_arch = "wasm32")]

#[path = "support/sandbox.rs"]
mod sandbox;

use futures::StreamExt;
use serde_json::json;
use tokenops::authlete::{
    AuthleteClient, AuthleteConfig, ContentType, GrantType, TokenCreateRequest, TokenListAllQuery,
    TokenListQuery, TokenRevokeRequest, TokenStatus, TokenUpdateRequest,
};
use tokenops::core::int64::Int64;
use tokenops::{CallOptions, ErrorKind};
use wasm_bindgen_test::*;

fn v2() -> AuthleteClient {
    AuthleteClient::new(AuthleteConfig {
        base_url: sandbox::URL.into(),
        api_key: Some("sandbox-key".into()),
        api_secret: Some("sandbox-secret".into()),
        ..Default::default()
    })
    .expect("valid settings")
}

fn v3() -> AuthleteClient {
    AuthleteClient::new(AuthleteConfig {
        base_url: sandbox::URL.into(),
        service_id: Some("715948317".into()),
        access_token: Some("sandbox-service-token".into()),
        ..Default::default()
    })
    .expect("valid settings")
}

fn token_for(subject: &str) -> TokenCreateRequest {
    TokenCreateRequest {
        grant_type: GrantType::Password,
        client_id: Some(1001),
        subject: Some(subject.into()),
        scopes: Some(vec!["openid".into()]),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn every_operation_in_both_versions_and_content_types() {
    sandbox::reset().await;
    let o = CallOptions::default();
    for (client, ct) in [(v2(), ContentType::Json), (v3(), ContentType::Form)] {
        let created = client
            .create(&token_for("carol"), ct, &o)
            .await
            .expect("created");
        let value = created.access_token.clone().expect("a token value");
        assert_eq!(created.action.as_deref(), Some("OK"));
        let update = TokenUpdateRequest {
            access_token: Some(value.clone()),
            scopes: Some(vec!["openid".into(), "email".into()]),
            ..Default::default()
        };
        let updated = client.update(&update, ct, &o).await.expect("updated");
        assert_eq!(
            updated.scopes.as_deref(),
            Some(&["openid".to_string(), "email".to_string()][..])
        );
        let page = client
            .list(
                &TokenListQuery {
                    subject: Some("carol".into()),
                    token_status: Some(TokenStatus::Valid),
                    ..Default::default()
                },
                &o,
            )
            .await
            .expect("listed");
        assert_eq!(page.total_count, Some(1));
        assert_eq!(page.access_tokens.len(), 1);
        let revoked = client
            .revoke(
                &TokenRevokeRequest {
                    access_token_identifier: Some(value.clone()),
                    ..Default::default()
                },
                ct,
                &o,
            )
            .await
            .expect("revoked");
        assert_eq!(*revoked.count, 1);
        let other = client
            .create(&token_for("carol"), ct, &o)
            .await
            .expect("created");
        let other = other.access_token.expect("a token value");
        client.delete(&other, &o).await.expect("deleted");
        let err = client.delete(&other, &o).await.expect_err("already gone");
        assert_eq!(err.status(), Some(404));
    }
}

#[wasm_bindgen_test]
async fn list_all_streams_every_token_and_revoke_all_repeats() {
    sandbox::reset().await;
    let client = v2();
    let o = CallOptions::default();
    for _ in 0..45 {
        client
            .create(&token_for("dave"), ContentType::Json, &o)
            .await
            .expect("created");
    }
    let query = TokenListAllQuery {
        subject: Some("dave".into()),
        page_size: Some(10),
        ..Default::default()
    };
    let hashes: Vec<String> = client
        .list_all(&query, &o)
        .map(|t| t.expect("a token").access_token_hash.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(hashes.len(), 45);
    assert_eq!(sandbox::count("GET /api/auth/token/get/list").await, 5);
    let total = client
        .revoke_all(
            &TokenRevokeRequest {
                subject: Some("dave".into()),
                ..Default::default()
            },
            ContentType::Json,
            &o,
        )
        .await
        .expect("revoked");
    assert_eq!(total.count, 45);
    // A bad page size is the stream's first and only item.
    let mut bad = client.list_all(
        &TokenListAllQuery {
            page_size: Some(0),
            ..Default::default()
        },
        &o,
    );
    let err = bad.next().await.expect("an item").expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(bad.next().await.is_none());
}

#[wasm_bindgen_test]
async fn an_answer_whose_action_is_not_ok_is_an_error() {
    sandbox::reset().await;
    let update = TokenUpdateRequest {
        access_token: Some("no-such-token".into()),
        ..Default::default()
    };
    let err = v3()
        .update(&update, ContentType::Json, &CallOptions::default())
        .await
        .expect_err("NOT_FOUND");
    assert_eq!((err.kind(), err.status()), (ErrorKind::Http, Some(200)));
    assert_eq!(err.code(), Some("A135301"));
    assert_eq!(
        err.body().and_then(|b| b["action"].as_str()),
        Some("NOT_FOUND")
    );
}

/// A client's `Debug` shows its settings, never its credential.
#[wasm_bindgen_test]
fn a_client_debugs_as_its_settings() {
    for (client, secret) in [(v2(), "sandbox-secret"), (v3(), "sandbox-service-token")] {
        let shown = format!("{client:?}");
        assert!(
            shown.starts_with("AuthleteClient(") && !shown.contains(secret),
            "{shown}"
        );
    }
}

#[wasm_bindgen_test]
async fn int64_client_ids_stay_exact() {
    sandbox::reset().await;
    let big = 9_007_199_254_740_993u64;
    let created = v3()
        .create(
            &TokenCreateRequest {
                client_id: Some(big),
                ..token_for("erin")
            },
            ContentType::Json,
            &CallOptions::default(),
        )
        .await
        .expect("created");
    assert_eq!(created.client_id, Some(Int64(big as i64)));
    sandbox::fault(
        json!({"path": "/api/auth/token/get/list", "status": 200, "body": "{\"accessTokens\":{}}"}),
    )
    .await;
    let err = v2()
        .list(&TokenListQuery::default(), &CallOptions::default())
        .await
        .expect_err("wrong shape");
    assert_eq!(err.kind(), ErrorKind::Decode);
}
