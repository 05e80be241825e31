//! The only part that touches the network: one `fetch(url, init)` per attempt, with the
//! per-attempt timeout, the caller's `AbortSignal`, and the retry loop of [`RetryPolicy`].
//!
//! `fetch` is called with a plain `init` object rather than a `Request`: building a `Request` first
//! (as gloo-net's `RequestBuilder` does) makes Node's fetch validate and copy every request twice,
//! which measured as the largest single cost of a call (about 90 µs of a 0.6 ms round trip).
//!
//! Requests never follow redirects (`redirect: "manual"`), never send cookies
//! (`credentials: "omit"`) and are never cached (`cache: "no-store"`).

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Response};

use crate::core::auth::Credential;
use crate::core::config::{CallConfig, ClientConfig};
use crate::core::decode::{CallContext, RawResponse};
use crate::core::error::{ApiError, ErrorKind};
use crate::core::request::{Method, RequestSpec};
use crate::core::retry::{parse_retry_after, Outcome};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
    /// The engine's `TextDecoder` (UTF-8), bound so that `decode` hands back the JS string itself
    /// (web-sys's binding copies it into a Rust `String`).
    #[wasm_bindgen(js_name = TextDecoder)]
    type JsTextDecoder;
    #[wasm_bindgen(constructor, js_class = TextDecoder, catch)]
    fn new() -> Result<JsTextDecoder, JsValue>;
    #[wasm_bindgen(method, js_class = TextDecoder, js_name = decode, catch)]
    fn decode(this: &JsTextDecoder, input: &Uint8Array) -> Result<JsValue, JsValue>;
    /// The global `fetch` (browsers, workers, Node >= 18).
    #[wasm_bindgen(js_name = fetch, catch)]
    fn fetch_with_init(url: &str, init: &Object) -> Result<Promise, JsValue>;
}

/// How one attempt failed without an HTTP answer.
enum Failure {
    Network(String),
    Timeout,
    Aborted,
}

/// One HTTP answer: the pure-Rust view, and the body as a JS string decoded by the engine (so a
/// success body can go to the engine's own `JSON.parse` without a copy back out of wasm memory).
pub struct Answer {
    /// Status, body text, `Retry-After`.
    pub raw: RawResponse,
    /// The same body text, as a JS string.
    pub text: JsValue,
}

/// Sends `spec` with retries as the policy allows. Any HTTP answer is returned as `Ok`, success
/// or not; the caller decodes it. Failures without an answer become `network`, `timeout` or
/// `aborted` errors.
pub async fn send(
    client: &ClientConfig,
    call: &CallConfig,
    signal: Option<&AbortSignal>,
    spec: &RequestSpec,
    credential: &Credential,
    ctx: &CallContext<'_>,
) -> Result<Answer, ApiError> {
    let policy = call.effective_retry(client.retry, spec.method.is_idempotent());
    let timeout_ms = call.timeout_ms.unwrap_or(client.timeout_ms);
    let url = spec.url(client.base_url.as_str());
    let body = spec.body.to_text();
    let mut headers: Vec<(&str, String)> =
        spec.headers.iter().map(|(k, v)| (*k, v.clone())).collect();
    if let Some(ct) = spec.body.content_type() {
        headers.push(("content-type", ct.to_string()));
    }
    headers.push(("accept", "application/json".to_string()));
    if let Some(h) = credential.header() {
        headers.push(h);
    }
    let mut attempt: u32 = 0;
    loop {
        if signal.is_some_and(AbortSignal::aborted) {
            return Err(aborted(ctx));
        }
        let result = attempt_once(
            spec.method,
            &url,
            &headers,
            body.as_deref(),
            timeout_ms,
            signal,
        )
        .await;
        let (outcome, retry_after_ms) = match &result {
            Ok(Answer { raw: resp, .. }) if resp.is_success() => {
                return finish(result, ctx, timeout_ms)
            }
            Ok(Answer { raw: resp, .. }) => (
                Outcome::Status(resp.status),
                resp.retry_after
                    .as_deref()
                    .and_then(|v| parse_retry_after(v, js_sys::Date::now())),
            ),
            Err(Failure::Network(_)) => (Outcome::NetworkError, None),
            Err(Failure::Timeout) => (Outcome::Timeout, None),
            Err(Failure::Aborted) => (Outcome::Aborted, None),
        };
        let delay = policy
            .and_then(|p| p.next_delay(attempt, outcome, retry_after_ms, js_sys::Math::random()));
        let Some(ms) = delay else {
            return finish(result, ctx, timeout_ms);
        };
        if sleep(ms, signal).await {
            return Err(aborted(ctx));
        }
        attempt += 1;
    }
}

/// The last attempt's result as the call's result.
fn finish(
    result: Result<Answer, Failure>,
    ctx: &CallContext<'_>,
    timeout_ms: u32,
) -> Result<Answer, ApiError> {
    result.map_err(|failure| match failure {
        Failure::Network(detail) => ctx.error(
            ErrorKind::Network,
            &format!("network error, no answer from the server ({detail})"),
        ),
        Failure::Timeout => ctx.error(
            ErrorKind::Timeout,
            &format!("no complete answer within {timeout_ms} ms"),
        ),
        Failure::Aborted => aborted(ctx),
    })
}

