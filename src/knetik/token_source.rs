//! [`TokenSource`] (wasm): gives each Knetik call its bearer token by the rules of
//! [`super::oauth`] (cache, one shared token request, refresh before expiry, one fresh token
//! after a 401), and sends API calls with them.

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};

use crate::http::call::Sender;

use super::config::Grant;
use super::models::OAuth2Resource;
use super::oauth::{
    decide, falls_back_to_original, refresh_grant, retries_with_fresh_token, token_from_response,
    CachedToken, TokenDecision,
};
use super::requests::{self, GET_OAUTH_TOKEN};
use crate::core::auth::{Auth, Credential, Secret};
use crate::core::decode::RawResponse;
use crate::core::error::{ApiError, ErrorKind};
use crate::core::request::RequestSpec;
use crate::core::retry::Retry;
use crate::http::wait::unless_aborted;
use crate::http::CallOptions;
use crate::http::Caller;

/// One token request, shared by every call that waits for it (running while it has no output).
type Flight = Shared<LocalBoxFuture<'static, Result<Secret, ApiError>>>;

#[derive(Default)]
struct State {
    cached: Option<CachedToken>,
    flight: Option<Flight>,
}

/// The token cache of one client (see the module doc).
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

    /// The grant.
    pub fn grant(&self) -> &Grant {
        &self.grant
    }

    fn can_refresh(&self) -> bool {
        !matches!(self.grant, Grant::AccessToken(_))
    }

    /// Every secret errors must not show besides the bearer header's own: the grant's and the
    /// cached refresh token.
    fn secrets(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .grant
            .secrets()
            .into_iter()
            .map(str::to_string)
            .collect();
        if let Some(r) = self
            .state
            .borrow()
            .cached
            .as_ref()
            .and_then(|c| c.refresh.as_ref())
        {
            out.push(r.expose().to_string());
        }
        out
    }

    /// Sends an API call with a bearer token; after a 401, once more with a fresh token.
    /// Resolves to the success answer and the credential it was sent with.
    pub async fn send(
        self: &Rc<Self>,
        spec: &RequestSpec,
        options: &CallOptions,
    ) -> Result<(RawResponse, Auth), ApiError> {
        options.check(self.caller.provider, spec.operation)?;
        let token = self.token(options, spec.operation, None).await?;
        match self.send_with(spec, options, &token).await {
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
    ) -> Result<(RawResponse, Auth), ApiError> {
        // The header is built once for this attempt's token.
        let auth = Auth::new(&Credential::Bearer(token.clone()));
        let secrets = self.secrets();
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let resp = self.caller.send(spec, &auth, options, &refs).await?;
        Ok((resp, auth))
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
        if options.aborted() {
            return Err(self.aborted(operation));
        }
        let (decision, running, refresh) = {
            let state = self.state.borrow();
            let running = state
                .flight
                .as_ref()
                .filter(|f| f.peek().is_none())
                .cloned();
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
        unless_aborted(flight, options.signal.as_ref())
            .await
            .unwrap_or_else(|| Err(self.aborted(operation)))
    }

    fn aborted(&self, operation: &str) -> ApiError {
        crate::http::caller::aborted(&self.caller.context(operation, &[]))
    }

    /// Starts the shared token request: a future every waiting call joins, run to its end
    /// (`spawn_local`) even when all of them give up; on success its token lands in the cache.
    fn start(self: &Rc<Self>, refresh: Option<Secret>) -> Flight {
        let this = self.clone();
        let flight = async move {
            let result = this.fetch_with_fallback(refresh).await;
            let mut state = this.state.borrow_mut();
            if let Ok(token) = &result {
                state.cached = Some(token.clone());
            }
            state.flight = None;
            result.map(|t| t.access)
        }
        .boxed_local()
        .shared();
        wasm_bindgen_futures::spawn_local(flight.clone().map(drop));
        flight
    }

    async fn fetch_with_fallback(&self, refresh: Option<Secret>) -> Result<CachedToken, ApiError> {
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
            retry: Some(Retry::Off),
            ..CallOptions::default()
        };
        let obtained_ms = js_sys::Date::now();
        let resp = self
            .caller
            .send(&spec, &Auth::none(), &options, &secrets)
            .await?;
        let answer: OAuth2Resource = ctx.decode(&resp)?;
        token_from_response(&answer, obtained_ms, refresh)
            .map_err(|what| ctx.decode_error(resp.status, what))
    }
}

/// The sender of a Knetik client: each call with the bearer token of `TokenSource::send`; a
/// dry run shows the bearer header with a placeholder (and asks for no token).
impl Sender<()> for Rc<TokenSource> {
    fn caller(&self) -> &Caller {
        &self.caller
    }

    fn context(&self) -> &() {
        &()
    }

    fn shown(&self) -> Option<(&'static str, &'static str)> {
        Credential::Bearer(Secret::default()).shown()
    }

    fn send<'a>(
        &'a self,
        spec: &'a RequestSpec,
        options: &'a CallOptions,
    ) -> LocalBoxFuture<'a, Result<(RawResponse, Auth), ApiError>> {
        Box::pin(TokenSource::send(self, spec, options))
    }
}
