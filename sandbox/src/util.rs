//! Small shared helpers: JSON responses, Basic/Bearer credentials, random token values, time.

use crate::http::Response;
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A JSON response.
pub fn json(status: u16, value: &Value) -> Response {
    Response::new(status, "application/json", value.to_string().into_bytes())
}

/// A response with no body.
pub fn empty(status: u16) -> Response {
    Response::new(status, "", Vec::new())
}

/// Seconds since the epoch.
pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Milliseconds since the epoch.
pub fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A pseudo-random 64-bit value: a counter hashed with std's randomly keyed SipHash (keys come
/// from the OS), so values differ between calls and between processes. Not for real secrets.
pub fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    static KEYS: std::sync::OnceLock<std::collections::hash_map::RandomState> =
        std::sync::OnceLock::new();
    let mut hasher = KEYS.get_or_init(Default::default).build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u64(now_millis());
    hasher.finish()
}

/// `len` random hex characters.
pub fn random_hex(len: usize) -> String {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        out.push_str(&format!("{:016x}", random_u64()));
    }
    out.truncate(len);
    out
}

/// Decodes standard base64 (padding optional); `None` when malformed.
pub fn base64_decode(input: &str) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::Engine;
    const STANDARD_ANY_PADDING: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    STANDARD_ANY_PADDING.decode(input).ok()
}

/// The credentials of an `Authorization` header with the given scheme (case-insensitive).
pub fn auth_param<'a>(header: Option<&'a str>, scheme: &str) -> Option<&'a str> {
    let (name, value) = header?.trim().split_once(' ')?;
    name.eq_ignore_ascii_case(scheme)
        .then(|| value.trim())
        .filter(|v| !v.is_empty())
}

/// The `(user, password)` of an `Authorization: Basic` header (`None` when absent, another
/// scheme, not base64, not UTF-8 or without the `:`).
pub fn basic_credentials(header: Option<&str>) -> Option<(String, String)> {
    let decoded = String::from_utf8(base64_decode(auth_param(header, "Basic")?)?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// The token of an `Authorization: Bearer` header.
pub fn bearer_token(header: Option<&str>) -> Option<String> {
    auth_param(header, "Bearer").map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round() {
        assert_eq!(base64_decode("YWJjOg==").unwrap(), b"abc:");
        assert_eq!(base64_decode("Zm9vYmFy").unwrap(), b"foobar");
        assert!(base64_decode("**").is_none());
        assert_eq!(base64_decode("").unwrap(), b"");
    }

    #[test]
    fn basic_and_bearer() {
        assert_eq!(
            basic_credentials(Some("Basic YWJjOnB3")),
            Some(("abc".into(), "pw".into()))
        );
        assert_eq!(
            basic_credentials(Some("basic  YWJjOnB3 ")),
            Some(("abc".into(), "pw".into()))
        );
        assert_eq!(basic_credentials(Some("Basic YWJj")), None);
        assert_eq!(basic_credentials(Some("Basic %%%")), None);
        assert_eq!(basic_credentials(Some("Basic")), None);
        assert_eq!(basic_credentials(Some("Bearer x")), None);
        assert_eq!(bearer_token(Some("Bearer t")), Some("t".into()));
        assert_eq!(bearer_token(Some("Bearer ")), None);
    }

    #[test]
    fn random_values_differ() {
        assert_ne!(random_hex(32), random_hex(32));
        assert_eq!(random_hex(20).len(), 20);
    }
}
