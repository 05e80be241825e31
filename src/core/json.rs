//! JSON text in and out of the models: the one seam between the provider code and a JSON codec.
//!
//! Two codecs stand behind the same four functions, chosen at build time:
//! - **serde_json** (natively, and in the wasm with the `exact-json` feature, which `authlete`
//!   turns on): answers are decoded straight from their bytes, bodies written by serde_json.
//!   Exact for every int64 on every engine; Authlete's ids and timestamps need that.
//! - **the engine** (the wasm without `exact-json`: the `tokenops/hopr` and `tokenops/knetik`
//!   browser entries; its code is in `crate::http::json`): `JSON.parse` + serde-wasm-bindgen for
//!   answers, serde-wasm-bindgen + `JSON.stringify` for bodies, so no second JSON stack is linked
//!   into the wasm (see README "Performance"). Two things the engine does not do are checked
//!   first, by [`scan`] (plain Rust, tested natively): nesting deeper than
//!   serde_json's limit (127 levels) is refused (the models' deserializers recurse, and the wasm
//!   stack is small); and an integer beyond 2^53 is read exactly through `JSON.parse`'s
//!   `context.source` (Chromium 114, Firefox 135, Safari 18.4, Node 21 and later), or refused
//!   where the engine lacks it, never rounded.
//!
//! The pre-parse scan is hand-written because no JSON library answers "how deep, and any big
//! integer?" without parsing the text into its own values, which is what the engine is for.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Why a body could not be read as the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeFailure {
    /// The text is not JSON.
    Syntax,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// An integer beyond 2^53 that this engine cannot read exactly.
    Inexact,
    /// JSON, but not the model: the codec's message (it may quote the body; callers rebuild it
    /// with [`super::serde_text::describe`]).
    Schema(String),
}

/// How deeply arrays and objects may nest in an answer (serde_json refuses the 128th level).
pub const MAX_DEPTH: usize = 127;

/// What [`scan`] found in a JSON text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// The deepest nesting of arrays and objects.
    pub depth: usize,
    /// Whether an integer literal lies outside ±(2^53 - 1).
    pub unsafe_integer: bool,
}

/// One pass over JSON text (valid or not) outside its strings: nesting depth and whether an
/// integer literal is beyond what a JS number holds exactly. Hand-written because it is the
/// check that must run *before* the engine parses; the engine itself validates the syntax.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' | b'{' => {
                depth += 1;
                out.depth = out.depth.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'-' | b'0'..=b'9' => {
                // The whole number token: sign, digits, fraction, exponent.
                let mut end = i + 1;
                while end < bytes.len()
                    && matches!(bytes[end], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    end += 1;
                }
                let token = text[i..end].strip_prefix('-').unwrap_or(&text[i..end]);
                let is_integer = token.bytes().all(|b| b.is_ascii_digit());
                if is_integer && beyond_safe(token) {
                    out.unsafe_integer = true;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether a run of decimal digits is above 2^53 - 1.
fn beyond_safe(digits: &str) -> bool {
    const MAX_SAFE: &str = "9007199254740991";
    let digits = digits.trim_start_matches('0');
    digits.len() > MAX_SAFE.len() || (digits.len() == MAX_SAFE.len() && digits > MAX_SAFE)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "exact-json"))]
mod codec {
    //! serde_json.
    use super::*;

    pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, DecodeFailure> {
        serde_json::from_str::<T>(text).map_err(|err| {
            if err.is_syntax() || err.is_eof() {
                if err.to_string().starts_with("recursion limit exceeded") {
                    DecodeFailure::TooDeep
                } else {
                    DecodeFailure::Syntax
                }
            } else {
                DecodeFailure::Schema(err.to_string())
            }
        })
    }

    pub fn to_text<T: Serialize>(value: &T) -> Option<String> {
        serde_json::to_string(value).ok()
    }
}

/// The engine's `JSON` (wasm, without `exact-json`): `crate::http::json`.
#[cfg(all(target_arch = "wasm32", not(feature = "exact-json")))]
use crate::http::json as codec;

/// Decodes JSON text as `T`.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, DecodeFailure> {
    codec::from_text(text)
}

/// Any JSON text as a [`Value`], or `None` when it is not JSON.
pub fn parse_value(text: &str) -> Option<Value> {
    from_text(text).ok()
}

/// A JSON number written as text (`"3600"`, `" 1e3 "`), or `None`.
pub fn parse_number(text: &str) -> Option<f64> {
    from_text::<f64>(text.trim()).ok()
}

/// `value` as JSON text, or `None` when it cannot be written (for the engine: an integer beyond
/// 2^53, which no model sends; a non-finite float is written as `null` by both codecs).
pub fn to_text<T: Serialize>(value: &T) -> Option<String> {
    codec::to_text(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scan_counts_depth_outside_strings() {
        assert_eq!(scan("{}").depth, 1);
        assert_eq!(scan(r#"{"a":[[1],{"b":[]}]}"#).depth, 4);
        assert_eq!(scan(r#"{"a":"[[[[\"[[["}"#).depth, 1);
        assert_eq!(scan("").depth, 0);
        assert_eq!(scan(&"[".repeat(200)).depth, 200);
    }

    #[test]
    fn scan_finds_integers_beyond_two_to_the_53() {
        let unsafe_int = |t: &str| scan(t).unsafe_integer;
        assert!(!unsafe_int(r#"{"n":9007199254740991}"#));
        assert!(unsafe_int(r#"{"n":9007199254740992}"#));
        assert!(unsafe_int(r#"[-9007199254740993]"#));
        assert!(unsafe_int("12345678901234567890"));
        assert!(!unsafe_int(r#"{"n":90071992547409920.5}"#));
        assert!(!unsafe_int(r#"{"n":1e300,"m":-0.0000000000000000001}"#));
        assert!(!unsafe_int(
            r#"{"s":"9007199254740993","t":"\"12345678901234567890"}"#
        ));
        assert!(!unsafe_int(r#"{"n":00000000000000000001}"#));
        assert!(!unsafe_int("[-0.40364474905343173]"));
        assert!(!unsafe_int("[1.5e12345678901234567]"));
    }

    #[test]
    fn scan_never_panics_on_broken_text() {
        for t in [
            "\"",
            "\"\\",
            "-",
            "[-",
            "{\"a\":-}",
            "\u{fffd}[1",
            "9".repeat(400).as_str(),
        ] {
            scan(t);
        }
    }

    #[test]
    fn decoding_reports_each_kind_of_failure() {
        assert_eq!(from_text::<Value>("{"), Err(DecodeFailure::Syntax));
        assert_eq!(
            from_text::<Value>(&"[".repeat(200)),
            Err(DecodeFailure::TooDeep)
        );
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(from_text::<Value>(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(
            from_text::<Value>(&nested(MAX_DEPTH + 1)),
            Err(DecodeFailure::TooDeep)
        );
        assert!(matches!(
            from_text::<u8>("\"x\""),
            Err(DecodeFailure::Schema(_))
        ));
        assert_eq!(from_text::<Value>(r#"{"a":[1]}"#), Ok(json!({"a": [1]})));
    }

    #[test]
    fn numbers_as_text() {
        assert_eq!(parse_number(" 3600 "), Some(3600.0));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        assert_eq!(parse_number("12abc"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(
            to_text(&json!({"a": [1, "x"]})).as_deref(),
            Some(r#"{"a":[1,"x"]}"#)
        );
        assert_eq!(to_text(&f64::NAN).as_deref(), Some("null"));
    }
}
