//! What every client and every call share: base URL, timeout and retry policy, checked once when
//! a client is made; and the per-call options.

use serde::Deserialize;
use tsify::Tsify;

use super::base_url::{BaseUrl, BaseUrlError};
use super::error::{ApiError, Provider};
use super::retry::{effective_policy, Retry, RetryPolicy};

/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The longest timeout a JS timer can hold.
pub const MAX_TIMEOUT_MS: u32 = 2_147_483_647;

/// The default of every config's `timeout_ms` (for serde).
pub fn default_timeout_ms() -> u32 {
    DEFAULT_TIMEOUT_MS
}

/// The checked transport settings of one client.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientSettings {
    /// Where the service lives.
    pub base_url: BaseUrl,
    /// Per-attempt timeout.
    pub timeout_ms: u32,
    /// Retry policy for idempotent calls; `None` when the client was configured with
    /// `retry: false`.
    pub retry: Option<RetryPolicy>,
    /// The caller's `fetch`, when given (else the global one).
    #[cfg(target_arch = "wasm32")]
    pub fetch: Option<crate::http::Fetch>,
}

/// The options every client config has, as given (see [`ClientSettings::check`]).
pub struct CommonOptions<'a> {
    /// `baseUrl`.
    pub base_url: &'a str,
    /// `allowInsecureHttp`.
    pub allow_insecure_http: bool,
    /// `timeoutMs`.
    pub timeout_ms: u32,
    /// `retry`.
    pub retry: Retry,
    /// `fetch`.
    #[cfg(target_arch = "wasm32")]
    pub fetch: Option<&'a crate::http::Fetch>,
}

impl ClientSettings {
    /// Checks the common options of a client config; errors name the option as
    /// `options.<name>`, and `operation` is the constructor's name (`new HoprTokens`).
    pub fn check(
        provider: Provider,
        operation: &str,
        options: CommonOptions<'_>,
    ) -> Result<ClientSettings, ApiError> {
        let invalid = |field: &str, problem: &str| {
            ApiError::invalid_argument(provider, operation, field, problem)
        };
        let base_url =
            BaseUrl::parse(options.base_url, options.allow_insecure_http).map_err(|e| match e {
                BaseUrlError::Invalid(why) => invalid("options.baseUrl", why),
                BaseUrlError::Insecure => ApiError::insecure_url(
                    provider,
                    operation,
                    "options.baseUrl",
                    "plain http: is only allowed for loopback hosts; use https: or set allowInsecureHttp: true",
                ),
            })?;
        check_timeout(options.timeout_ms).map_err(|why| invalid("options.timeoutMs", why))?;
        options
            .retry
            .check()
            .map_err(|(field, why)| invalid(&format!("options.retry.{field}"), &why))?;
        Ok(ClientSettings {
            base_url,
            timeout_ms: options.timeout_ms,
            retry: options.retry.client_policy(),
            #[cfg(target_arch = "wasm32")]
            fetch: options.fetch.cloned(),
        })
    }
}

fn check_timeout(ms: u32) -> Result<(), &'static str> {
    if ms == 0 || ms > MAX_TIMEOUT_MS {
        return Err("must be a whole number from 1 to 2147483647");
    }
    Ok(())
}

/// The last, optional argument of every operation: an abort signal, a timeout and a retry choice
/// for this one call. Unknown names are refused.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CallOptions {
    /// Aborts the call: it fails at once with kind `aborted`, also during a retry backoff or
    /// while waiting for a shared OAuth token request.
    #[cfg(target_arch = "wasm32")]
    #[serde(default, deserialize_with = "deserialize_signal")]
    #[tsify(type = "AbortSignal", optional)]
    pub signal: Option<web_sys::AbortSignal>,
    /// Per-attempt timeout for this call, in ms (1 to 2147483647); the client's by default.
    #[serde(default)]
    #[tsify(optional)]
    pub timeout_ms: Option<u32>,
    /// `true` retries even a non-idempotent call; `false` never retries; a policy replaces the
    /// client's for this call. Left out: the client's rule (idempotent calls only).
    #[serde(default)]
    #[tsify(optional)]
    pub retry: Option<Retry>,
    /// JS methods: `true` sends nothing and resolves to the request the call would send (a
    /// `DryRun`: method, URL, headers, body), the credential replaced by a placeholder. The
    /// typed Rust methods send, so they refuse it: call their `*_dry_run` twins instead.
    /// (Declared `false` here; each method's `DryRunOptions` overload takes `true`.)
    #[serde(default)]
    #[tsify(type = "false", optional)]
    pub dry_run: bool,
}

