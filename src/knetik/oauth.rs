//! The OAuth2 token cache of a `KnetikTokens` client.
//!
//! Rules (the pure ones are here and tested natively; [`TokenSource`] applies them in wasm):
//! - An `accessToken` client sends its token as is and never asks for another.
//! - Otherwise the first call asks `/oauth/token` with the configured grant and caches the answer.
//!   Calls made while that request runs wait for it: concurrent calls share ONE token request.
//! - A token is refreshed shortly before it expires: at
//!   `obtained + expires_in * 1000 - margin`, with `margin = min(30 s, 10% of the lifetime)` and
//!   `obtained` taken when the token request was sent. A token without a usable `expires_in` is
//!   kept until the server refuses it.
//! - Refreshing uses the `refresh_token` grant when the server gave a refresh token, else the
//!   original grant. If the `refresh_token` grant fails with HTTP 400 or 401, the original grant is
//!   tried once more. A refresh answer without a new refresh token keeps the old one.
//! - A 401 on an API call discards the token it was sent with, gets one fresh token (or takes the
//!   one another call already got) and repeats the call ONCE; a second 401 is the call's error.
//! - Token requests are POSTs and never retry on their own; their failures are `ApiError`s of
//!   operation `getOAuthToken` with the OAuth `error` as `code`.

use crate::core::auth::{check_header_value, Secret};
use crate::knetik::models::OAuth2Resource;

/// The most a token is refreshed ahead of its expiry, in ms.
pub const MAX_REFRESH_MARGIN_MS: f64 = 30_000.0;
/// The share of a token's lifetime it is refreshed ahead of its expiry, when less than 30 s.
pub const REFRESH_MARGIN_SHARE: f64 = 0.1;

/// How long before expiry a token of this lifetime is refreshed: `min(30 s, 10% of lifetime)`.
pub fn refresh_margin_ms(lifetime_ms: f64) -> f64 {
    (lifetime_ms * REFRESH_MARGIN_SHARE).clamp(0.0, MAX_REFRESH_MARGIN_MS)
}

/// When a token obtained at `obtained_ms` (Unix ms, when the request was sent) with
/// `expires_in` seconds is due for refresh: `obtained + expires_in * 1000 - margin`.
pub fn refresh_at_ms(obtained_ms: f64, expires_in_s: f64) -> f64 {
    let lifetime_ms = expires_in_s * 1000.0;
    obtained_ms + lifetime_ms - refresh_margin_ms(lifetime_ms)
}

/// A token from `/oauth/token`, as the client keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedToken {
    /// The bearer token.
    pub access: Secret,
    /// The refresh token, when the server gave one.
    pub refresh: Option<Secret>,
    /// When it is due for refresh (Unix ms); `None` when the lifetime is unknown.
    pub refresh_at_ms: Option<f64>,
}

impl CachedToken {
    /// Whether it may still be sent at `now_ms` without refreshing first.
    pub fn is_fresh(&self, now_ms: f64) -> bool {
        self.refresh_at_ms.is_none_or(|at| now_ms < at)
    }
}

/// Builds the cached token from a token answer. `obtained_ms` is when the request was sent;
/// `previous_refresh` is the refresh token the request used, kept when the answer has no new one.
/// Gives the problem in words (never a value) when the answer cannot be used.
pub fn token_from_response(
    answer: &OAuth2Resource,
    obtained_ms: f64,
    previous_refresh: Option<&Secret>,
) -> Result<CachedToken, &'static str> {
    let access = answer
        .access_token
        .as_deref()
        .filter(|t| !t.is_empty())
        .ok_or("the answer has no access_token")?;
    check_header_value(access).map_err(|_| "the access_token cannot be sent in an HTTP header")?;
    if let Some(kind) = &answer.token_type {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err("the token_type is not bearer");
        }
    }
    let refresh = match answer.refresh_token.as_deref().filter(|r| !r.is_empty()) {
        Some(r) => Some(Secret::new(r)),
        None => previous_refresh.cloned(),
    };
    let refresh_at_ms = answer
        .expires_in
        .as_ref()
        .and_then(|e| e.seconds())
        .map(|s| refresh_at_ms(obtained_ms, s));
    Ok(CachedToken {
        access: Secret::new(access),
        refresh,
        refresh_at_ms,
    })
}

/// What a call that needs a token does.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenDecision {
    /// Send this cached token.
    Use(Secret),
    /// Wait for the token request already running.
    Join,
    /// Start a token request; `discard` says the cached token was refused and must go.
    Fetch {
        /// Whether to drop the cached token (it got a 401) before asking.
        discard: bool,
    },
}

