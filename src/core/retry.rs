//! Retry policy: which outcomes are retried, how long to wait (exponential backoff with jitter,
//! `Retry-After`), and when to stop.

/// Retry settings. `retries` is the number of extra attempts after the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Extra attempts after the first one.
    pub retries: u32,
    /// Backoff before the first retry, in ms (doubles each time).
    pub min_delay_ms: u32,
    /// Upper bound of any wait, in ms. A `Retry-After` longer than this is not waited for: the
    /// error is returned with its `retryAfterMs`.
    pub max_delay_ms: u32,
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
        return value.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
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
            "99999999999999999999999",
        ] {
            assert_eq!(parse_retry_after(bad, 0.0), None, "{bad}");
        }
    }
}
