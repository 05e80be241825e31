//! Retry policy: which outcomes are retried, how long to wait (exponential backoff with jitter,
//! `Retry-After`), and when to stop; and the `retry` option that chooses it.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
#[cfg(feature = "js")]
use tsify::Tsify;

/// A retry policy: up to `retries` extra attempts with exponential backoff and jitter, waiting at
/// least what a `Retry-After` asks. Each field has the default shown.
///
/// ```
/// use tokenops::{Retry, RetryPolicy};
///
/// // Up to 5 retries, 250 ms before the first, never waiting more than 10 s.
/// let patient = Retry::Policy(RetryPolicy { retries: 5, min_delay_ms: 250, max_delay_ms: 10_000 });
/// assert_eq!(RetryPolicy::default().retries, 2);
/// # let _ = patient;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "js", tsify(rename = "RetryOptions"))]
pub struct RetryPolicy {
    /// Extra attempts after the first one (0-10, default 2).
    pub retries: u32,
    /// Backoff before the first retry, in ms (doubles each time; default 100).
    pub min_delay_ms: u32,
    /// Upper bound of any wait, in ms (default 5000). A `Retry-After` longer than this is not
    /// waited for: the error is returned with its `retryAfterMs`.
    pub max_delay_ms: u32,
}

/// The most retries a policy may ask for.
pub const MAX_RETRIES: u32 = 10;
/// The longest backoff a policy may set, in ms.
pub const MAX_DELAY_MS: u32 = 600_000;

impl RetryPolicy {
    /// Checks the bounds; gives the offending field (`retries`, `minDelayMs`, `maxDelayMs`) and
    /// the problem in words.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        for (field, value, max) in [
            ("retries", self.retries, MAX_RETRIES),
            ("minDelayMs", self.min_delay_ms, MAX_DELAY_MS),
            ("maxDelayMs", self.max_delay_ms, MAX_DELAY_MS),
        ] {
            if value > max {
                return Err((field, format!("must be at most {max}")));
            }
        }
        if self.max_delay_ms < self.min_delay_ms {
            return Err(("maxDelayMs", "must not be less than minDelayMs".to_string()));
        }
        Ok(())
    }
}

/// The `retry` option of a client or a call: `true`, `false` or a policy.
///
/// On a client, `true` (the default) means the default policy for idempotent calls. On a call,
/// `true` retries even a POST (with the client's policy), `false` never retries, and a policy
/// replaces the client's for that call; leaving it out keeps the client's rule.
///
/// ```
/// # #[cfg(feature = "hopr")] {
/// use tokenops::hopr::HoprConfig;
/// use tokenops::{CallOptions, Retry};
///
/// // A client that never retries, and one call that retries although it is a POST.
/// let config = HoprConfig { retry: Retry::Off, ..Default::default() };
/// let create_options = CallOptions { retry: Some(Retry::On), ..Default::default() };
/// # let _ = (config, create_options);
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[cfg_attr(feature = "js", tsify(type = "RetryOptions | boolean"))]
pub enum Retry {
    /// `true`.
    #[default]
    On,
    /// `false`.
    Off,
    /// An explicit policy.
    Policy(RetryPolicy),
}

impl<'de> Deserialize<'de> for Retry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RetryVisitor;
        impl<'de> Visitor<'de> for RetryVisitor {
            type Value = Retry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean or an object")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Retry, E> {
                Ok(if v { Retry::On } else { Retry::Off })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Retry, A::Error> {
                RetryPolicy::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Retry::Policy)
            }
        }
        d.deserialize_any(RetryVisitor)
    }
}

impl Retry {
    /// The policy of a client configured with this choice (`None`: never retry).
    pub fn client_policy(self) -> Option<RetryPolicy> {
        match self {
            Retry::On => Some(RetryPolicy::default()),
            Retry::Off => None,
            Retry::Policy(p) => Some(p),
        }
    }

    /// Checks an explicit policy (see [`RetryPolicy::check`]).
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        match self {
            Retry::Policy(p) => p.check(),
            _ => Ok(()),
        }
    }
}

