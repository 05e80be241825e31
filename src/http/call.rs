//! [`Call`]: a prepared call of any operation of any typed client, the one generic path every
//! operation goes through: [`Call::dry_run`] shows the request (nothing sent), awaiting the call
//! sends it and accepts the answer as its [`Endpoint`] says.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;

use super::options::CallOptions;
use super::Caller;
use crate::core::auth::Auth;
use crate::core::decode::RawResponse;
use crate::core::dry_run::DryRun;
use crate::core::endpoint::{Endpoint, Step};
use crate::core::error::{ApiError, Provider};
use crate::core::json::Parsed;
use crate::core::request::RequestSpec;

/// How a typed client sends: its transport settings, what its endpoints build requests from,
/// and its credential (a fixed one, [`Fixed`], or Knetik's OAuth token).
pub trait Sender<C> {
    /// The service, its settings and its error-body reader.
    fn caller(&self) -> &Caller;
    /// What the endpoints build their requests from.
    fn context(&self) -> &C;
    /// The credential header as a dry run shows it.
    fn shown(&self) -> Option<(&'static str, &'static str)>;
    /// Sends `spec`; resolves to a 2xx answer and the credential it went with.
    fn send<'a>(
        &'a self,
        spec: &'a RequestSpec,
        options: &'a CallOptions,
    ) -> LocalBoxFuture<'a, Result<(RawResponse, Auth), ApiError>>;
}

/// The sender of a service with one fixed credential (HOPR, Authlete).
pub struct Fixed<C> {
    /// The service, its settings and its error-body reader.
    pub caller: Caller,
    /// The credential header.
    pub auth: Auth,
    /// What the endpoints build their requests from.
    pub context: C,
}

impl<C> Sender<C> for Fixed<C> {
    fn caller(&self) -> &Caller {
        &self.caller
    }

    fn context(&self) -> &C {
        &self.context
    }

    fn shown(&self) -> Option<(&'static str, &'static str)> {
        self.auth.shown()
    }

    fn send<'a>(
        &'a self,
        spec: &'a RequestSpec,
        options: &'a CallOptions,
    ) -> LocalBoxFuture<'a, Result<(RawResponse, Auth), ApiError>> {
        Box::pin(async move {
            let resp = self.caller.send(spec, &self.auth, options, &[]).await?;
            Ok((resp, self.auth.clone()))
        })
    }
}

/// A typed client: what prepares the calls of its endpoints.
pub trait Client {
    /// What its endpoints build their requests from.
    type Context: 'static;

    /// Its sender.
    fn sender(&self) -> Rc<dyn Sender<Self::Context>>;

    /// The service.
    fn provider(&self) -> Provider {
        self.sender().caller().provider
    }

    /// The call of `endpoint` with `options`, prepared: shown or sent, nothing done yet.
    fn call<E: Endpoint<Context = Self::Context>>(
        &self,
        endpoint: E,
        options: &CallOptions,
    ) -> Call<E> {
        Call {
            sender: self.sender(),
            endpoint: Rc::new(endpoint),
            options: options.clone(),
            running: None,
        }
    }
}

/// A call on its way: its answer with the engine's value it was read from.
type Running<A> = LocalBoxFuture<'static, Result<(A, Parsed), ApiError>>;

/// A prepared call of one operation (every method of the typed clients returns one): awaited,
/// it is sent and resolves to the operation's answer; [`Call::dry_run`] shows what it would
/// send instead. Nothing happens until it is awaited (or polled: it is a `Future`, so
/// `futures::join!` and the like take it as is).
///
/// ```no_run
/// # async fn demo(hopr: tokenops::hopr::HoprClient) -> Result<(), tokenops::ApiError> {
/// use tokenops::{CallOptions, Retry};
///
/// let options = CallOptions { timeout_ms: Some(5_000), retry: Some(Retry::Off), ..Default::default() };
/// let call = hopr.get_token(&options); // prepared: nothing sent yet
/// let shown = call.dry_run()?; // the request it would send, credential hidden
/// assert_eq!(shown.method, "GET");
/// let token = call.await?; // sent now
/// # let _ = token;
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// Every call, of any operation, fails with an [`ApiError`] of kind ([`crate::ErrorKind`] has
/// the table):
/// - `InvalidArgument` when an argument or a call option is refused before anything is sent
///   (`timeout_ms` from 1 to 2147483647; a retry policy's bounds); the operation's docs say
///   which arguments it checks;
/// - `Http` for an answer that is not a success, with `status()`, the provider's `code()` and
///   the error `body()` (secrets removed);
/// - `Network` when no answer came, `Timeout` when an attempt took longer than its timeout
///   (both after the retries the policy allows), `Aborted` when the options' `signal` fired;
/// - `Decode` for a success whose body is not the operation's documented answer.
#[must_use = "a call does nothing until it is awaited (or shown with `dry_run`)"]
pub struct Call<E: Endpoint> {
    sender: Rc<dyn Sender<E::Context>>,
    endpoint: Rc<E>,
    options: CallOptions,
    running: Option<Running<E::Answer>>,
}

