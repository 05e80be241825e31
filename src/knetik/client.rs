//! [`KnetikClient`]: the typed Rust client of the Knetik Cloud auth token operations (wasm).

use std::rc::Rc;

use serde::de::DeserializeOwned;

use super::config::{KnetikConfig, KnetikDescription};
use super::models::{OauthAccessTokenResource, PageResource};
use super::requests::{self, DeleteFilter, TokensListAllQuery, TokensQuery};
use super::token_source::TokenSource;
use crate::core::auth::{Credential, Secret};
use crate::core::dry_run::DryRun;
use crate::core::error::{ApiError, Provider};
use crate::core::pages::{Page, Pages};
use crate::core::request::RequestSpec;
use crate::http::CallOptions;
use crate::http::Caller;

/// Every token a `list_all` finds.
pub type ListAll = Pages<OauthAccessTokenResource>;

/// Client for the auth token operations of one Knetik Cloud app (`/auth/tokens`), with OAuth2
/// from `/oauth/token`: the token is fetched once, shared by concurrent calls, refreshed before
/// it expires, and replaced once after a 401. Cheap to clone (clones share the token cache).
///
/// ```no_run
/// # async fn demo() -> Result<(), tokenops::ApiError> {
/// use tokenops::knetik::{KnetikClient, KnetikConfig, TokensQuery};
/// use tokenops::CallOptions;
///
/// let knetik = KnetikClient::new(KnetikConfig {
///     base_url: "http://127.0.0.1:8787".into(),
///     client_id: Some("admin-client".into()),
///     client_secret: Some("admin-secret".into()),
///     ..Default::default()
/// })?;
/// let query = TokensQuery { filter_username: Some("alice".into()), ..Default::default() };
/// let page = knetik.get_tokens(&query, &CallOptions::default()).await?;
/// # let _ = page;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct KnetikClient {
    source: Rc<TokenSource>,
}

impl KnetikClient {
    /// Checks the config and makes a client; sends nothing (the first call asks for a token).
    pub fn new(config: KnetikConfig) -> Result<KnetikClient, ApiError> {
        let checked = config.check()?;
        let caller = Caller {
            provider: Provider::Knetik,
            settings: checked.settings,
            error_fields: requests::error_fields,
        };
        Ok(KnetikClient {
            source: TokenSource::new(checked.grant, caller),
        })
    }

    async fn call<T: DeserializeOwned>(
        &self,
        spec: &RequestSpec,
        options: &CallOptions,
    ) -> Result<T, ApiError> {
        let (resp, auth) = self.source.send(spec, options).await?;
        self.source.caller().decode(spec.operation, &resp, &auth)
    }

    /// Lists one page of issued tokens (`GET /auth/tokens`, getTokens). `page` counts from 1;
    /// list items carry no `token` value.
    pub async fn get_tokens(
        &self,
        query: &TokensQuery,
        options: &CallOptions,
    ) -> Result<PageResource, ApiError> {
        let spec = requests::get_tokens(query)?;
        self.call(&spec, options).await
    }

    /// Every token matching the filters, page by page from page 1 (`pageSize` per request), as a
    /// [`futures_core::Stream`] (or with [`Pages::next`]); a page is fetched only when the items
    /// before it were taken; it ends after the first error. Bad arguments are its first item.
    pub fn list_all(&self, query: &TokensListAllQuery, options: &CallOptions) -> ListAll {
        let first = match query.first_page() {
            Ok(q) => q,
            Err(e) => return Pages::failed(e),
        };
        let (client, options) = (self.clone(), options.clone());
        Pages::new(1, move |page_no| {
            let (client, options) = (client.clone(), options.clone());
            let query = TokensQuery {
                page: Some(page_no),
                ..first.clone()
            };
            Box::pin(async move {
                let page = client.get_tokens(&query, &options).await?;
                let last = requests::is_last_page(&page, page_no);
                Ok(Page {
                    next: page_no.checked_add(1).filter(|_| !last),
                    items: page.content.0,
                })
            })
        })
    }

    /// Reads the token issued to one user for one client (`GET
    /// /auth/tokens/{username}/{client_id}`, getToken), with its `token` value.
    pub async fn get_token(
        &self,
        username: &str,
        client_id: &str,
        options: &CallOptions,
    ) -> Result<OauthAccessTokenResource, ApiError> {
        let spec = requests::get_token(username, client_id)?;
        self.call(&spec, options).await
    }

    /// Deletes the tokens of a user, of a client, or of a user for a client (`DELETE
    /// /auth/tokens`, deleteTokens). A filter naming neither is refused before anything is
    /// sent (the server would delete every token).
    pub async fn delete_tokens(
        &self,
        filter: &DeleteFilter,
        options: &CallOptions,
    ) -> Result<(), ApiError> {
        let spec = requests::delete_tokens(filter)?;
        self.source.send(&spec, options).await?;
        Ok(())
    }

    /// The request [`get_tokens`](Self::get_tokens) would send, nothing sent (no token request
    /// either): the bearer token shown as a placeholder. Refuses what `get_tokens` refuses.
    /// (The same holds for the `*_dry_run` twins below.)
    pub fn get_tokens_dry_run(&self, query: &TokensQuery) -> Result<DryRun, ApiError> {
        self.dry_run(requests::get_tokens(query))
    }

    /// The request of the first page [`list_all`](Self::list_all) would fetch.
    pub fn list_all_dry_run(&self, query: &TokensListAllQuery) -> Result<DryRun, ApiError> {
        self.get_tokens_dry_run(&query.first_page()?)
    }

    /// The request [`get_token`](Self::get_token) would send.
    pub fn get_token_dry_run(&self, username: &str, client_id: &str) -> Result<DryRun, ApiError> {
        self.dry_run(requests::get_token(username, client_id))
    }

    /// The request [`delete_tokens`](Self::delete_tokens) would send.
    pub fn delete_tokens_dry_run(&self, filter: &DeleteFilter) -> Result<DryRun, ApiError> {
        self.dry_run(requests::delete_tokens(filter))
    }

    fn dry_run(&self, spec: Result<RequestSpec, ApiError>) -> Result<DryRun, ApiError> {
        let base_url = self.source.caller().settings.base_url.as_str();
        let bearer = Credential::Bearer(Secret::default()).shown();
        Ok(DryRun::new(&spec?, base_url, bearer))
    }

    /// The settings and the grant's name, without a secret.
    pub fn describe(&self) -> KnetikDescription {
        let settings = &self.source.caller().settings;
        let grant = self.source.grant();
        KnetikDescription {
            provider: "knetik",
            base_url: settings.base_url.as_str().to_string(),
            grant: grant.name(),
            client_id: grant.client_id().map(str::to_string),
            timeout_ms: settings.timeout_ms,
        }
    }
}