/// The policy of one call: the call's own choice first, then the client's policy, which applies
/// only to idempotent calls unless the call says `retry: true` or passes a policy.
pub fn effective_policy(
    call: Option<Retry>,
    client: Option<RetryPolicy>,
    idempotent: bool,
) -> Option<RetryPolicy> {
    match call {
        Some(Retry::Off) => None,
        Some(Retry::Policy(p)) => Some(p),
        Some(Retry::On) => Some(client.unwrap_or_default()),
        None => client.filter(|_| idempotent),
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 2,
            min_delay_ms: 100,
            max_delay_ms: 5_000,
        }
    }
}

/// How one attempt ended, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status.
    Status(u16),
    /// No answer: connection refused, reset, dropped.
    NetworkError,
    /// The attempt timed out.
    Timeout,
    /// The caller aborted: never retried.
    Aborted,
}

/// Statuses worth another attempt: rate limiting and gateway trouble.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

impl RetryPolicy {
    /// Decides whether attempt number `attempt` (0 for the first) should be followed by another,
    /// and after how many ms. `retry_after_ms` is the server's `Retry-After`, `random` a number in
    /// `[0, 1)` for jitter. Timeouts are retried like network errors.
    pub fn next_delay(
        &self,
        attempt: u32,
        outcome: Outcome,
        retry_after_ms: Option<u64>,
        random: f64,
    ) -> Option<u32> {
        if attempt >= self.retries {
            return None;
        }
        let retryable = match outcome {
            Outcome::Status(s) => is_retryable_status(s),
            Outcome::NetworkError | Outcome::Timeout => true,
            Outcome::Aborted => false,
        };
        if !retryable {
            return None;
        }
        let backoff = self.backoff_ms(attempt, random);
        match retry_after_ms {
            Some(ms) if ms > u64::from(self.max_delay_ms) => None,
            // Wait at least what the server asked for.
            Some(ms) => Some(backoff.max(ms as u32)),
            None => Some(backoff),
        }
    }

    /// Exponential backoff with "equal jitter": half of `min * 2^attempt` plus a random share of
    /// the other half, capped at `max_delay_ms`.
    pub fn backoff_ms(&self, attempt: u32, random: f64) -> u32 {
        let exp = u64::from(self.min_delay_ms).saturating_mul(1u64 << attempt.min(30));
        let capped = exp.min(u64::from(self.max_delay_ms)) as f64;
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.5
        };
        (capped / 2.0 + capped / 2.0 * random).round() as u32
    }
}

