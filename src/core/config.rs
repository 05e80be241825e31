//! Options every client and every call share: base URL, timeout, retry policy.

use super::base_url::{BaseUrl, BaseUrlError};
use super::error::{ApiError, ErrorKind, Provider};
use super::fields::{Field, Fields, Reader};
use super::retry::RetryPolicy;

/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The longest timeout a JS timer can hold.
pub const MAX_TIMEOUT_MS: i64 = 2_147_483_647;

/// Option names shared by every client constructor.
pub const COMMON_CLIENT_OPTIONS: &[&str] = &["baseUrl", "allowInsecureHttp", "timeoutMs", "retry"];

/// Transport settings of one client.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientConfig {
    /// Where the service lives.
    pub base_url: BaseUrl,
    /// Per-attempt timeout.
    pub timeout_ms: u32,
    /// Retry policy for idempotent calls; `None` when the caller passed `retry: false`.
    pub retry: Option<RetryPolicy>,
}

impl ClientConfig {
    /// Reads `baseUrl`, `allowInsecureHttp`, `timeoutMs` and `retry`.
    pub fn read<F: Fields>(r: &Reader<'_, F>) -> Result<ClientConfig, ApiError> {
        let allow_insecure = r.optional_bool("allowInsecureHttp")?.unwrap_or(false);
        let raw = r.required_string("baseUrl")?;
        let base_url = BaseUrl::parse(&raw, allow_insecure).map_err(|e| match e {
            BaseUrlError::Invalid(why) => r.error("baseUrl", why),
            BaseUrlError::Insecure => {
                let mut err = r.error(
                    "baseUrl",
                    "plain http: is only allowed for loopback hosts; use https: or set allowInsecureHttp: true",
                );
                err.kind = ErrorKind::InsecureUrl;
                err
            }
        })?;
        let timeout_ms = r
            .optional_integer("timeoutMs", 1, MAX_TIMEOUT_MS)?
            .map(|t| t as u32)
            .unwrap_or(DEFAULT_TIMEOUT_MS);
        let retry = match read_retry(r)? {
            RetryChoice::Default | RetryChoice::On => Some(RetryPolicy::default()),
            RetryChoice::Off => None,
            RetryChoice::Policy(p) => Some(p),
        };
        Ok(ClientConfig {
            base_url,
            timeout_ms,
            retry,
        })
    }
}

/// What a `retry` option said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryChoice {
    /// Not given.
    Default,
    /// `true`: retry with the client's policy, even for a non-idempotent call.
    On,
    /// `false`: never retry.
    Off,
    /// An explicit policy object.
    Policy(RetryPolicy),
}

/// Reads `retry`: `true`, `false` or `{retries, minDelayMs, maxDelayMs}`.
pub fn read_retry<F: Fields>(r: &Reader<'_, F>) -> Result<RetryChoice, ApiError> {
    match r.field("retry") {
        Field::Missing | Field::Null => Ok(RetryChoice::Default),
        Field::Bool(true) => Ok(RetryChoice::On),
        Field::Bool(false) => Ok(RetryChoice::Off),
        Field::Object => {
            let Some(child) = r.child("retry") else {
                return Err(r.error("retry", "must be a boolean or an object"));
            };
            let nested = Reader::new(&child, Provider::Hopr, "", "");
            let d = RetryPolicy::default();
            let get = |name: &str, min: i64, max: i64, default: u32| {
                nested
                    .optional_integer(name, min, max)
                    .map(|v| v.map(|v| v as u32).unwrap_or(default))
                    .map_err(|_| {
                        r.error(
                            &format!("retry.{name}"),
                            &format!("must be a whole number between {min} and {max}"),
                        )
                    })
            };
            let retries = get("retries", 0, 10, d.retries)?;
            let min_delay_ms = get("minDelayMs", 0, 600_000, d.min_delay_ms)?;
            let max_delay_ms = get("maxDelayMs", 0, 600_000, d.max_delay_ms.max(min_delay_ms))?;
            if max_delay_ms < min_delay_ms {
                return Err(r.error("retry.maxDelayMs", "must not be less than retry.minDelayMs"));
            }
            Ok(RetryChoice::Policy(RetryPolicy {
                retries,
                min_delay_ms,
                max_delay_ms,
            }))
        }
        _ => Err(r.error("retry", "must be a boolean or an object")),
    }
}

/// Per-call options other than the signal (which only exists in JS).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallConfig {
    /// Overrides the client's timeout for this call.
    pub timeout_ms: Option<u32>,
    /// Overrides retrying for this call.
    pub retry: Option<RetryChoice>,
}

/// Option names every call accepts.
pub const CALL_OPTIONS: &[&str] = &["signal", "timeoutMs", "retry"];

