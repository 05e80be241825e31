//! Waiting that the caller's `AbortSignal` cuts short, on Rust futures: the signal as a future
//! ([`until_aborted`]), raced with any other wait ([`unless_aborted`]: a retry backoff on
//! gloo-timers, a Knetik token request shared by several calls).

use std::future::Future;
use std::pin::pin;

use futures::channel::oneshot;
use futures::future::{select, Either};
use gloo_events::EventListener;
use web_sys::AbortSignal;

/// Resolves once `signal` fires; never without a signal.
pub async fn until_aborted(signal: Option<&AbortSignal>) {
    let Some(signal) = signal else {
        return std::future::pending().await;
    };
    if signal.aborted() {
        return;
    }
    let (fired, on_fire) = oneshot::channel();
    let _listener = EventListener::once(signal, "abort", move |_| {
        let _ = fired.send(());
    });
    let _ = on_fire.await;
}

/// `work`'s output, or `None` when `signal` fires first (or had fired already).
pub async fn unless_aborted<T>(
    work: impl Future<Output = T>,
    signal: Option<&AbortSignal>,
) -> Option<T> {
    if signal.is_some_and(AbortSignal::aborted) {
        return None;
    }
    match select(pin!(work), pin!(until_aborted(signal))).await {
        Either::Left((output, _)) => Some(output),
        Either::Right(_) => None,
    }
}

/// Waits `ms`, or less if `signal` fires. Returns whether the signal fired.
pub async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> bool {
    unless_aborted(gloo_timers::future::TimeoutFuture::new(ms), signal)
        .await
        .is_none()
}
