//! A dashboard's token rotation, written against the typed HOPR API of tokenops: make a
//! read-only token for the dashboard, check it, and retire the one it replaces.

use tokenops::hopr::{HoprClient, HoprConfig, TokenCapability, TokensCreateRequest};
use tokenops::{ApiError, CallOptions, ErrorKind};

/// Creates a one-hour read-only token with `admin_token`, reads it back with itself, deletes
/// it again, and returns its id; then shows that the deleted token is refused.
pub async fn rotate(url: &str, admin_token: &str) -> Result<String, ApiError> {
    let hopr = HoprClient::new(HoprConfig {
        base_url: url.into(),
        api_token: admin_token.into(),
        ..Default::default()
    })?;
    let created = hopr
        .create_token(
            &TokensCreateRequest {
                capabilities: vec![TokenCapability {
                    endpoint: "tokensGetToken".into(),
                    ..Default::default()
                }],
                lifetime: Some(3600),
                description: Some("dashboard".into()),
                ..Default::default()
            },
            &CallOptions::default(),
        )
        .await?; // -> tokens_create_201 model: { token, .. }
    let scoped = HoprClient::new(HoprConfig {
        base_url: url.into(),
        api_token: created.token.as_str().into(),
        ..Default::default()
    })?;
    let mine = scoped.get_token(&CallOptions::default()).await?; // -> Token
    hopr.delete_token(&mine.id, &CallOptions::default()).await?; // -> ()
    match scoped.get_token(&CallOptions::default()).await {
        Err(err) if err.kind() == ErrorKind::Http && err.status() == Some(401) => {
            assert_eq!(err.code(), Some("UNAUTHORIZED"));
            Ok(mine.id)
        }
        Err(err) => Err(err),
        Ok(_) => panic!("a deleted token must be refused"),
    }
}