impl CallConfig {
    /// Reads `timeoutMs` and `retry` of a call's last argument.
    pub fn read<F: Fields>(r: &Reader<'_, F>) -> Result<CallConfig, ApiError> {
        Self::read_with(r, &[])
    }

    /// Like [`CallConfig::read`], also allowing the operation-specific option names in `extra`
    /// (which the caller reads itself).
    pub fn read_with<F: Fields>(r: &Reader<'_, F>, extra: &[&str]) -> Result<CallConfig, ApiError> {
        let mut known = CALL_OPTIONS.to_vec();
        known.extend_from_slice(extra);
        r.reject_unknown(&known)?;
        let timeout_ms = r
            .optional_integer("timeoutMs", 1, MAX_TIMEOUT_MS)?
            .map(|t| t as u32);
        let retry = match read_retry(r)? {
            RetryChoice::Default => None,
            other => Some(other),
        };
        Ok(CallConfig { timeout_ms, retry })
    }

    /// The policy for this call: per-call choice first, then the client's policy, which applies
    /// only to idempotent calls unless the call says `retry: true` or passes a policy.
    pub fn effective_retry(
        &self,
        client: Option<RetryPolicy>,
        idempotent: bool,
    ) -> Option<RetryPolicy> {
        match self.retry {
            Some(RetryChoice::Off) => None,
            Some(RetryChoice::Policy(p)) => Some(p),
            Some(RetryChoice::On) => Some(client.unwrap_or_default()),
            Some(RetryChoice::Default) | None => client.filter(|_| idempotent),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn client(v: serde_json::Value) -> Result<ClientConfig, ApiError> {
        ClientConfig::read(&Reader::new(
            &v,
            Provider::Hopr,
            "new HoprTokens",
            "options.",
        ))
    }

    #[test]
    fn defaults() {
        let c = client(json!({"baseUrl": "https://n.example/"})).unwrap();
        assert_eq!(c.base_url.as_str(), "https://n.example");
        assert_eq!(c.timeout_ms, 30_000);
        assert_eq!(c.retry, Some(RetryPolicy::default()));
    }

    #[test]
    fn insecure_url_has_its_own_kind() {
        let e = client(json!({"baseUrl": "http://n.example"})).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InsecureUrl);
        assert!(client(json!({"baseUrl": "http://n.example", "allowInsecureHttp": true})).is_ok());
        let e = client(json!({"baseUrl": "n.example"})).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
    }

    #[test]
    fn retry_forms() {
        assert_eq!(
            client(json!({"baseUrl": "https://n", "retry": false}))
                .unwrap()
                .retry,
            None
        );
        let c = client(json!({"baseUrl": "https://n", "retry": {"retries": 5, "minDelayMs": 1, "maxDelayMs": 2}})).unwrap();
        assert_eq!(
            c.retry,
            Some(RetryPolicy {
                retries: 5,
                min_delay_ms: 1,
                max_delay_ms: 2
            })
        );
        for bad in [
            json!("yes"),
            json!({"retries": -1}),
            json!({"retries": 1.5}),
            json!({"minDelayMs": 10, "maxDelayMs": 5}),
        ] {
            let e = client(json!({"baseUrl": "https://n", "retry": bad})).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument);
            assert!(e.message.contains("retry"), "{}", e.message);
        }
    }

    #[test]
    fn timeout_bounds() {
        assert_eq!(
            client(json!({"baseUrl": "https://n", "timeoutMs": 5}))
                .unwrap()
                .timeout_ms,
            5
        );
        for bad in [json!(0), json!(-1), json!(1.5), json!("5"), json!(1e12)] {
            assert!(client(json!({"baseUrl": "https://n", "timeoutMs": bad})).is_err());
        }
    }

    #[test]
    fn only_idempotent_calls_retry_by_default() {
        let p = Some(RetryPolicy::default());
        let call = CallConfig::default();
        assert_eq!(call.effective_retry(p, true), p);
        assert_eq!(call.effective_retry(p, false), None);
        let opt_in = CallConfig {
            retry: Some(RetryChoice::On),
            ..call
        };
        assert_eq!(opt_in.effective_retry(p, false), p);
        let off = CallConfig {
            retry: Some(RetryChoice::Off),
            ..call
        };
        assert_eq!(off.effective_retry(p, true), None);
        assert_eq!(call.effective_retry(None, true), None);
    }

    #[test]
    fn call_options_reject_unknown_names() {
        let v = json!({"timeout": 5});
        let e = CallConfig::read(&Reader::new(&v, Provider::Hopr, "op", "options.")).unwrap_err();
        assert!(e.message.contains("options.timeout"));
    }
}