/// Decides how a call gets its token. `stale` is the token a call just got a 401 with.
pub fn decide(
    cached: Option<&CachedToken>,
    request_running: bool,
    stale: Option<&str>,
    now_ms: f64,
) -> TokenDecision {
    if request_running {
        return TokenDecision::Join;
    }
    match cached {
        // The token the call was refused with: it goes, whatever its expiry says.
        Some(c) if stale == Some(c.access.expose()) => TokenDecision::Fetch { discard: true },
        // Fresh, or already replaced by another call since the 401.
        Some(c) if c.is_fresh(now_ms) => TokenDecision::Use(c.access.clone()),
        _ => TokenDecision::Fetch { discard: false },
    }
}

/// The refresh token a new token request starts with: the cached one, if any (else the request
/// uses the original grant).
pub fn refresh_grant(cached: Option<&CachedToken>) -> Option<Secret> {
    cached.and_then(|c| c.refresh.clone())
}

/// Whether a failed `refresh_token` grant is followed by one try of the original grant: only
/// when the server refused it (HTTP 400 or 401), not on network errors, timeouts or 5xx.
pub fn falls_back_to_original(status: Option<u16>) -> bool {
    matches!(status, Some(400 | 401))
}

/// Whether an API call that failed with this status is repeated once with a fresh token.
pub fn retries_with_fresh_token(status: Option<u16>, can_refresh: bool) -> bool {
    can_refresh && status == Some(401)
}

