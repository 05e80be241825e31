//! [`AuthleteClient`]: the typed Rust client of the Authlete token operations, v2 and v3 (wasm).
//! Its operations are declared with their endpoints in [`super::requests`]; `list_all` is here.

use std::rc::Rc;

use super::config::{ApiVersion, AuthleteConfig, AuthleteDescription, CheckedAuthlete};
use super::models::{AccessToken, TokenGetListResponse};
use super::requests::{self, TokenListAllQuery};
use crate::core::error::{ApiError, Provider};
use crate::core::json::Parsed;
use crate::core::pages::{Page, Pages};
use crate::http::call::{Client, Fixed, Sender};
use crate::http::{CallOptions, Caller};

/// Every token a `list_all` finds.
pub type ListAll = Pages<AccessToken>;

/// Client for the token operations of one Authlete service, API v2 (`/api/auth/token/...`,
/// HTTP Basic) or v3 (`/api/{serviceId}/auth/token/...`, Bearer). Cheap to clone; many calls
/// may run at once. Each operation returns a [`crate::http::Call`]: awaited, it is sent; its
/// `dry_run()` shows the request instead.
///
/// A create, update or revoke answered with a 200 whose `action` is not `OK` fails with an
/// [`ApiError`] of kind `Http`, status 200, code = `resultCode`.
///
/// ```no_run
/// # async fn demo() -> Result<(), tokenops::ApiError> {
/// use tokenops::authlete::{AuthleteClient, AuthleteConfig, ContentType, TokenRevokeRequest};
/// use tokenops::CallOptions;
///
/// let authlete = AuthleteClient::new(AuthleteConfig {
///     base_url: "http://127.0.0.1:8787".into(),
///     api_key: Some("sandbox-key".into()),
///     api_secret: Some("sandbox-secret".into()),
///     ..Default::default()
/// })?;
/// let all = TokenRevokeRequest { subject: Some("carol".into()), ..Default::default() };
/// let revoked = authlete.revoke_all(&all, ContentType::Json, &CallOptions::default()).await?;
/// # let _ = revoked;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct AuthleteClient {
    sender: Rc<Fixed<CheckedAuthlete>>,
}

/// Shows [`AuthleteClient::describe`]: the settings, never the credential.
impl std::fmt::Debug for AuthleteClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("AuthleteClient")
            .field(&self.describe())
            .finish()
    }
}

impl Client for AuthleteClient {
    type Context = CheckedAuthlete;

    fn sender(&self) -> Rc<dyn Sender<CheckedAuthlete>> {
        self.sender.clone()
    }
}

impl AuthleteClient {
    /// Checks the config and makes a client; sends nothing.
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), tokenops::ApiError> {
    /// use tokenops::authlete::{ApiVersion, AuthleteClient, AuthleteConfig};
    ///
    /// let authlete = AuthleteClient::new(AuthleteConfig {
    ///     base_url: "https://us.authlete.com".into(),
    ///     service_id: Some("715948317".into()),
    ///     access_token: Some("service-access-token".into()),
    ///     ..Default::default()
    /// })?;
    /// assert_eq!(authlete.version(), ApiVersion::V3);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` or `InsecureUrl` naming the option, as [`AuthleteConfig::check`] says.
    pub fn new(config: AuthleteConfig) -> Result<AuthleteClient, ApiError> {
        let checked = config.check()?;
        let caller = Caller {
            provider: Provider::Authlete,
            settings: checked.settings.clone(),
            error_fields: requests::error_fields,
        };
        let auth = checked.auth.clone();
        Ok(AuthleteClient {
            sender: Rc::new(Fixed {
                caller,
                auth,
                context: checked,
            }),
        })
    }

    /// Every token matching the filters, fetched lazily in windows of `pageSize` as a
    /// [`futures_core::Stream`] (or with [`Pages::next`]); it stops on an empty page, at
    /// `totalCount`, or (without one) after a short page, and ends after the first error. Bad
    /// arguments are its first item. [`Pages::dry_run`] shows the request of the first page.
    ///
    /// ```no_run
    /// # async fn demo(authlete: tokenops::authlete::AuthleteClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::authlete::{TokenListAllQuery, TokenStatus};
    /// use tokenops::CallOptions;
    ///
    /// let query = TokenListAllQuery {
    ///     subject: Some("alice".into()),
    ///     token_status: Some(TokenStatus::All),
    ///     page_size: Some(500),
    ///     ..Default::default()
    /// };
    /// let mut tokens = authlete.list_all(&query, &CallOptions::default());
    /// while let Some(token) = tokens.next().await {
    ///     let token = token?;
    ///     println!("{:?} expires at {:?}", token.access_token_hash, token.access_token_expires_at);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// Its first item is `InvalidArgument` for a `page_size` outside 1 to 1000 or an empty
    /// filter; then each item is `Err` when a page's [`list`](AuthleteClient::list) fails, the
    /// last item.
    pub fn list_all(&self, query: &TokenListAllQuery, options: &CallOptions) -> ListAll {
        self.pages(query, options, false, |page, _| page.access_tokens.0)
    }

    /// [`AuthleteClient::list_all`], each token the engine's object (what `listAll` of the JS
    /// API yields; see [`crate::http::Call::with_parsed`]).
    #[cfg(feature = "js")]
    pub(crate) fn list_all_parsed(
        &self,
        query: &TokenListAllQuery,
        options: &CallOptions,
    ) -> Pages<Parsed> {
        self.pages(query, options, true, |_, page| {
            crate::http::json::items(&page, "accessTokens")
        })
    }

    /// The pages of a listing, each page's items taken by `items` from its answer (its models
    /// read for their known fields only with `known_only`, for the JS shell).
    fn pages<R: 'static>(
        &self,
        query: &TokenListAllQuery,
        options: &CallOptions,
        known_only: bool,
        items: fn(TokenGetListResponse, Parsed) -> Vec<R>,
    ) -> Pages<R> {
        let page_size = match query.check() {
            Ok(n) => n,
            Err(e) => return Pages::failed(e),
        };
        let first = self.list(&query.window(0, page_size), options);
        let (client, query, options) = (self.clone(), query.clone(), options.clone());
        Pages::new(0, move |start| {
            let list = client.list(&query.window(start, page_size), &options);
            Box::pin(async move {
                let (page, parsed) = list.parsed_reading(known_only).await?;
                let fetched = page.access_tokens.len() as u32;
                let next_start = start.saturating_add(fetched);
                let done = requests::paging_done(
                    next_start.into(),
                    fetched.into(),
                    page_size.into(),
                    page.total_count,
                );
                Ok(Page {
                    items: items(page, parsed),
                    next: (!done).then_some(next_start),
                })
            })
        })
        .showing(move || first.dry_run())
    }

    /// The settings, without a credential (what `JSON.stringify` shows of a JS client).
    ///
    /// ```no_run
    /// # fn demo(authlete: tokenops::authlete::AuthleteClient) {
    /// let shown = authlete.describe();
    /// println!("{} {:?} {:?}", shown.base_url, shown.api_version, shown.service_id);
    /// # }
    /// ```
    pub fn describe(&self) -> AuthleteDescription {
        let c = &self.sender.context;
        AuthleteDescription {
            provider: "authlete",
            base_url: c.settings.base_url.as_str().to_string(),
            api_version: c.version.clone(),
            service_id: c.service_id.clone(),
            timeout_ms: c.settings.timeout_ms,
        }
    }

    /// `v2` or `v3` (example: [`AuthleteClient::new`]).
    pub fn version(&self) -> ApiVersion {
        self.sender.context.version.clone()
    }
}
