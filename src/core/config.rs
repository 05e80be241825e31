//! What every client shares: base URL, timeout and retry policy, checked once when a client is
//! made.

use super::base_url::{BaseUrl, BaseUrlError};
use super::error::{ApiError, Provider};
use super::retry::{Retry, RetryPolicy};

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

/// Declares a client config (the options of a JS client constructor, read strictly: unknown
/// names are refused): `baseUrl`, the provider's own fields, then the options every client has (`timeoutMs`, `retry`,
/// `allowInsecureHttp`, `fetch`); its `Default` (30 s, retry on, every other field empty) and
/// `settings()`, the check of the common options ([`ClientSettings::check`]).
#[macro_export]
#[doc(hidden)]
macro_rules! client_config {
    ($(#[$m:meta])* pub struct $ty:ident { $($(#[$fm:meta])* pub $f:ident: $t:ty,)* }) => {
        #[derive(Clone, Debug, PartialEq, serde::Deserialize)]
        #[cfg_attr(feature = "js", derive(tsify::Tsify))]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        $(#[$m])*
        pub struct $ty {
            /// The service's origin, optionally with a path prefix; `https:` unless loopback.
            pub base_url: String,
            $($(#[$fm])* pub $f: $t,)*
            /// Per-attempt timeout in ms (default 30000).
            #[serde(default = "crate::core::config::default_timeout_ms")]
            pub timeout_ms: u32,
            /// Retry policy of idempotent calls (default: on), `false` to never retry.
            #[serde(default)]
            pub retry: $crate::core::retry::Retry,
            /// Allow plain `http:` to a host that is not loopback.
            #[serde(default)]
            pub allow_insecure_http: bool,
            /// Every request of the client goes through this function instead of the global
            /// `fetch` (tests: the in-process emulator's `fetch`, an MSW handler; proxies, custom
            /// agents). It is called with one `Request` and resolves to a `Response`. Dry runs
            /// never call it.
            #[cfg(target_arch = "wasm32")]
            #[serde(default, deserialize_with = "crate::http::fetch::deserialize_fetch")]
            #[cfg_attr(feature = "js", tsify(type = "(input: Request) => Promise<Response>", optional))]
            pub fetch: Option<$crate::http::Fetch>,
        }

        impl Default for $ty {
            fn default() -> Self {
                $ty {
                    base_url: String::new(),
                    $($f: Default::default(),)*
                    timeout_ms: $crate::core::config::DEFAULT_TIMEOUT_MS,
                    retry: $crate::core::retry::Retry::default(),
                    allow_insecure_http: false,
                    #[cfg(target_arch = "wasm32")]
                    fetch: None,
                }
            }
        }

        impl $ty {
            /// Checks the options every client has; errors name the option as
            /// `options.<name>`, never its value.
            fn settings(
                &self,
                provider: $crate::core::error::Provider,
                operation: &str,
            ) -> Result<$crate::core::config::ClientSettings, $crate::ApiError> {
                let common = $crate::core::config::CommonOptions {
                    base_url: &self.base_url,
                    allow_insecure_http: self.allow_insecure_http,
                    timeout_ms: self.timeout_ms,
                    retry: self.retry,
                    #[cfg(target_arch = "wasm32")]
                    fetch: self.fetch.as_ref(),
                };
                $crate::core::config::ClientSettings::check(provider, operation, common)
            }
        }
    };
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

/// Checks a timeout in ms: 1 to [`MAX_TIMEOUT_MS`].
pub fn check_timeout(ms: u32) -> Result<(), &'static str> {
    if ms == 0 || ms > MAX_TIMEOUT_MS {
        return Err("must be a whole number from 1 to 2147483647");
    }
    Ok(())
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
}
