//! [`HoprClient`]: the typed Rust client of the HOPR node API v3 token operations (wasm).

use std::rc::Rc;

use super::config::{AuthScheme, HoprConfig, HoprDescription};
use super::models::{Token, TokensCreate201Response, TokensCreateRequest};
use super::requests;
use crate::core::auth::Auth;
use crate::core::dry_run::DryRun;
use crate::core::error::{ApiError, Provider};
use crate::http::CallOptions;
use crate::http::Caller;

struct Inner {
    caller: Caller,
    auth: Auth,
    auth_scheme: AuthScheme,
}

/// Client for the token operations of one HOPR node (API v3). Cheap to clone (clones share the
/// settings); many calls may run at once.
///
/// ```no_run
/// # async fn demo() -> Result<(), tokenops::ApiError> {
/// use tokenops::hopr::{HoprClient, HoprConfig, TokenCapability, TokensCreateRequest};
/// use tokenops::CallOptions;
///
/// let hopr = HoprClient::new(HoprConfig {
///     base_url: "http://127.0.0.1:8787".into(),
///     api_token: "hopr-demo-token".into(),
///     ..Default::default()
/// })?;
/// let created = hopr
///     .create_token(
///         &TokensCreateRequest {
///             capabilities: vec![TokenCapability { endpoint: "tokensGetToken".into(), ..Default::default() }],
///             lifetime: Some(3600),
///             ..Default::default()
///         },
///         &CallOptions::default(),
///     )
///     .await?;
/// let mine = hopr.get_token(&CallOptions::default()).await?;
/// hopr.delete_token(&mine.id, &CallOptions::default()).await?;
/// # let _ = created;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct HoprClient {
    inner: Rc<Inner>,
}

impl HoprClient {
    /// Checks the config and makes a client; sends nothing. Fails with `InvalidArgument` or
    /// `InsecureUrl` naming the option.
    pub fn new(config: HoprConfig) -> Result<HoprClient, ApiError> {
        let (settings, auth) = config.check()?;
        Ok(HoprClient {
            inner: Rc::new(Inner {
                caller: Caller {
                    provider: Provider::Hopr,
                    settings,
                    error_fields: requests::error_fields,
                },
                auth,
                auth_scheme: config.auth_scheme,
            }),
        })
    }

    /// Creates a token (`POST /api/v3/tokens/`, tokensCreate). Resolves to its value, shown
    /// only this once. Requests the node would refuse are refused first (`InvalidArgument`).
    pub async fn create_token(
        &self,
        request: &TokensCreateRequest,
        options: &CallOptions,
    ) -> Result<TokensCreate201Response, ApiError> {
        let spec = requests::create_token(request)?;
        let inner = &self.inner;
        let resp = inner.caller.send(&spec, &inner.auth, options, &[]).await?;
        inner.caller.decode(spec.operation, &resp, &inner.auth)
    }

    /// Reads the token used to authenticate (`GET /api/v3/token`, tokensGetToken).
    pub async fn get_token(&self, options: &CallOptions) -> Result<Token, ApiError> {
        let spec = requests::get_token();
        let inner = &self.inner;
        let resp = inner.caller.send(&spec, &inner.auth, options, &[]).await?;
        inner.caller.decode(spec.operation, &resp, &inner.auth)
    }

    /// Deletes the token with this id (`DELETE /api/v3/tokens/{id}`, tokensDelete).
    pub async fn delete_token(&self, id: &str, options: &CallOptions) -> Result<(), ApiError> {
        let spec = requests::delete_token(id)?;
        let inner = &self.inner;
        inner.caller.send(&spec, &inner.auth, options, &[]).await?;
        Ok(())
    }

    /// The request [`create_token`](Self::create_token) would send, nothing sent; the token
    /// shown as a placeholder. Refuses what `create_token` refuses.
    pub fn create_token_dry_run(&self, request: &TokensCreateRequest) -> Result<DryRun, ApiError> {
        let spec = requests::create_token(request)?;
        Ok(self.inner.caller.dry_run(&spec, &self.inner.auth))
    }

    /// The request [`get_token`](Self::get_token) would send, nothing sent.
    pub fn get_token_dry_run(&self) -> DryRun {
        self.inner
            .caller
            .dry_run(&requests::get_token(), &self.inner.auth)
    }

    /// The request [`delete_token`](Self::delete_token) would send, nothing sent.
    pub fn delete_token_dry_run(&self, id: &str) -> Result<DryRun, ApiError> {
        let spec = requests::delete_token(id)?;
        Ok(self.inner.caller.dry_run(&spec, &self.inner.auth))
    }

    /// The settings, without the token.
    pub fn describe(&self) -> HoprDescription {
        let settings = &self.inner.caller.settings;
        HoprDescription {
            provider: "hopr",
            base_url: settings.base_url.as_str().to_string(),
            auth_scheme: self.inner.auth_scheme,
            timeout_ms: settings.timeout_ms,
        }
    }
}
