//! [`AuthleteClient`]: the typed Rust client of the Authlete token operations, v2 and v3 (wasm).

use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::config::{ApiVersion, AuthleteConfig, AuthleteDescription, CheckedAuthlete};
use super::models::{
    AccessToken, RevokeAllResponse, TokenCreateRequest, TokenCreateResponse, TokenGetListResponse,
    TokenRevokeRequest, TokenRevokeResponse, TokenUpdateRequest, TokenUpdateResponse,
};
use super::requests::{self, ContentType, TokenListAllQuery, TokenListQuery};
use crate::core::decode::RawResponse;
use crate::core::dry_run::DryRun;
use crate::core::error::{ApiError, Provider};
use crate::core::json;
use crate::core::pages::{Page, Pages};
use crate::core::request::RequestSpec;
use crate::http::CallOptions;
use crate::http::Caller;

/// Upper bound on revoke calls one `revoke_all` makes.
const MAX_REVOKE_CALLS: u32 = 100_000;

/// Every token a `list_all` finds.
pub type ListAll = Pages<AccessToken>;

struct Inner {
    caller: Caller,
    checked: CheckedAuthlete,
}

impl Inner {
    async fn send(
        &self,
        spec: &RequestSpec,
        options: &CallOptions,
    ) -> Result<RawResponse, ApiError> {
        self.caller
            .send(spec, &self.checked.auth, options, &[])
            .await
    }

    fn dry_run(&self, spec: Result<RequestSpec, ApiError>) -> Result<DryRun, ApiError> {
        Ok(self.caller.dry_run(&spec?, &self.checked.auth))
    }

    fn decode<T: DeserializeOwned>(
        &self,
        spec: &RequestSpec,
        resp: &RawResponse,
    ) -> Result<T, ApiError> {
        self.caller.decode(spec.operation, resp, &self.checked.auth)
    }

    /// Sends a create/update/revoke, decodes the answer and applies the non-OK action rule
    /// ([`requests::check_action`]).
    async fn send_checked<T: DeserializeOwned>(
        &self,
        spec: &RequestSpec,
        options: &CallOptions,
        action: impl Fn(&T) -> Option<&str>,
    ) -> Result<T, ApiError> {
        let resp = self.send(spec, options).await?;
        let answer: T = self.decode(spec, &resp)?;
        if !matches!(action(&answer), None | Some("OK")) {
            // The rare error path reads the whole body again (for `ApiError.body`).
            let body: Value = json::parse_value(&resp.body_text()).unwrap_or_default();
            let secrets = self.checked.auth.secrets();
            requests::check_action(spec.operation, resp.status, &body, &secrets)?;
        }
        Ok(answer)
    }

    async fn list(
        &self,
        query: &TokenListQuery,
        options: &CallOptions,
    ) -> Result<TokenGetListResponse, ApiError> {
        let spec = requests::list(&self.checked.prefix, query)?;
        let resp = self.send(&spec, options).await?;
        self.decode(&spec, &resp)
    }
}

fn revoke_action(r: &TokenRevokeResponse) -> Option<&str> {
    r.extra.get("action").and_then(Value::as_str)
}

/// Client for the token operations of one Authlete service, API v2 (`/api/auth/token/...`,
/// HTTP Basic) or v3 (`/api/{serviceId}/auth/token/...`, Bearer). Cheap to clone; many calls
/// may run at once.
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
    inner: Rc<Inner>,
}

impl AuthleteClient {
    /// Checks the config and makes a client; sends nothing.
    pub fn new(config: AuthleteConfig) -> Result<AuthleteClient, ApiError> {
        let checked = config.check()?;
        Ok(AuthleteClient {
            inner: Rc::new(Inner {
                caller: Caller {
                    provider: Provider::Authlete,
                    settings: checked.settings.clone(),
                    error_fields: requests::error_fields,
                },
                checked,
            }),
        })
    }

    /// Creates an access token (`POST .../auth/token/create`).
    pub async fn create(
        &self,
        request: &TokenCreateRequest,
        content_type: ContentType,
        options: &CallOptions,
    ) -> Result<TokenCreateResponse, ApiError> {
        let c = &self.inner.checked;
        let spec = requests::create(&c.prefix, request, content_type, &c.version)?;
        self.inner
            .send_checked(&spec, options, |r: &TokenCreateResponse| {
                r.action.as_deref()
            })
            .await
    }

    /// Updates an access token (`POST .../auth/token/update`). An unknown token is answered
    /// with a 200 and action `NOT_FOUND`, which is an error.
    pub async fn update(
        &self,
        request: &TokenUpdateRequest,
        content_type: ContentType,
        options: &CallOptions,
    ) -> Result<TokenUpdateResponse, ApiError> {
        let spec = requests::update(&self.inner.checked.prefix, request, content_type)?;
        self.inner
            .send_checked(&spec, options, |r: &TokenUpdateResponse| {
                r.action.as_deref()
            })
            .await
    }

    /// Revokes tokens (`POST .../auth/token/revoke`): by access token, else refresh token, else
    /// client and/or subject. One call revokes at most a server-set number (see `revoke_all`).
    pub async fn revoke(
        &self,
        request: &TokenRevokeRequest,
        content_type: ContentType,
        options: &CallOptions,
    ) -> Result<TokenRevokeResponse, ApiError> {
        let spec = requests::revoke(&self.inner.checked.prefix, request, content_type)?;
        self.inner.send_checked(&spec, options, revoke_action).await
    }

