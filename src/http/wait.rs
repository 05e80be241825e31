//! Waiting that the caller's `AbortSignal` cuts short: a backoff sleep, or a promise shared with
//! other calls (a Knetik token request).

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use js_sys::{Array, Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// A promise and its `resolve` function.
fn deferred() -> Option<(Promise, Function)> {
    let mut slot: Option<Function> = None;
    let promise = Promise::new(&mut |resolve, _reject| slot = Some(resolve));
    slot.map(|resolve| (promise, resolve))
}

/// Waits until `promise` settles (however it settles) or `signal` fires. Returns whether the
/// signal fired.
pub async fn settled_or_aborted(promise: &Promise, signal: Option<&AbortSignal>) -> bool {
    let listener_and_abort = signal.and_then(|s| {
        let (aborted, resolve) = deferred()?;
        let listener = EventListener::once(s, "abort", move |_| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        Some((listener, aborted))
    });
    let settled = match &listener_and_abort {
        // A rejection of either one ends the wait too: `allSettled` of one never rejects.
        Some((_, aborted)) => Promise::race(&Array::of2(
            &Promise::all_settled(&Array::of1(promise)),
            aborted,
        )),
        None => Promise::all_settled(&Array::of1(promise)),
    };
    if signal.is_some_and(AbortSignal::aborted) {
        return true;
    }
    let _ = JsFuture::from(settled).await;
    drop(listener_and_abort);
    signal.is_some_and(AbortSignal::aborted)
}

/// Waits `ms`, or less if `signal` fires. Returns whether the signal fired.
pub async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> bool {
    let Some((timer, resolve)) = deferred() else {
        return signal.is_some_and(AbortSignal::aborted);
    };
    let _timeout = Timeout::new(ms, move || {
        let _ = resolve.call0(&JsValue::NULL);
    });
    settled_or_aborted(&timer, signal).await
}
