//! One attempt: a gloo-net request bounded by the call's timeout and the caller's signal, read
//! to the end of its body.

use std::pin::pin;

use futures::future::{select, Either};
use gloo_net::http::{Request, Response};
use gloo_timers::future::TimeoutFuture;
use web_sys::{AbortController, AbortSignal, RequestCache, RequestCredentials, RequestRedirect};

use super::fetch::Fetch;
use super::wait::until_aborted;
use crate::core::auth::Auth;
use crate::core::decode::RawResponse;
use crate::core::request::{wire_headers, Method, RequestSpec};

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

/// What one attempt sends: the request without its credential, the URL (query apart) and body
/// already built.
pub struct Outgoing<'a> {
    /// Method, query pairs, extra headers.
    pub spec: &'a RequestSpec,
    /// Base URL and path.
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
    let attempt = pin!(send(out, &abort, fetch));
    let timeout = TimeoutFuture::new(timeout_ms);
    let result = match select(attempt, select(timeout, pin!(until_aborted(signal)))).await {
        Either::Left((answer, _)) => answer.map_err(Failure::Network),
        Either::Right((Either::Left(_), _)) => Err(Failure::Timeout),
        Either::Right((Either::Right(_), _)) => Err(Failure::Aborted),
    };
    if result.is_err() {
        controller.abort();
    }
    match result {
        Err(_) if signal.is_some_and(AbortSignal::aborted) => Err(Failure::Aborted),
        other => other,
    }
}

/// The gloo-net request and response: status, `Retry-After` and the whole body as bytes.
async fn send(
    out: &Outgoing<'_>,
    abort: &AbortSignal,
    fetch: Option<&Fetch>,
) -> Result<RawResponse, String> {
    let builder = match out.spec.method {
        Method::Get => Request::get(out.url),
        Method::Post => Request::post(out.url),
        Method::Put => Request::put(out.url),
        Method::Delete => Request::delete(out.url),
    };
    let mut builder = builder
        .query(out.spec.query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .abort_signal(Some(abort))
        .redirect(RequestRedirect::Manual)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore);
    for (name, value) in wire_headers(out.spec, out.auth.header()) {
        builder = builder.header(name, value);
    }
    let request = match out.body {
        Some(text) => builder.body(text),
        None => builder.build(),
    }
    .map_err(|e| e.to_string())?;
    // Held until the body is read: Node's fetch forgets an abort once the `Request` it was
    // given is garbage-collected (nodejs/undici#3644), and the abort is how a timeout or the
    // caller's signal ends an attempt. (`Clone::clone` is a second handle to the same JS object;
    // `Request::clone` would be JavaScript's copy.)
    let held: web_sys::Request = request.into();
    let response = match fetch {
        None => Request::from(Clone::clone(&held))
            .send()
            .await
            .map_err(|e| e.to_string())?,
        Some(fetch) => Response::from(fetch.send(&held).await?),
    };
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
