//! [`CallOptions`]: the last argument of every operation of the typed clients (and of the JS
//! methods, which add `dryRun`): an abort signal, a timeout and a retry choice for one call.
//! Plain Rust but for the signal, so the options' rules are tested natively too.

#[cfg(feature = "js")]
use serde::Deserialize;
#[cfg(feature = "js")]
use tsify::Tsify;
#[cfg(target_arch = "wasm32")]
use web_sys::AbortSignal;

use crate::core::config::{check_timeout, ClientSettings};
use crate::core::error::{ApiError, Provider};
use crate::core::retry::{effective_policy, Retry, RetryPolicy};

/// The last, optional argument of every operation: an abort signal, a timeout and a retry choice
/// for this one call. With the `js` feature, the JS shell reads it from a JS object (camelCase
/// names; unknown names are refused).
///
/// ```
/// use tokenops::{CallOptions, Retry};
///
/// // A 5 s timeout for each attempt, and no retry, for this one call.
/// let options = CallOptions {
///     timeout_ms: Some(5_000),
///     retry: Some(Retry::Off),
///     ..CallOptions::default()
/// };
/// # let _ = options;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "js", derive(Deserialize, Tsify))]
#[cfg_attr(feature = "js", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct CallOptions {
    /// Aborts the call: it fails at once with kind `aborted`, also during a retry backoff or
    /// while waiting for a shared OAuth token request.
    #[cfg(target_arch = "wasm32")]
    #[cfg_attr(
        feature = "js",
        serde(default, deserialize_with = "deserialize_signal")
    )]
    #[cfg_attr(feature = "js", tsify(type = "AbortSignal", optional))]
    pub signal: Option<AbortSignal>,
    /// Per-attempt timeout for this call, in ms (1 to 2147483647); the client's by default.
    #[cfg_attr(feature = "js", serde(default), tsify(optional))]
    pub timeout_ms: Option<u32>,
    /// `true` retries even a non-idempotent call; `false` never retries; a policy replaces the
    /// client's for this call. Left out: the client's rule (idempotent calls only).
    #[cfg_attr(feature = "js", serde(default), tsify(optional))]
    pub retry: Option<Retry>,
}

impl CallOptions {
    /// Checks the bounds of the timeout and the retry policy; errors name the option as
    /// `options.<name>`.
    pub fn check(&self, provider: Provider, operation: &str) -> Result<(), ApiError> {
        let invalid = |field: &str, problem: &str| {
            ApiError::invalid_argument(provider, operation, field, problem)
        };
        if let Some(ms) = self.timeout_ms {
            check_timeout(ms).map_err(|why| invalid("options.timeoutMs", why))?;
        }
        if let Some(retry) = &self.retry {
            retry
                .check()
                .map_err(|(field, why)| invalid(&format!("options.retry.{field}"), &why))?;
        }
        Ok(())
    }

    /// The timeout of each attempt of this call.
    pub fn timeout_ms(&self, client: &ClientSettings) -> u32 {
        self.timeout_ms.unwrap_or(client.timeout_ms)
    }

    /// The retry policy of this call (see [`effective_policy`]).
    pub fn policy(&self, client: &ClientSettings, idempotent: bool) -> Option<RetryPolicy> {
        effective_policy(self.retry, client.retry, idempotent)
    }

    /// Whether the caller's signal has fired.
    #[cfg(target_arch = "wasm32")]
    pub fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(AbortSignal::aborted)
    }
}

/// Reads `signal` from JS: `undefined`/`null`, or an `AbortSignal` (anything else is refused
/// without showing it).
#[cfg(all(feature = "js", target_arch = "wasm32"))]
pub fn deserialize_signal<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<AbortSignal>, D::Error> {
    use serde::de::{Error, Unexpected};
    use wasm_bindgen::JsCast;
    let value: wasm_bindgen::JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .dyn_into::<AbortSignal>()
        .map(Some)
        .map_err(|_| D::Error::invalid_type(Unexpected::Other("another value"), &"an AbortSignal"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "js")]
    #[test]
    fn call_options_are_strict() {
        let e = serde_json::from_str::<CallOptions>(r#"{"timeout":5}"#).unwrap_err();
        assert!(e.to_string().contains("timeout"));
        let o: CallOptions = serde_json::from_str(r#"{"timeoutMs":5,"retry":false}"#).unwrap();
        assert_eq!(o.retry, Some(Retry::Off));
    }

    #[test]
    fn bounds_name_the_option() {
        let e = CallOptions {
            timeout_ms: Some(0),
            ..CallOptions::default()
        }
        .check(Provider::Hopr, "op")
        .unwrap_err();
        assert!(e.message.contains("`options.timeoutMs`"));
    }
}
