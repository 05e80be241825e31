//! Small shared helpers: JSON responses, Basic/Bearer credentials, the providers' clock and
//! random token values.

use crate::message::Response;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A JSON response.
pub fn json(status: u16, value: &Value) -> Response {
    Response::new(status, "application/json", value.to_string().into_bytes())
}

/// A response with no body.
pub fn empty(status: u16) -> Response {
    Response::new(status, "", Vec::new())
}

/// A 405 with the `Allow` header RFC 9110 asks of it: the methods the path takes.
pub fn method_not_allowed(allow: &str) -> Response {
    empty(405).with_header("allow", allow)
}

/// What a provider reads besides its state and the request: the emulator's clock (never the
/// system's: the shell hands the time in, and `POST /_sandbox/clock` moves it) and its random
/// source (seeded by the shell: the core reads no OS entropy).
#[derive(Debug)]
pub struct Ctx<'a> {
    /// The emulated time, ms since the epoch.
    pub now_ms: u64,
    /// Where token values come from.
    pub rng: &'a mut fastrand::Rng,
}

impl Ctx<'_> {
    /// The emulated time, seconds since the epoch.
    pub fn now_secs(&self) -> u64 {
        self.now_ms / 1000
    }

    /// `len` random hex characters (token values; not for real secrets).
    pub fn random_hex(&mut self, len: usize) -> String {
        let mut out = String::with_capacity(len + 16);
        while out.len() < len {
            out.push_str(&format!("{:016x}", self.rng.u64(..)));
        }
        out.truncate(len);
        out
    }
}

/// Reads a control call's JSON body, an object, as `T`; the error text names the field
/// (`advanceMs: invalid value: integer `-1`, expected u64 at line 1 column 15`).
pub fn read_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    // Every control body is an object: serde would also read a struct from an array of its
    // fields in order (`[5]` as `{"advanceMs": 5}`), which names none of them.
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err("expected a JSON object (its fields by name), not an array".into());
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(value)
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

/// Whether `authority` (a request's `Host`, or an absolute-form target's) is a `host[:port]`: a
/// bracketed IPv6 address, or an IPv4 address or DNS name of `[A-Za-z0-9.-]`; the port, when
/// there is one, 1 to 65535. Every shell makes a session URL's origin from it only then.
pub fn is_host(authority: &str) -> bool {
    if let Some(rest) = authority.strip_prefix('[') {
        let Some((ip, after)) = rest.split_once(']') else {
            return false;
        };
        let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
        return ip.parse::<std::net::Ipv6Addr>().is_ok() && port_ok;
    }
    let (name, port) = match authority.split_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (authority, None),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    name_ok && port.is_none_or(is_port)
}

/// Whether `port` is a port number, 1 to 65535, in decimal digits.
fn is_port(port: &str) -> bool {
    port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u16>().is_ok_and(|p| p > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_host_and_a_port_in_range_are_an_origin() {
        for good in [
            "localhost",
            "127.0.0.1:8080",
            "sb.test:1",
            "[::1]",
            "[::1]:65535",
            "a-b.example",
        ] {
            assert!(is_host(good), "{good}");
        }
        for bad in [
            "",
            "[::1",
            "h:99999999999",
            "h:0",
            "h:65536",
            "h:",
            "a]:[b",
            ":::",
            "[[x",
            "[x]:80",
            "[::1]80",
            "a_b",
            "h:8:8",
        ] {
            assert!(!is_host(bad), "{bad}");
        }
    }

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
        let mut rng = fastrand::Rng::with_seed(7);
        let mut ctx = Ctx {
            now_ms: 1_500,
            rng: &mut rng,
        };
        assert_ne!(ctx.random_hex(32), ctx.random_hex(32));
        assert_eq!(ctx.random_hex(20).len(), 20);
        assert_eq!(ctx.now_secs(), 1);
    }
}
