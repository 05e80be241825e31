//! One attempt: a gloo-net request bounded by the call's timeout and the caller's signal, read
//! to the end of its body.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_net::http::{Request, Response};
use gloo_timers::callback::Timeout;
use web_sys::{AbortController, AbortSignal, RequestCache, RequestCredentials, RequestRedirect};

use super::fetch::Fetch;
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

/// Sends `out` once, through `fetch` when given (else the global `fetch`). The caller's signal is
/// not handed to fetch itself: it aborts a controller of our own (as the timeout does), so fetch
/// only ever rejects with the engine's own errors.
pub async fn exchange(
    out: &Outgoing<'_>,
    timeout_ms: u32,
    signal: Option<&AbortSignal>,
    fetch: Option<&Fetch>,
) -> Result<RawResponse, Failure> {
    let controller = AbortController::new()
        .map_err(|_| Failure::Network("AbortController is not available".into()))?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let listener = signal.map(|s| {
        let controller = controller.clone();
        EventListener::once(s, "abort", move |_| controller.abort())
    });
    let result = if signal.is_some_and(AbortSignal::aborted) {
        Err(String::new())
    } else {
        send(out, &controller.signal(), fetch).await
    };
    drop(timer);
    drop(listener);
    result.map_err(|detail| {
        if signal.is_some_and(AbortSignal::aborted) {
            Failure::Aborted
        } else if timed_out.get() {
            Failure::Timeout
        } else {
            Failure::Network(detail)
        }
    })
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
    let response = match fetch {
        None => request.send().await.map_err(|e| e.to_string())?,
        Some(fetch) => Response::from(fetch.send(&request.into()).await?),
    };
    let status = response.status();
    // Only a failed answer's Retry-After matters (retry policy, `retryAfterMs`).
    let retry_after = if (200..300).contains(&status) {
        None
    } else {
        response.headers().get("retry-after")
    };
    let body = response.binary().await.map_err(|e| e.to_string())?;
    Ok(RawResponse {
        status,
        body,
        retry_after,
    })
}