impl<E: Endpoint> Call<E> {
    /// The request this call would send, nothing sent: the credential shown as
    /// [`crate::CREDENTIAL_PLACEHOLDER`] (Knetik asks for no token either). Refuses what the call
    /// would refuse: its arguments and the bounds of its options.
    ///
    /// ```no_run
    /// # fn demo(hopr: tokenops::hopr::HoprClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::CallOptions;
    ///
    /// let shown = hopr.delete_token("token-id", &CallOptions::default()).dry_run()?;
    /// assert_eq!(shown.method, "DELETE");
    /// assert!(shown.url.ends_with("/api/v3/tokens/token-id"));
    /// assert_eq!(shown.headers.get("x-auth-token"), Some(tokenops::CREDENTIAL_PLACEHOLDER));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidArgument` for an argument or a call option the call would refuse.
    pub fn dry_run(&self) -> Result<DryRun, ApiError> {
        let spec = self.endpoint.request(self.sender.context())?;
        let caller = self.sender.caller();
        self.options.check(caller.provider, spec.operation)?;
        let base_url = caller.settings.base_url.as_str();
        Ok(DryRun::new(&spec, base_url, self.sender.shown()))
    }

    /// Sends the call, like awaiting it, and resolves to its answer together with the value the
    /// engine parsed it from (a `JsValue`, completed as the model reads it: what the JS API hands
    /// on, so that nothing is rebuilt; `undefined` for an operation that answers nothing).
    ///
    /// ```no_run
    /// # async fn demo(hopr: tokenops::hopr::HoprClient) -> Result<(), tokenops::ApiError> {
    /// use tokenops::CallOptions;
    ///
    /// let (token, parsed) = hopr.get_token(&CallOptions::default()).with_parsed().await?;
    /// assert!(parsed.is_object()); // the engine's object, checked by the `Token` model
    /// # let _ = token;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// Those of every call (see [`Call`]).
    pub async fn with_parsed(self) -> Result<(E::Answer, Parsed), ApiError> {
        self.parsed_reading(false).await
    }

    /// [`Call::with_parsed`]; with `known_only` as the JS shell, which hands on the engine's
    /// value, wants it: the model read for its known fields only, its `extra` left empty (see
    /// [`crate::core::json::reading_fields`]).
    pub(crate) async fn parsed_reading(
        mut self,
        known_only: bool,
    ) -> Result<(E::Answer, Parsed), ApiError> {
        std::future::poll_fn(|cx| {
            crate::core::json::reading_fields(known_only, || self.poll_both(cx))
        })
        .await
    }

    /// Polls the call, started on the first poll.
    fn poll_both(&mut self, cx: &mut Context<'_>) -> Poll<Result<(E::Answer, Parsed), ApiError>> {
        let running = self.running.get_or_insert_with(|| {
            let (sender, endpoint) = (self.sender.clone(), self.endpoint.clone());
            Box::pin(Self::run(sender, endpoint, self.options.clone()))
        });
        running.as_mut().poll(cx)
    }

    /// Sends the request (again while the endpoint asks) and accepts the answer.
    async fn run(
        sender: Rc<dyn Sender<E::Context>>,
        endpoint: Rc<E>,
        options: CallOptions,
    ) -> Result<(E::Answer, Parsed), ApiError> {
        let spec = endpoint.request(sender.context())?;
        loop {
            let (resp, auth) = sender.send(&spec, &options).await?;
            let secrets = spec.secrets_with(&auth);
            let call = sender.caller().context(spec.operation, &secrets);
            if let Step::Done(answer) = endpoint.accept(&call, &resp)? {
                return Ok(answer);
            }
        }
    }
}

impl<E: Endpoint> Future for Call<E> {
    type Output = Result<E::Answer, ApiError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.get_mut()
            .poll_both(cx)
            .map(|done| done.map(|(answer, _)| answer))
    }
}
