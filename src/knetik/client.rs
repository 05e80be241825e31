//! [`KnetikClient`]: the typed Rust client of the Knetik Cloud auth token operations (wasm). Its
//! operations are declared with their endpoints in [`super::requests`]; `list_all` is here.

use std::rc::Rc;

use super::config::{KnetikConfig, KnetikDescription};
use super::models::{OauthAccessTokenResource, PageResource};
use super::requests::{self, TokensListAllQuery, TokensQuery};
use super::token_source::TokenSource;
use crate::core::error::{ApiError, Provider};
use crate::core::json::Parsed;
use crate::core::pages::{Page, Pages};
use crate::http::call::{Client, Sender};
use crate::http::{CallOptions, Caller};

/// Every token a `list_all` finds.
pub type ListAll = Pages<OauthAccessTokenResource>;

/// Client for the auth token operations of one Knetik Cloud app (`/auth/tokens`), with OAuth2
/// from `/oauth/token`: the token is fetched once, shared by concurrent calls, refreshed before
/// it expires, and replaced once after a 401. Cheap to clone (clones share the token cache).
/// Each operation returns a [`crate::http::Call`]: awaited, it is sent; its `dry_run()` shows
/// the request instead (asking for no token).
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

/// Shows [`KnetikClient::describe`]: the settings, never the credential.
impl std::fmt::Debug for KnetikClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("KnetikClient")
            .field(&self.describe())
            .finish()
    }
}

impl Client for KnetikClient {
    type Context = ();

    fn sender(&self) -> Rc<dyn Sender<()>> {
        Rc::new(self.source.clone())
    }
}

impl KnetikClient {
    /// Checks the config and makes a client; sends nothing (the first call asks for a token).
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), tokenops::ApiError> {
    /// use tokenops::knetik::{KnetikClient, KnetikConfig};
    ///
    /// let knetik = KnetikClient::new(KnetikConfig {
    ///     base_url: "https://jsapi.knetikcloud.com".into(),
    ///     client_id: Some("admin-client".into()),
    ///     client_secret: Some("admin-secret".into()),
    ///     ..Default::default()
    /// })?;
    /// # let _ = knetik;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` or `InsecureUrl` naming the option, as [`KnetikConfig::check`] says.
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

    /// Every token matching the filters, page by page from page 1 (`pageSize` per request), as a
    /// [`futures_core::Stream`] (or with [`Pages::next`]); a page is fetched only when the items
    /// before it were taken; it ends after the first error. Bad arguments are its first item.
    /// [`Pages::dry_run`] shows the request of the first page.
    ///
    /// ```no_run
    /// # async fn demo(knetik: tokenops::knetik::KnetikClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::knetik::TokensListAllQuery;
    /// use tokenops::CallOptions;
    ///
    /// let query = TokensListAllQuery {
    ///     filter_client_id: Some("web".into()),
    ///     order: Some("username:ASC".into()),
    ///     page_size: Some(200),
    ///     ..Default::default()
    /// };
    /// let mut tokens = knetik.list_all(&query, &CallOptions::default());
    /// while let Some(token) = tokens.next().await {
    ///     println!("{:?}", token?.username);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// Its first item is `InvalidArgument` for a `page_size` of 0, an empty filter or an order
    /// that is not `PROPERTY:ASC|DESC`; then each item is `Err` when a page's
    /// [`get_tokens`](KnetikClient::get_tokens) fails, the last item.
    pub fn list_all(&self, query: &TokensListAllQuery, options: &CallOptions) -> ListAll {
        self.pages(query, options, false, |page, _| page.content.0)
    }

    /// [`KnetikClient::list_all`], each token the engine's object (what `listAll` of the JS API
    /// yields; see [`crate::http::Call::with_parsed`]).
    #[cfg(feature = "js")]
    pub(crate) fn list_all_parsed(
        &self,
        query: &TokensListAllQuery,
        options: &CallOptions,
    ) -> Pages<Parsed> {
        self.pages(query, options, true, |_, page| {
            crate::http::json::items(&page, "content")
        })
    }

    /// The pages of a listing, each page's items taken by `items` from its answer (its models
    /// read for their known fields only with `known_only`, for the JS shell).
    fn pages<R: 'static>(
        &self,
        query: &TokensListAllQuery,
        options: &CallOptions,
        known_only: bool,
        items: fn(PageResource, Parsed) -> Vec<R>,
    ) -> Pages<R> {
        let first = match query.first_page() {
            Ok(q) => q,
            Err(e) => return Pages::failed(e),
        };
        let shown = self.get_tokens(&first, options);
        let (client, options) = (self.clone(), options.clone());
        Pages::new(1, move |page_no| {
            let query = TokensQuery {
                page: Some(page_no),
                ..first.clone()
            };
            let call = client.get_tokens(&query, &options);
            Box::pin(async move {
                let (page, parsed) = call.parsed_reading(known_only).await?;
                let last = requests::is_last_page(&page, page_no);
                Ok(Page {
                    next: page_no.checked_add(1).filter(|_| !last),
                    items: items(page, parsed),
                })
            })
        })
        .showing(move || shown.dry_run())
    }

    /// The settings and the grant's name, without a secret (what `JSON.stringify` shows of a JS
    /// client).
    ///
    /// ```no_run
    /// # fn demo(knetik: tokenops::knetik::KnetikClient) {
    /// let shown = knetik.describe();
    /// println!("{} as {:?} ({})", shown.base_url, shown.client_id, shown.grant);
    /// # }
    /// ```
    pub fn describe(&self) -> KnetikDescription {
        let settings = &Sender::caller(&self.source).settings;
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
