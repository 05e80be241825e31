//! The OAuth2 token cache of a `KnetikTokens` client.
//!
//! Rules (pure, tested natively; `token_source.rs` applies them in wasm):
//! - An `accessToken` client sends its token as is and never asks for another.
//! - Otherwise the first call asks `/oauth/token` with the configured grant and caches the answer.
//!   Calls made while that request runs wait for it: concurrent calls share ONE token request.
//! - A token is refreshed shortly before it expires: at
//!   `obtained + expires_in * 1000 - margin`, with `margin = min(30 s, 10% of the lifetime)` and
//!   `obtained` taken when the token request was sent. A token without a usable `expires_in` is
//!   kept until the server refuses it.
//! - Refreshing uses the `refresh_token` grant when the server gave a refresh token, else the
//!   original grant. If the `refresh_token` grant fails with HTTP 400 or 401, the original grant is
//!   tried once more. A refresh answer without a new refresh token keeps the old one.
//! - A 401 on an API call discards the token it was sent with, gets one fresh token (or takes the
//!   one another call already got) and repeats the call ONCE; a second 401 is the call's error.
//! - Token requests are POSTs and never retry on their own; their failures are `ApiError`s of
//!   operation `getOAuthToken` with the OAuth `error` as `code`.

use crate::core::auth::{check_header_value, Secret};
use crate::knetik::models::OAuth2Resource;

/// The most a token is refreshed ahead of its expiry, in ms.
pub const MAX_REFRESH_MARGIN_MS: f64 = 30_000.0;
/// The share of a token's lifetime it is refreshed ahead of its expiry, when less than 30 s.
pub const REFRESH_MARGIN_SHARE: f64 = 0.1;

/// How long before expiry a token of this lifetime is refreshed: `min(30 s, 10% of lifetime)`.
pub fn refresh_margin_ms(lifetime_ms: f64) -> f64 {
    (lifetime_ms * REFRESH_MARGIN_SHARE).clamp(0.0, MAX_REFRESH_MARGIN_MS)
}

/// When a token obtained at `obtained_ms` (Unix ms, when the request was sent) with
/// `expires_in` seconds is due for refresh: `obtained + expires_in * 1000 - margin`.
pub fn refresh_at_ms(obtained_ms: f64, expires_in_s: f64) -> f64 {
    let lifetime_ms = expires_in_s * 1000.0;
    obtained_ms + lifetime_ms - refresh_margin_ms(lifetime_ms)
}

/// A token from `/oauth/token`, as the client keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedToken {
    /// The bearer token.
    pub access: Secret,
    /// The refresh token, when the server gave one.
    pub refresh: Option<Secret>,
    /// When it is due for refresh (Unix ms); `None` when the lifetime is unknown.
    pub refresh_at_ms: Option<f64>,
}

impl CachedToken {
    /// Whether it may still be sent at `now_ms` without refreshing first.
    pub fn is_fresh(&self, now_ms: f64) -> bool {
        self.refresh_at_ms.map_or(true, |at| now_ms < at)
    }
}

/// Builds the cached token from a token answer. `obtained_ms` is when the request was sent;
/// `previous_refresh` is the refresh token the request used, kept when the answer has no new one.
/// Gives the problem in words (never a value) when the answer cannot be used.
pub fn token_from_response(
    answer: &OAuth2Resource,
    obtained_ms: f64,
    previous_refresh: Option<&Secret>,
) -> Result<CachedToken, &'static str> {
    let access = answer
        .access_token
        .as_deref()
        .filter(|t| !t.is_empty())
        .ok_or("the answer has no access_token")?;
    check_header_value(access).map_err(|_| "the access_token cannot be sent in an HTTP header")?;
    if let Some(kind) = &answer.token_type {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err("the token_type is not bearer");
        }
    }
    let refresh = match answer.refresh_token.as_deref().filter(|r| !r.is_empty()) {
        Some(r) => Some(Secret::new(r)),
        None => previous_refresh.cloned(),
    };
    let refresh_at_ms = answer
        .expires_in
        .as_ref()
        .and_then(|e| e.seconds())
        .map(|s| refresh_at_ms(obtained_ms, s));
    Ok(CachedToken {
        access: Secret::new(access),
        refresh,
        refresh_at_ms,
    })
}