    /// Repeats `revoke` until a call revokes nothing more (0, or fewer than an earlier call,
    /// since the service caps each call). Not retried unless the options ask; an abort stops
    /// between calls.
    pub async fn revoke_all(
        &self,
        request: &TokenRevokeRequest,
        content_type: ContentType,
        options: &CallOptions,
    ) -> Result<RevokeAllResponse, ApiError> {
        let spec = requests::revoke(&self.inner.checked.prefix, request, content_type)?;
        let (mut total, mut largest) = (0u64, 0u64);
        for _ in 0..MAX_REVOKE_CALLS {
            let answer = self
                .inner
                .send_checked(&spec, options, revoke_action)
                .await?;
            let count = *answer.count;
            total = total.saturating_add(count);
            let more = requests::revoke_more(count, largest);
            largest = largest.max(count);
            if !more {
                break;
            }
        }
        Ok(RevokeAllResponse { count: total })
    }

    /// Deletes a token by its value or hash (`DELETE .../auth/token/delete/{id}`).
    pub async fn delete(
        &self,
        access_token_identifier: &str,
        options: &CallOptions,
    ) -> Result<(), ApiError> {
        let spec = requests::delete(&self.inner.checked.prefix, access_token_identifier)?;
        self.inner.send(&spec, options).await?;
        Ok(())
    }

    /// Lists tokens (`GET .../auth/token/get/list`); lists carry hashes, never token values.
    pub async fn list(
        &self,
        query: &TokenListQuery,
        options: &CallOptions,
    ) -> Result<TokenGetListResponse, ApiError> {
        self.inner.list(query, options).await
    }

    /// Every token matching the filters, fetched lazily in windows of `pageSize` as a
    /// [`futures_core::Stream`] (or with [`Pages::next`]); it stops on an empty page, at
    /// `totalCount`, or (without one) after a short page, and ends after the first error. Bad
    /// arguments are its first item.
    pub fn list_all(&self, query: &TokenListAllQuery, options: &CallOptions) -> ListAll {
        let page_size = match query.check() {
            Ok(n) => n,
            Err(e) => return Pages::failed(e),
        };
        let (inner, query, options) = (self.inner.clone(), query.clone(), options.clone());
        Pages::new(0, move |start| {
            let (inner, options) = (inner.clone(), options.clone());
            let window = query.window(start, page_size);
            Box::pin(async move {
                let page = inner.list(&window, &options).await?;
                let fetched = page.access_tokens.len() as u32;
                let next_start = start.saturating_add(fetched);
                let done = requests::paging_done(
                    next_start.into(),
                    fetched.into(),
                    page_size.into(),
                    page.total_count,
                );
                Ok(Page {
                    items: page.access_tokens.0,
                    next: (!done).then_some(next_start),
                })
            })
        })
    }

    /// The request [`create`](Self::create) would send, nothing sent; the credential shown as
    /// a placeholder. Refuses what `create` refuses. (The same holds for the `*_dry_run` twins
    /// below.)
    pub fn create_dry_run(
        &self,
        request: &TokenCreateRequest,
        content_type: ContentType,
    ) -> Result<DryRun, ApiError> {
        let c = &self.inner.checked;
        self.inner.dry_run(requests::create(
            &c.prefix,
            request,
            content_type,
            &c.version,
        ))
    }

    /// The request [`update`](Self::update) would send.
    pub fn update_dry_run(
        &self,
        request: &TokenUpdateRequest,
        content_type: ContentType,
    ) -> Result<DryRun, ApiError> {
        let prefix = &self.inner.checked.prefix;
        self.inner
            .dry_run(requests::update(prefix, request, content_type))
    }

    /// The request [`revoke`](Self::revoke) would send; [`revoke_all`](Self::revoke_all) sends
    /// it until nothing more is revoked.
    pub fn revoke_dry_run(
        &self,
        request: &TokenRevokeRequest,
        content_type: ContentType,
    ) -> Result<DryRun, ApiError> {
        let prefix = &self.inner.checked.prefix;
        self.inner
            .dry_run(requests::revoke(prefix, request, content_type))
    }

    /// The request [`delete`](Self::delete) would send.
    pub fn delete_dry_run(&self, access_token_identifier: &str) -> Result<DryRun, ApiError> {
        let prefix = &self.inner.checked.prefix;
        self.inner
            .dry_run(requests::delete(prefix, access_token_identifier))
    }

    /// The request [`list`](Self::list) would send.
    pub fn list_dry_run(&self, query: &TokenListQuery) -> Result<DryRun, ApiError> {
        self.inner
            .dry_run(requests::list(&self.inner.checked.prefix, query))
    }

    /// The request of the first page [`list_all`](Self::list_all) would fetch.
    pub fn list_all_dry_run(&self, query: &TokenListAllQuery) -> Result<DryRun, ApiError> {
        let page_size = query.check()?;
        self.list_dry_run(&query.window(0, page_size))
    }

    /// The settings, without a credential.
    pub fn describe(&self) -> AuthleteDescription {
        let c = &self.inner.checked;
        AuthleteDescription {
            provider: "authlete",
            base_url: c.settings.base_url.as_str().to_string(),
            api_version: c.version.clone(),
            service_id: c.service_id.clone(),
            timeout_ms: c.settings.timeout_ms,
        }
    }

    /// `v2` or `v3`.
    pub fn version(&self) -> ApiVersion {
        self.inner.checked.version.clone()
    }
}