#[cfg(target_arch = "wasm32")]
pub use wasm::TokenSource;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::RefCell;
    use std::future::{poll_fn, Future};
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::Poll;

    use js_sys::{Function, Promise};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::AbortSignal;

    use super::{
        decide, falls_back_to_original, refresh_grant, retries_with_fresh_token,
        token_from_response, CachedToken, TokenDecision,
    };
    use crate::core::auth::{Credential, Secret};
    use crate::core::config::{CallConfig, RetryChoice};
    use crate::core::decode::RawResponse;
    use crate::core::error::{ApiError, ErrorKind};
    use crate::core::request::RequestSpec;
    use crate::js_call::CallOptions;
    use crate::js_caller::Caller;
    use crate::knetik::client::boxed_promise;
    use crate::knetik::config::Grant;
    use crate::knetik::models::OAuth2Resource;
    use crate::knetik::requests::{self, GET_OAUTH_TOKEN};
    use crate::transport::Answer;

    type Outcome = Rc<RefCell<Option<Result<Secret, ApiError>>>>;

    /// One token request, shared by every call that waits for it. It is running while `outcome`
    /// is `None`; its promise always resolves (the result is in `outcome`).
    #[derive(Clone)]
    struct Flight {
        promise: Promise,
        outcome: Outcome,
    }

    impl Flight {
        fn running(&self) -> bool {
            self.outcome.borrow().is_none()
        }
    }

    #[derive(Default)]
    struct State {
        cached: Option<CachedToken>,
        flight: Option<Flight>,
    }

    /// Gives calls their bearer token (see the module doc for the rules) and sends API calls
    /// with the 401 rule.
    pub struct TokenSource {
        grant: Grant,
        caller: Caller,
        state: RefCell<State>,
    }

    impl TokenSource {
        /// A source for `grant`, sending token requests through `caller`.
        pub fn new(grant: Grant, caller: Caller) -> Rc<TokenSource> {
            Rc::new(TokenSource {
                grant,
                caller,
                state: RefCell::new(State::default()),
            })
        }

        /// The client's transport settings and error reader.
        pub fn caller(&self) -> &Caller {
            &self.caller
        }

        fn can_refresh(&self) -> bool {
            !matches!(self.grant, Grant::AccessToken(_))
        }

        /// Every secret errors must not show: the grant's, the cached tokens'.
        fn secrets(&self) -> Vec<String> {
            let mut out: Vec<String> = self
                .grant
                .secrets()
                .into_iter()
                .map(str::to_string)
                .collect();
            if let Some(c) = &self.state.borrow().cached {
                out.push(c.access.expose().to_string());
                if let Some(r) = &c.refresh {
                    out.push(r.expose().to_string());
                }
            }
            out
        }

        /// Sends an API call with a bearer token; after a 401, once more with a fresh token.
        /// Resolves to the success answer; any other answer is the call's `ApiError`.
        pub async fn send(
            self: &Rc<Self>,
            spec: &RequestSpec,
            options: &CallOptions,
        ) -> Result<RawResponse, ApiError> {
            self.send_answer(spec, options).await.map(|a| a.raw)
        }

        /// [`TokenSource::send`], keeping the body's JS string too.
        pub async fn send_answer(
            self: &Rc<Self>,
            spec: &RequestSpec,
            options: &CallOptions,
        ) -> Result<Answer, ApiError> {
            let token = self.token(options, spec.operation, None).await?;
            let result = self.send_with(spec, options, &token).await;
            match result {
                Err(e)
                    if e.kind == ErrorKind::Http
                        && retries_with_fresh_token(e.status, self.can_refresh()) =>
                {
                    let fresh = self.token(options, spec.operation, Some(&token)).await?;
                    self.send_with(spec, options, &fresh).await
                }
                other => other,
            }
        }

        async fn send_with(
            &self,
            spec: &RequestSpec,
            options: &CallOptions,
            token: &Secret,
        ) -> Result<Answer, ApiError> {
            let secrets = self.secrets();
            let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
            self.caller
                .send_answer(spec, &Credential::Bearer(token.clone()), options, &refs)
                .await
        }

        /// The token to send. `stale` is a token the server just refused.
        async fn token(
            self: &Rc<Self>,
            options: &CallOptions,
            operation: &str,
            stale: Option<&Secret>,
        ) -> Result<Secret, ApiError> {
            if let Grant::AccessToken(t) = &self.grant {
                return Ok(t.clone());
            }
            if options.signal.as_ref().is_some_and(AbortSignal::aborted) {
                return Err(self.aborted(operation));
            }
            let (decision, running, refresh) = {
                let state = self.state.borrow();
                let running = state.flight.as_ref().filter(|f| f.running()).cloned();
                let decision = decide(
                    state.cached.as_ref(),
                    running.is_some(),
                    stale.map(Secret::expose),
                    js_sys::Date::now(),
                );
                (decision, running, refresh_grant(state.cached.as_ref()))
            };
            let discard = matches!(decision, TokenDecision::Fetch { discard: true });
            let joined = match decision {
                TokenDecision::Use(token) => return Ok(token),
                TokenDecision::Join => running,
                TokenDecision::Fetch { .. } => None,
            };
            let flight = match joined {
                Some(flight) => flight,
                None => {
                    // Built outside any borrow: the request's task may touch the state.
                    let flight = self.start(refresh);
                    let mut state = self.state.borrow_mut();
                    if discard {
                        state.cached = None;
                    }
                    state.flight = Some(flight.clone());
                    flight
                }
            };
            if wait(&flight.promise, options.signal.as_ref()).await {
                return Err(self.aborted(operation));
            }
            let outcome = flight.outcome.borrow().clone();
            outcome.unwrap_or_else(|| {
                Err(self.caller.context(GET_OAUTH_TOKEN, &[]).error(
                    ErrorKind::Network,
                    "the token request ended without an answer",
                ))
            })
        }

        fn aborted(&self, operation: &str) -> ApiError {
            self.caller
                .context(operation, &[])
                .error(ErrorKind::Aborted, "aborted by the caller's signal")
        }

        /// Starts the shared token request. Its promise never rejects; the result lands in
        /// `outcome` and, on success, in the cache.
        fn start(self: &Rc<Self>, refresh: Option<Secret>) -> Flight {
            let outcome: Outcome = Rc::new(RefCell::new(None));
            let this = self.clone();
            let slot = outcome.clone();
            let promise = boxed_promise(async move {
                let result = this.fetch_with_fallback(refresh).await;
                {
                    let mut state = this.state.borrow_mut();
                    if let Ok(token) = &result {
                        state.cached = Some(token.clone());
                    }
                    state.flight = None;
                }
                *slot.borrow_mut() = Some(result.map(|t| t.access));
                Ok(JsValue::UNDEFINED)
            });
            Flight { promise, outcome }
        }

        async fn fetch_with_fallback(
            &self,
            refresh: Option<Secret>,
        ) -> Result<CachedToken, ApiError> {
            if let Some(r) = refresh {
                match self.fetch(Some(&r)).await {
                    Err(e) if e.kind == ErrorKind::Http && falls_back_to_original(e.status) => {}
                    other => return other,
                }
            }
            self.fetch(None).await
        }

        /// One POST /oauth/token: no retry, no signal (it is shared), the client's timeout.
        async fn fetch(&self, refresh: Option<&Secret>) -> Result<CachedToken, ApiError> {
            let mut secrets = self.grant.secrets();
            if let Some(r) = refresh {
                secrets.push(r.expose());
            }
            let ctx = self.caller.context(GET_OAUTH_TOKEN, &secrets);
            let Some(spec) = requests::get_oauth_token(&self.grant, refresh) else {
                return Err(ctx.error(
                    ErrorKind::InvalidArgument,
                    "this client has no grant to ask for a token with",
                ));
            };
            let options = CallOptions {
                config: CallConfig {
                    timeout_ms: None,
                    retry: Some(RetryChoice::Off),
                },
                signal: None,
            };
            let obtained_ms = js_sys::Date::now();
            let resp = self
                .caller
                .send(&spec, &Credential::None, &options, &secrets)
                .await?;
            let decode_error = |what: &str| {
                let mut e = ctx.error(
                    ErrorKind::Decode,
                    &format!("HTTP {} but {what}", resp.status),
                );
                e.status = Some(resp.status);
                e
            };
            // Our own words only: serde's text could quote a value of the token answer.
            let answer: OAuth2Resource = match serde_json::from_str(&resp.body) {
                Ok(a) => a,
                Err(_) if resp.body.trim().is_empty() => {
                    return Err(decode_error("the body is empty"))
                }
                Err(e) if e.is_syntax() || e.is_eof() => {
                    return Err(decode_error("the body is not valid JSON"))
                }
                Err(_) => {
                    return Err(decode_error(
                        "the body does not match the documented schema OAuth2Resource",
                    ))
                }
            };
            token_from_response(&answer, obtained_ms, refresh).map_err(decode_error)
        }
    }

    /// Waits for `promise`, or less if `signal` aborts. Returns whether the signal aborted.
    async fn wait(promise: &Promise, signal: Option<&AbortSignal>) -> bool {
        let Some(signal) = signal else {
            let _ = JsFuture::from(promise.clone()).await;
            return false;
        };
        let mut resolve_slot: Option<Function> = None;
        let aborted = Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
        let Some(resolve) = resolve_slot else {
            let _ = JsFuture::from(promise.clone()).await;
            return signal.aborted();
        };
        let _ = signal.add_event_listener_with_callback("abort", &resolve);
        let mut done = JsFuture::from(promise.clone());
        let mut abort = JsFuture::from(aborted);
        poll_fn(|cx| {
            if Pin::new(&mut done).poll(cx).is_ready() || Pin::new(&mut abort).poll(cx).is_ready() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
        .await;
        let _ = signal.remove_event_listener_with_callback("abort", &resolve);
        signal.aborted()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knetik::models::ExpiresIn;

    const NOW: f64 = 1_700_000_000_000.0;

    fn answer(expires_in: Option<ExpiresIn>, refresh: Option<&str>) -> OAuth2Resource {
        OAuth2Resource {
            access_token: Some("acc-VALUE".into()),
            token_type: Some("bearer".into()),
            expires_in,
            refresh_token: refresh.map(str::to_string),
            ..OAuth2Resource::default()
        }
    }

    #[test]
    fn margin_is_ten_percent_capped_at_thirty_seconds() {
        assert_eq!(refresh_margin_ms(2_000.0), 200.0);
        assert_eq!(refresh_margin_ms(60_000.0), 6_000.0);
        assert_eq!(refresh_margin_ms(300_000.0), 30_000.0);
        assert_eq!(refresh_margin_ms(3_599_000.0), 30_000.0);
        assert_eq!(refresh_margin_ms(0.0), 0.0);
    }

    #[test]
    fn refresh_time_is_obtained_plus_lifetime_minus_margin() {
        assert_eq!(refresh_at_ms(NOW, 3599.0), NOW + 3_599_000.0 - 30_000.0);
        assert_eq!(refresh_at_ms(NOW, 2.0), NOW + 1_800.0);
        assert_eq!(refresh_at_ms(NOW, 0.0), NOW);
    }

    #[test]
    fn expires_in_as_number_and_as_string() {
        for e in [ExpiresIn::Number(2.into()), ExpiresIn::Text("2".into())] {
            let t = token_from_response(&answer(Some(e), None), NOW, None).unwrap();
            assert_eq!(t.refresh_at_ms, Some(NOW + 1_800.0));
            assert!(t.is_fresh(NOW + 1_799.0));
            assert!(!t.is_fresh(NOW + 1_800.0));
        }
        // Unknown lifetime: kept until the server refuses it.
        for e in [None, Some(ExpiresIn::Text("soon".into()))] {
            let t = token_from_response(&answer(e, None), NOW, None).unwrap();
            assert_eq!(t.refresh_at_ms, None);
            assert!(t.is_fresh(f64::MAX));
        }
        // Zero lifetime: due at once (the calls that waited for it still use it).
        let t = token_from_response(&answer(Some(ExpiresIn::Number(0.into())), None), NOW, None)
            .unwrap();
        assert!(!t.is_fresh(NOW));
    }

    #[test]
    fn unusable_answers_are_refused_without_values() {
        let mut a = answer(None, None);
        a.access_token = None;
        assert_eq!(
            token_from_response(&a, NOW, None).unwrap_err(),
            "the answer has no access_token"
        );
        a.access_token = Some(String::new());
        assert!(token_from_response(&a, NOW, None).is_err());
        a.access_token = Some("bad\r\nx-evil: 1".into());
        assert_eq!(
            token_from_response(&a, NOW, None).unwrap_err(),
            "the access_token cannot be sent in an HTTP header"
        );
        let mut a = answer(None, None);
        a.token_type = Some("mac".into());
        assert!(token_from_response(&a, NOW, None).is_err());
        a.token_type = Some("Bearer".into());
        assert!(token_from_response(&a, NOW, None).is_ok());
        a.token_type = None;
        assert!(token_from_response(&a, NOW, None).is_ok());
    }

    #[test]
    fn refresh_token_is_taken_or_kept() {
        let old = Secret::new("old-r");
        let t = token_from_response(&answer(None, Some("new-r")), NOW, Some(&old)).unwrap();
        assert_eq!(t.refresh, Some(Secret::new("new-r")));
        let shown = format!("{t:?}");
        assert!(
            !shown.contains("acc-VALUE") && !shown.contains("new-r"),
            "{shown}"
        );
        let t = token_from_response(&answer(None, None), NOW, Some(&old)).unwrap();
        assert_eq!(t.refresh, Some(old.clone()));
        let t = token_from_response(&answer(None, Some("")), NOW, None).unwrap();
        assert_eq!(t.refresh, None);
    }

    fn cached(access: &str, refresh: Option<&str>, at: Option<f64>) -> CachedToken {
        CachedToken {
            access: Secret::new(access),
            refresh: refresh.map(Secret::new),
            refresh_at_ms: at,
        }
    }

    #[test]
    fn decisions() {
        let fresh = cached("a1", None, Some(NOW + 1000.0));
        let due = cached("a1", None, Some(NOW - 1.0));
        // First call: ask.
        assert_eq!(
            decide(None, false, None, NOW),
            TokenDecision::Fetch { discard: false }
        );
        // Everyone else while that runs: wait for it, never a second request.
        assert_eq!(decide(None, true, None, NOW), TokenDecision::Join);
        assert_eq!(decide(Some(&due), true, None, NOW), TokenDecision::Join);
        assert_eq!(
            decide(Some(&fresh), true, Some("a1"), NOW),
            TokenDecision::Join
        );
        // A fresh token is used; a due one is refreshed.
        assert_eq!(
            decide(Some(&fresh), false, None, NOW),
            TokenDecision::Use(Secret::new("a1"))
        );
        assert_eq!(
            decide(Some(&due), false, None, NOW),
            TokenDecision::Fetch { discard: false }
        );
        // After a 401 with a1: a1 goes even if its expiry says fresh...
        assert_eq!(
            decide(Some(&fresh), false, Some("a1"), NOW),
            TokenDecision::Fetch { discard: true }
        );
        // ...unless another call already replaced it.
        let replaced = cached("a2", None, Some(NOW + 1000.0));
        assert_eq!(
            decide(Some(&replaced), false, Some("a1"), NOW),
            TokenDecision::Use(Secret::new("a2"))
        );
        assert_eq!(
            decide(None, false, Some("a1"), NOW),
            TokenDecision::Fetch { discard: false }
        );
    }

    #[test]
    fn grant_selection() {
        // The refresh_token grant when the server gave a refresh token, else the original grant.
        assert_eq!(refresh_grant(None), None);
        assert_eq!(refresh_grant(Some(&cached("a", None, None))), None);
        assert_eq!(
            refresh_grant(Some(&cached("a", Some("r"), None))),
            Some(Secret::new("r"))
        );
        // A refused refresh falls back to the original grant once; other failures do not.
        assert!(falls_back_to_original(Some(400)));
        assert!(falls_back_to_original(Some(401)));
        for s in [None, Some(403), Some(429), Some(500), Some(503)] {
            assert!(!falls_back_to_original(s), "{s:?}");
        }
        // Only a 401 on an API call is repeated with a fresh token, and only when one can be had.
        assert!(retries_with_fresh_token(Some(401), true));
        assert!(!retries_with_fresh_token(Some(401), false));
        assert!(!retries_with_fresh_token(Some(403), true));
        assert!(!retries_with_fresh_token(None, true));
    }
}