/// What a call that needs a token does.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenDecision {
    /// Send this cached token.
    Use(Secret),
    /// Wait for the token request already running.
    Join,
    /// Start a token request; `discard` says the cached token was refused and must go.
    Fetch {
        /// Whether to drop the cached token (it got a 401) before asking.
        discard: bool,
    },
}

/// Decides how a call gets its token. `stale` is the token a call just got a 401 with.
pub fn decide(
    cached: Option<&CachedToken>,
    request_running: bool,
    stale: Option<&str>,
    now_ms: f64,
) -> TokenDecision {
    if request_running {
        return TokenDecision::Join;
    }
    match cached {
        // The token the call was refused with: it goes, whatever its expiry says.
        Some(c) if stale == Some(c.access.expose()) => TokenDecision::Fetch { discard: true },
        // Fresh, or already replaced by another call since the 401.
        Some(c) if c.is_fresh(now_ms) => TokenDecision::Use(c.access.clone()),
        _ => TokenDecision::Fetch { discard: false },
    }
}

/// The refresh token a new token request starts with: the cached one, if any (else the request
/// uses the original grant).
pub fn refresh_grant(cached: Option<&CachedToken>) -> Option<Secret> {
    cached.and_then(|c| c.refresh.clone())
}

/// Whether a failed `refresh_token` grant is followed by one try of the original grant: only
/// when the server refused it (HTTP 400 or 401), not on network errors, timeouts or 5xx.
pub fn falls_back_to_original(status: Option<u16>) -> bool {
    matches!(status, Some(400 | 401))
}