fn aborted(ctx: &CallContext<'_>) -> ApiError {
    ctx.error(ErrorKind::Aborted, "aborted by the caller's signal")
}

/// One fetch, bounded by `timeout_ms` and by the caller's signal.
async fn attempt_once(
    method: Method,
    url: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
    timeout_ms: u32,
    signal: Option<&AbortSignal>,
) -> Result<Answer, Failure> {
    let controller = AbortController::new()
        .map_err(|_| Failure::Network("AbortController unavailable".into()))?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let on_abort = {
        let controller = controller.clone();
        Closure::<dyn FnMut()>::new(move || controller.abort())
    };
    let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms);
    if let Some(s) = signal {
        let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }

    let result = fetch_text(method, url, headers, body, &controller.signal()).await;

    clear_timeout(&timer);
    if let Some(s) = signal {
        let _ = s.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
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

/// Sends the request and reads the whole body as text.
async fn fetch_text(
    method: Method,
    url: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
    signal: &AbortSignal,
) -> Result<Answer, String> {
    let init = request_init(method, headers, body, signal);
    let promise = fetch_with_init(url, &init).map_err(|e| js_error_text(&e))?;
    let response: Response = JsFuture::from(promise)
        .await
        .map_err(|e| js_error_text(&e))?
        .dyn_into()
        .map_err(|_| "fetch did not resolve to a Response".to_string())?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after").ok().flatten();
    let buffer = response.array_buffer().map_err(|e| js_error_text(&e))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| js_error_text(&e))?;
    Ok(body_answer(&Uint8Array::new(&buffer), status, retry_after))
}

/// An [`Answer`] from the body's bytes.
pub fn body_answer(bytes: &Uint8Array, status: u16, retry_after: Option<String>) -> Answer {
    Answer {
        raw: RawResponse {
            status,
            body: utf8_text(bytes.to_vec()),
            retry_after,
        },
        text: decode_utf8(bytes),
    }
}

/// The body as Rust text, decoded as `Response.text()` does: a leading BOM dropped, invalid
/// UTF-8 replaced by U+FFFD.
fn utf8_text(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The body as a JS string, through the engine's `TextDecoder` (same rules as `utf8_text`).
///
/// The body is read once as bytes: copied into wasm memory in one `memcpy` for the Rust side,
/// decoded by the engine for the JS side. Handing wasm-bindgen a JS string instead costs a
/// per-character JS loop, which measured as a quarter of the time to decode a 2.6 MB list.
fn decode_utf8(bytes: &Uint8Array) -> JsValue {
    TEXT_DECODER.with(|decoder| match decoder {
        Some(d) => d.decode(bytes).unwrap_or_else(|_| JsValue::from_str("")),
        None => JsValue::from_str(""),
    })
}

thread_local! {
    /// One `TextDecoder` (UTF-8, replacing invalid input, dropping a BOM) for every response.
    static TEXT_DECODER: Option<JsTextDecoder> = JsTextDecoder::new().ok();
}

/// The `init` object of one fetch: never follow redirects, never send cookies, never cache.
fn request_init(
    method: Method,
    headers: &[(&str, String)],
    body: Option<&str>,
    signal: &AbortSignal,
) -> Object {
    let init = Object::new();
    let header_object = Object::new();
    for (name, value) in headers {
        set(&header_object, name, &JsValue::from_str(value));
    }
    set(&init, "method", &JsValue::from_str(method.as_str()));
    set(&init, "headers", &header_object);
    if let Some(text) = body {
        set(&init, "body", &JsValue::from_str(text));
    }
    set(&init, "signal", signal);
    set(&init, "redirect", &JsValue::from_str("manual"));
    set(&init, "credentials", &JsValue::from_str("omit"));
    set(&init, "cache", &JsValue::from_str("no-store"));
    init
}

/// Sets a property on a fresh plain object (cannot throw: no setters, not frozen).
fn set(target: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(name), value);
}

/// The message of a thrown JS value (`TypeError: fetch failed` and the like).
fn js_error_text(err: &JsValue) -> String {
    match err.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => err
            .as_string()
            .unwrap_or_else(|| "unknown error".to_string()),
    }
}

/// Waits `ms`, or less if the signal aborts. Returns whether the signal aborted.
async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> bool {
    let mut resolve_slot: Option<Function> = None;
    let promise = Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
    let Some(resolve) = resolve_slot else {
        return false;
    };
    let timer = set_timeout(&resolve, ms);
    let on_abort = Closure::<dyn FnMut()>::new(move || {
        let _ = resolve.call0(&JsValue::NULL);
    });
    if let Some(s) = signal {
        let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    let _ = JsFuture::from(promise).await;
    clear_timeout(&timer);
    if let Some(s) = signal {
        let _ = s.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    signal.is_some_and(AbortSignal::aborted)
}