impl CallOptions {
    /// Checks the options of a call that sends: the bounds, and no `dry_run` (see its doc);
    /// errors name the option as `options.<name>`.
    pub fn check(&self, provider: Provider, operation: &str) -> Result<(), ApiError> {
        if self.dry_run {
            return Err(ApiError::invalid_argument(
                provider,
                operation,
                "options.dryRun",
                "is for the JS methods; a typed Rust method sends (its `*_dry_run` twin gives the request)",
            ));
        }
        self.check_bounds(provider, operation)
    }

    /// Checks the bounds of the timeout and the retry policy (a dry run checks these too, so
    /// it refuses what the call would refuse).
    pub fn check_bounds(&self, provider: Provider, operation: &str) -> Result<(), ApiError> {
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
    pub fn aborted(&self) -> bool {
        #[cfg(target_arch = "wasm32")]
        {
            self.signal
                .as_ref()
                .is_some_and(web_sys::AbortSignal::aborted)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            false
        }
    }
}

/// Reads `signal` from JS: `undefined`/`null`, or an `AbortSignal` (anything else is refused
/// without showing it).
#[cfg(target_arch = "wasm32")]
pub fn deserialize_signal<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<web_sys::AbortSignal>, D::Error> {
    use serde::de::{Error, Unexpected};
    use wasm_bindgen::JsCast;
    let value: wasm_bindgen::JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .dyn_into::<web_sys::AbortSignal>()
        .map(Some)
        .map_err(|_| D::Error::invalid_type(Unexpected::Other("another value"), &"an AbortSignal"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;

    fn common(base_url: &str, timeout_ms: u32, retry: Retry) -> Result<ClientSettings, ApiError> {
        ClientSettings::check(
            Provider::Hopr,
            "new HoprTokens",
            CommonOptions {
                base_url,
                allow_insecure_http: false,
                timeout_ms,
                retry,
                #[cfg(target_arch = "wasm32")]
                fetch: None,
            },
        )
    }

    #[test]
    fn defaults() {
        let c = common("https://n.example/", DEFAULT_TIMEOUT_MS, Retry::On).unwrap();
        assert_eq!(c.base_url.as_str(), "https://n.example");
        assert_eq!(c.timeout_ms, 30_000);
        assert_eq!(c.retry, Some(RetryPolicy::default()));
    }

    #[test]
    fn insecure_url_has_its_own_kind() {
        let e = common("http://n.example", 1, Retry::On).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InsecureUrl);
        let e = common("n.example", 1, Retry::On).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert!(e.message.contains("`options.baseUrl`"), "{}", e.message);
    }

    #[test]
    fn bounds_name_the_option() {
        let e = common("https://n", 0, Retry::On).unwrap_err();
        assert!(e.message.contains("`options.timeoutMs`"), "{}", e.message);
        let bad = Retry::Policy(RetryPolicy {
            retries: 11,
            ..RetryPolicy::default()
        });
        let e = common("https://n", 5, bad).unwrap_err();
        assert!(
            e.message.contains("`options.retry.retries`"),
            "{}",
            e.message
        );
        assert_eq!(common("https://n", 5, Retry::Off).unwrap().retry, None);
    }

    #[test]
    fn call_options_are_strict() {
        let e = serde_json::from_str::<CallOptions>(r#"{"timeout":5}"#).unwrap_err();
        assert!(e.to_string().contains("timeout"));
        let o: CallOptions = serde_json::from_str(r#"{"timeoutMs":5,"retry":false}"#).unwrap();
        assert_eq!(o.retry, Some(Retry::Off));
        let e = CallOptions {
            timeout_ms: Some(0),
            ..CallOptions::default()
        }
        .check(Provider::Hopr, "op")
        .unwrap_err();
        assert!(e.message.contains("`options.timeoutMs`"));
    }

    #[test]
    fn a_sending_call_refuses_dry_run_and_a_dry_run_checks_the_bounds() {
        let o: CallOptions = serde_json::from_str(r#"{"dryRun":true}"#).unwrap();
        assert!(o.dry_run);
        let e = o.check(Provider::Hopr, "op").unwrap_err();
        assert!(e.message.contains("`options.dryRun`"), "{}", e.message);
        assert!(o.check_bounds(Provider::Hopr, "op").is_ok());
        let bad = CallOptions {
            timeout_ms: Some(0),
            dry_run: true,
            ..CallOptions::default()
        };
        assert!(bad.check_bounds(Provider::Hopr, "op").is_err());
    }
}
