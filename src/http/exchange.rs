//! One attempt: a gloo-net request bounded by the call's timeout and the caller's signal, read
//! to the end of its body.

use std::pin::pin;

use futures::future::{select, Either};
use gloo_net::http::{Request, Response};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsValue;
use web_sys::{
    AbortController, AbortSignal, Headers, RequestCache, RequestCredentials, RequestInit,
    RequestRedirect,
};

use super::fetch::{describe, Fetch};
use super::wait::until_aborted;
use crate::core::auth::Auth;
use crate::core::decode::RawResponse;
use crate::core::request::{wire_headers, RequestSpec};

/// How an attempt failed without an HTTP answer.
pub enum Failure {
    /// No answer: connection refused or dropped, DNS, CORS, a body cut short. The engine's
    /// words.
    Network(String),
    /// The attempt took longer than its timeout.
    Timeout,
    /// The caller's signal fired.
    Aborted,
}

/// What one attempt sends: the request without its credential, the URL and body already built.
pub struct Outgoing<'a> {
    /// Method, query pairs, extra headers.
    pub spec: &'a RequestSpec,
    /// The URL: base, path and encoded query ([`RequestSpec::url`]).
    pub url: &'a str,
    /// The body text, if any.
    pub body: Option<&'a str>,
    /// The credential header.
    pub auth: &'a Auth,
}

/// Sends `out` once, through `fetch` when given (else the global `fetch`), racing the timeout and
/// the caller's signal. Either one that wins aborts a controller of our own, which fetch got
/// instead of the caller's signal, so fetch only ever rejects with the engine's own errors.
pub async fn exchange(
    out: &Outgoing<'_>,
    timeout_ms: u32,
    signal: Option<&AbortSignal>,
    fetch: Option<&Fetch>,
) -> Result<RawResponse, Failure> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Failure::Aborted);
    }
    let controller = AbortController::new()
        .map_err(|_| Failure::Network("AbortController is not available".into()))?;
    let abort = controller.signal();
    // Dropped before the answer is read (the caller dropped the call's future), the request
    // is aborted, so the engine does not finish it unseen.
    let guard = AbortOnDrop(Some(controller));
    let attempt = pin!(send(out, &abort, fetch));
    let timeout = TimeoutFuture::new(timeout_ms);
    let result = match select(attempt, select(timeout, pin!(until_aborted(signal)))).await {
        Either::Left((answer, _)) => answer.map_err(Failure::Network),
        Either::Right((Either::Left(_), _)) => Err(Failure::Timeout),
        Either::Right((Either::Right(_), _)) => Err(Failure::Aborted),
    };
    guard.finish(result.is_err());
    match result {
        Err(_) if signal.is_some_and(AbortSignal::aborted) => Err(Failure::Aborted),
        other => other,
    }
}

/// Aborts its request when dropped, unless [`AbortOnDrop::finish`] said the attempt ended with
/// its answer read.
struct AbortOnDrop(Option<AbortController>);

impl AbortOnDrop {
    /// The attempt is over: abort its request only if it `failed` (a timeout, the caller's
    /// signal, a network error), so that nothing of it goes on.
    fn finish(mut self, failed: bool) {
        if !failed {
            self.0 = None;
        }
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = self.0.take() {
            controller.abort();
        }
    }
}

/// The request and gloo-net's response: status, `Retry-After` and the whole body as bytes.
///
/// The request is one `Request` made from the final URL and one `RequestInit`: gloo-net's
/// `RequestBuilder::build()` would make a `Request` and a `URL` first, only to join a query the
/// core has already encoded exactly as `URLSearchParams` does ([`RequestSpec::url`]), and a
/// second `Request`, which Node's fetch copies once more (a tenth of a call's time there). gloo-net
/// sends it and reads the answer.
async fn send(
    out: &Outgoing<'_>,
    abort: &AbortSignal,
    fetch: Option<&Fetch>,
) -> Result<RawResponse, String> {
    let init = RequestInit::new();
    init.set_method(out.spec.method.as_str());
    init.set_signal(Some(abort));
    init.set_redirect(RequestRedirect::Manual);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    let headers = Headers::new().map_err(|e| describe(&e))?;
    for (name, value) in wire_headers(out.spec, out.auth.header()) {
        headers.set(name, value).map_err(|e| describe(&e))?;
    }
    init.set_headers(&headers);
    if let Some(text) = out.body {
        init.set_body(&JsValue::from_str(text));
    }
    // Held until the body is read: Node's fetch forgets an abort once the `Request` it was
    // given is garbage-collected (nodejs/undici#3644), and the abort is how a timeout or the
    // caller's signal ends an attempt. (`Clone::clone` is a second handle to the same JS object;
    // `Request::clone` would be JavaScript's copy.)
    let held = web_sys::Request::new_with_str_and_init(out.url, &init).map_err(|e| describe(&e))?;
    let response = match fetch {
        None => Request::from(Clone::clone(&held))
            .send()
            .await
            .map_err(|e| e.to_string())?,
        Some(fetch) => Response::from(fetch.send(&held).await?),
    };
    // `Response.error()` (what MSW's `HttpResponse.error()` gives): a network error as data.
    if response.type_() == web_sys::ResponseType::Error {
        return Err("the answer is a network error (Response.error())".into());
    }
    let status = response.status();
    // Only a failed answer's Retry-After matters (retry policy, `retryAfterMs`).
    let retry_after = if (200..300).contains(&status) {
        None
    } else {
        response.headers().get("retry-after")
    };
    let body = response.binary().await.map_err(|e| e.to_string())?;
    drop(held);
    Ok(RawResponse {
        status,
        body,
        retry_after,
    })
}