/// Whether an API call that failed with this status is repeated once with a fresh token.
pub fn retries_with_fresh_token(status: Option<u16>, can_refresh: bool) -> bool {
    can_refresh && status == Some(401)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knetik::models::ExpiresIn;

    const NOW: f64 = 1_700_000_000_000.0;

    fn answer(expires_in: Option<ExpiresIn>, refresh: Option<&str>) -> OAuth2Resource {
        OAuth2Resource {
            access_token: Some("acc-VALUE".into()),
            token_type: Some("bearer".into()),
            expires_in,
            refresh_token: refresh.map(str::to_string),
            ..OAuth2Resource::default()
        }
    }

    #[test]
    fn margin_is_ten_percent_capped_at_thirty_seconds() {
        assert_eq!(refresh_margin_ms(2_000.0), 200.0);
        assert_eq!(refresh_margin_ms(60_000.0), 6_000.0);
        assert_eq!(refresh_margin_ms(300_000.0), 30_000.0);
        assert_eq!(refresh_margin_ms(3_599_000.0), 30_000.0);
        assert_eq!(refresh_margin_ms(0.0), 0.0);
    }

    #[test]
    fn refresh_time_is_obtained_plus_lifetime_minus_margin() {
        assert_eq!(refresh_at_ms(NOW, 3599.0), NOW + 3_599_000.0 - 30_000.0);
        assert_eq!(refresh_at_ms(NOW, 2.0), NOW + 1_800.0);
        assert_eq!(refresh_at_ms(NOW, 0.0), NOW);
    }

    #[test]
    fn expires_in_as_number_and_as_string() {
        for e in [ExpiresIn::Number(2.into()), ExpiresIn::Text("2".into())] {
            let t = token_from_response(&answer(Some(e), None), NOW, None).unwrap();
            assert_eq!(t.refresh_at_ms, Some(NOW + 1_800.0));
            assert!(t.is_fresh(NOW + 1_799.0));
            assert!(!t.is_fresh(NOW + 1_800.0));
        }
        // Unknown lifetime: kept until the server refuses it.
        for e in [None, Some(ExpiresIn::Text("soon".into()))] {
            let t = token_from_response(&answer(e, None), NOW, None).unwrap();
            assert_eq!(t.refresh_at_ms, None);
            assert!(t.is_fresh(f64::MAX));
        }
        // Zero lifetime: due at once (the calls that waited for it still use it).
        let t = token_from_response(&answer(Some(ExpiresIn::Number(0.into())), None), NOW, None)
            .unwrap();
        assert!(!t.is_fresh(NOW));
    }

    #[test]
    fn unusable_answers_are_refused_without_values() {
        let mut a = answer(None, None);
        a.access_token = None;
        assert_eq!(
            token_from_response(&a, NOW, None).unwrap_err(),
            "the answer has no access_token"
        );
        a.access_token = Some(String::new());
        assert!(token_from_response(&a, NOW, None).is_err());
        a.access_token = Some("bad\r\nx-evil: 1".into());
        assert_eq!(
            token_from_response(&a, NOW, None).unwrap_err(),
            "the access_token cannot be sent in an HTTP header"
        );
        let mut a = answer(None, None);
        a.token_type = Some("mac".into());
        assert!(token_from_response(&a, NOW, None).is_err());
        a.token_type = Some("Bearer".into());
        assert!(token_from_response(&a, NOW, None).is_ok());
        a.token_type = None;
        assert!(token_from_response(&a, NOW, None).is_ok());
    }

    #[test]
    fn refresh_token_is_taken_or_kept() {
        let old = Secret::new("old-r");
        let t = token_from_response(&answer(None, Some("new-r")), NOW, Some(&old)).unwrap();
        assert_eq!(t.refresh, Some(Secret::new("new-r")));
        let shown = format!("{t:?}");
        assert!(
            !shown.contains("acc-VALUE") && !shown.contains("new-r"),
            "{shown}"
        );
        let t = token_from_response(&answer(None, None), NOW, Some(&old)).unwrap();
        assert_eq!(t.refresh, Some(old.clone()));
        let t = token_from_response(&answer(None, Some("")), NOW, None).unwrap();
        assert_eq!(t.refresh, None);
    }

    fn cached(access: &str, refresh: Option<&str>, at: Option<f64>) -> CachedToken {
        CachedToken {
            access: Secret::new(access),
            refresh: refresh.map(Secret::new),
            refresh_at_ms: at,
        }
    }

    #[test]
    fn decisions() {
        let fresh = cached("a1", None, Some(NOW + 1000.0));
        let due = cached("a1", None, Some(NOW - 1.0));
        // First call: ask.
        assert_eq!(
            decide(None, false, None, NOW),
            TokenDecision::Fetch { discard: false }
        );
        // Everyone else while that runs: wait for it, never a second request.
        assert_eq!(decide(None, true, None, NOW), TokenDecision::Join);
        assert_eq!(decide(Some(&due), true, None, NOW), TokenDecision::Join);
        assert_eq!(
            decide(Some(&fresh), true, Some("a1"), NOW),
            TokenDecision::Join
        );
        // A fresh token is used; a due one is refreshed.
        assert_eq!(
            decide(Some(&fresh), false, None, NOW),
            TokenDecision::Use(Secret::new("a1"))
        );
        assert_eq!(
            decide(Some(&due), false, None, NOW),
            TokenDecision::Fetch { discard: false }
        );
        // After a 401 with a1: a1 goes even if its expiry says fresh...
        assert_eq!(
            decide(Some(&fresh), false, Some("a1"), NOW),
            TokenDecision::Fetch { discard: true }
        );
        // ...unless another call already replaced it.
        let replaced = cached("a2", None, Some(NOW + 1000.0));
        assert_eq!(
            decide(Some(&replaced), false, Some("a1"), NOW),
            TokenDecision::Use(Secret::new("a2"))
        );
        assert_eq!(
            decide(None, false, Some("a1"), NOW),
            TokenDecision::Fetch { discard: false }
        );
    }

    #[test]
    fn grant_selection() {
        // The refresh_token grant when the server gave a refresh token, else the original grant.
        assert_eq!(refresh_grant(None), None);
        assert_eq!(refresh_grant(Some(&cached("a", None, None))), None);
        assert_eq!(
            refresh_grant(Some(&cached("a", Some("r"), None))),
            Some(Secret::new("r"))
        );
        // A refused refresh falls back to the original grant once; other failures do not.
        assert!(falls_back_to_original(Some(400)));
        assert!(falls_back_to_original(Some(401)));
        for s in [None, Some(403), Some(429), Some(500), Some(503)] {
            assert!(!falls_back_to_original(s), "{s:?}");
        }
        // Only a 401 on an API call is repeated with a fresh token, and only when one can be had.
        assert!(retries_with_fresh_token(Some(401), true));
        assert!(!retries_with_fresh_token(Some(401), false));
        assert!(!retries_with_fresh_token(Some(403), true));
        assert!(!retries_with_fresh_token(None, true));
    }
}