/// Parses a `Retry-After` value, delta-seconds or an HTTP date, into ms from `now_ms` (Unix ms).
/// A date in the past gives 0; anything unparsable gives `None`.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Seconds beyond u64 are as good as forever.
        return Some(
            value
                .parse::<u64>()
                .map_or(u64::MAX, |s| s.saturating_mul(1000)),
        );
    }
    let at = parse_http_date(value)?;
    let delta = at as f64 * 1000.0 - now_ms;
    Some(if delta > 0.0 { delta.ceil() as u64 } else { 0 })
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into Unix seconds.
pub fn parse_http_date(value: &str) -> Option<i64> {
    let rest = value.split_once(", ")?.1;
    let parts: Vec<&str> = rest.split(' ').collect();
    if parts.len() != 5 || parts[4] != "GMT" {
        return None;
    }
    let day: i64 = parts[0].parse().ok()?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == parts[1])? as i64 + 1;
    let year: i64 = parts[2].parse().ok()?;
    let hms: Vec<i64> = parts[3]
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<i64>>>()?;
    if hms.len() != 3 || !(1..=31).contains(&day) || hms[0] > 23 || hms[1] > 59 || hms[2] > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2])
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_option_forms() {
        let read = |j: &str| serde_json::from_str::<Retry>(j);
        assert_eq!(read("true").unwrap(), Retry::On);
        assert_eq!(read("false").unwrap(), Retry::Off);
        assert_eq!(
            read(r#"{"retries":5}"#).unwrap(),
            Retry::Policy(RetryPolicy {
                retries: 5,
                ..RetryPolicy::default()
            })
        );
        assert!(read(r#"{"retries":1.5}"#).is_err());
        assert!(read(r#""yes""#).is_err());
        assert!(read(r#"{"retry":1}"#).is_err());
        let bad = RetryPolicy {
            min_delay_ms: 10,
            max_delay_ms: 5,
            ..RetryPolicy::default()
        };
        assert_eq!(bad.check().unwrap_err().0, "maxDelayMs");
        let too_many = RetryPolicy {
            retries: 11,
            ..RetryPolicy::default()
        };
        assert_eq!(
            too_many.check(),
            Err(("retries", "must be at most 10".to_string()))
        );
        let too_long = RetryPolicy {
            max_delay_ms: 600_001,
            ..RetryPolicy::default()
        };
        assert_eq!(
            too_long.check(),
            Err(("maxDelayMs", "must be at most 600000".to_string()))
        );
        assert_eq!(Retry::Off.client_policy(), None);
    }

    #[test]
    fn only_idempotent_calls_retry_by_default() {
        let p = Some(RetryPolicy::default());
        assert_eq!(effective_policy(None, p, true), p);
        assert_eq!(effective_policy(None, p, false), None);
        assert_eq!(effective_policy(Some(Retry::On), p, false), p);
        assert_eq!(effective_policy(Some(Retry::Off), p, true), None);
        assert_eq!(effective_policy(None, None, true), None);
        let own = RetryPolicy {
            retries: 7,
            ..RetryPolicy::default()
        };
        assert_eq!(
            effective_policy(Some(Retry::Policy(own)), None, false),
            Some(own)
        );
    }

    const P: RetryPolicy = RetryPolicy {
        retries: 3,
        min_delay_ms: 100,
        max_delay_ms: 1000,
    };

    #[test]
    fn retries_only_retryable_outcomes() {
        for s in [429, 502, 503, 504] {
            assert!(
                P.next_delay(0, Outcome::Status(s), None, 0.5).is_some(),
                "{s}"
            );
        }
        for s in [200, 400, 401, 403, 404, 409, 422, 500, 501] {
            assert!(
                P.next_delay(0, Outcome::Status(s), None, 0.5).is_none(),
                "{s}"
            );
        }
        assert!(P.next_delay(0, Outcome::NetworkError, None, 0.5).is_some());
        assert!(P.next_delay(0, Outcome::Timeout, None, 0.5).is_some());
        assert!(P.next_delay(0, Outcome::Aborted, None, 0.5).is_none());
    }

    #[test]
    fn stops_after_the_configured_retries() {
        assert!(P.next_delay(2, Outcome::NetworkError, None, 0.0).is_some());
        assert!(P.next_delay(3, Outcome::NetworkError, None, 0.0).is_none());
        let none = RetryPolicy { retries: 0, ..P };
        assert!(none
            .next_delay(0, Outcome::Status(503), None, 0.0)
            .is_none());
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        assert_eq!(P.backoff_ms(0, 0.0), 50);
        assert_eq!(P.backoff_ms(0, 1.0), 100);
        assert_eq!(P.backoff_ms(1, 0.0), 100);
        assert_eq!(P.backoff_ms(2, 1.0), 400);
        assert_eq!(P.backoff_ms(10, 1.0), 1000);
        assert_eq!(P.backoff_ms(40, 1.0), 1000);
        assert_eq!(P.backoff_ms(0, f64::NAN), 75);
    }

    #[test]
    fn retry_after_is_a_floor_and_too_long_gives_up() {
        assert_eq!(
            P.next_delay(0, Outcome::Status(429), Some(700), 0.0),
            Some(700)
        );
        assert_eq!(
            P.next_delay(0, Outcome::Status(429), Some(10), 1.0),
            Some(100)
        );
        assert_eq!(P.next_delay(0, Outcome::Status(429), Some(1001), 0.0), None);
    }

    #[test]
    fn parses_retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("2", 0.0), Some(2000));
        assert_eq!(parse_retry_after(" 0 ", 0.0), Some(0));
        assert_eq!(
            parse_retry_after("99999999999999999999", 0.0),
            Some(u64::MAX)
        );
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        let now = 784_111_777_000.0 - 1500.0;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(1500)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now + 9000.0),
            Some(0)
        );
        for bad in [
            "",
            "-1",
            "1.5",
            "soon",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 32 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after(bad, 0.0), None, "{bad}");
        }
    }
}
