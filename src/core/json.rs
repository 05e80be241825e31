//! JSON text in and out of the models: the one seam between the provider code and a JSON codec.
//!
//! One codec per target, behind the same functions:
//! - **the engine** in the wasm (its code is in `crate::http::json`): `JSON.parse`, then the
//!   model checks the engine's value through serde-wasm-bindgen; the JS shell hands that value on
//!   as it is ([`Parsed`]), so an answer is never rebuilt property by property. Bodies go out
//!   through serde-wasm-bindgen and `JSON.stringify`. No second JSON stack is linked into the
//!   wasm (README "Performance"). Two things the engine does not do are checked first, by
//!   [`scan`] (plain Rust, tested natively): nesting deeper than serde_json's limit (127 levels)
//!   is refused (the models' deserializers recurse, and the wasm stack is small); and an integer
//!   beyond 2^53 is read exactly through `JSON.parse`'s `context.source` (Chromium 114, Firefox
//!   135, Safari 18.4, Node 21 and later), or refused where the engine lacks it, naming the
//!   field, never rounded. Such an integer is written with `JSON.rawJSON` (the same engines).
//! - **serde_json** natively (the core's tests, the emulator), where [`Parsed`] is `()`.
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
    /// An integer beyond 2^53 that this engine cannot read exactly: the name of its field.
    Inexact(String),
    /// An integer beyond 2^53 where the model declares a number (not an int64 field, not a
    /// field it keeps unknown): JS would get a `BigInt` its type does not allow.
    NotANumber,
    /// JSON, but not the model: the codec's message (it may quote the body; callers rebuild it
    /// with [`super::serde_text::describe`]), and the field it happened in
    /// (`accessTokens.clientId`), if inside one.
    Schema(String, Option<String>),
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
                // To the closing quote: only `"` and `\\` matter inside a string.
                i += 1;
                loop {
                    let rest = &bytes[i.min(bytes.len())..];
                    let Some(at) = rest.iter().position(|&b| b == b'"' || b == b'\\') else {
                        i = bytes.len(); // unterminated: the rest is the string
                        break;
                    };
                    i += at;
                    if bytes[i] == b'"' {
                        break;
                    }
                    i += 2;
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
                // Only an integer of 16 digits or more can be beyond 2^53 - 1.
                if end - i >= 16 {
                    let token = text[i..end].strip_prefix('-').unwrap_or(&text[i..end]);
                    let is_integer = token.bytes().all(|b| b.is_ascii_digit());
                    if is_integer && beyond_safe(token) {
                        out.unsafe_integer = true;
                    }
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

/// Why a value could not be written as JSON text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeFailure {
    /// The value has no JSON form.
    Unwritable,
    /// An integer beyond 2^53 that this engine cannot write exactly: the name of its field.
    Inexact(String),
}

#[cfg(not(target_arch = "wasm32"))]
mod codec {
    //! serde_json.
    use super::*;

    /// What the engine parsed, handed on as it is by the JS shell: nothing natively.
    pub type Parsed = ();

    pub fn decode<T: DeserializeOwned>(text: &str) -> Result<(T, Parsed), DecodeFailure> {
        let model = serde_json::from_str::<T>(text).map_err(|err| {
            if err.is_syntax() || err.is_eof() {
                if err.to_string().starts_with("recursion limit exceeded") {
                    DecodeFailure::TooDeep
                } else {
                    DecodeFailure::Syntax
                }
            } else {
                DecodeFailure::Schema(err.to_string(), None)
            }
        })?;
        Ok((model, ()))
    }

    pub fn parse_value(text: &str) -> Option<Value> {
        serde_json::from_str(text).ok()
    }

    pub fn to_text<T: Serialize>(value: &T) -> Result<String, EncodeFailure> {
        serde_json::to_string(value).map_err(|_| EncodeFailure::Unwritable)
    }

    pub fn to_parsed<T: Serialize>(_: &T) -> Option<Parsed> {
        Some(())
    }

    pub fn fill(_: &Parsed, _: &str, _: Empty) {}

    pub fn note_exact(_: u32) {}

    pub fn note_exact_in(_: &Value) {}
}

/// The engine's `JSON` (wasm): `crate::http::json`.
#[cfg(target_arch = "wasm32")]
use crate::http::json as codec;

pub use codec::Parsed;

thread_local! {
    /// Whether the models being read take their known fields only (see [`reading_fields`]).
    static KNOWN_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the models it reads taking their known fields only (`known_only`) or every
/// field (the default). Known fields only: the fields a newer service adds are left where they
/// are, in the engine's value, and a model's `extra` stays empty. This is how the JS shell checks
/// an answer it hands on as the engine parsed it: serde-wasm-bindgen then looks each declared
/// field up by name instead of listing every key of every object.
pub fn reading_fields<R>(known_only: bool, f: impl FnOnce() -> R) -> R {
    let before = KNOWN_ONLY.with(|known| known.replace(known_only));
    let result = f();
    KNOWN_ONLY.with(|known| known.set(before));
    result
}

thread_local! {
    /// Whether a model read an optional field sent as `null` (see [`note_null`]).
    static NULL_READ: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes that a model read an optional field sent as `null`, which the model (and its
/// TypeScript type) has as no field: the engine's value then differs from the model.
pub fn note_null() {
    NULL_READ.with(|read| read.set(true));
}

/// Whether [`note_null`] was called since the last call of this function.
pub fn take_null() -> bool {
    NULL_READ.with(|read| read.replace(false))
}

/// The error a model reading its known fields only gives for a value it cannot tell from an
/// array without reading every key (see `model!`): the codec then reads the answer in full.
pub const RECHECK: &str = "tokenops: read in full";

/// Whether models are read for their known fields only (see [`reading_fields`]).
pub fn known_fields_only() -> bool {
    KNOWN_ONLY.with(std::cell::Cell::get)
}

/// What a field an answer left out reads as (see [`fill`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Empty {
    /// `[]`.
    List,
    /// `0`.
    Zero,
}

/// How deep a failure's path is kept: the answers nest fields three deep.
const PATH_DEPTH: usize = 8;

/// The fields, innermost first, that a failure passed through, and how many.
type FailedIn = ([&'static str; PATH_DEPTH], usize);

thread_local! {
    /// The fields the failure of the answer being decoded happened in; `None` while no answer
    /// is (a caller's input is read by `core::strict`, which keeps its own path).
    static FAILED_IN: std::cell::Cell<Option<FailedIn>> = const { std::cell::Cell::new(None) };
}

/// Decodes JSON text as `T`, with the engine's value it was read from (see [`Parsed`]); a
/// failure inside a field of a model names that field.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<(T, Parsed), DecodeFailure> {
    let before = FAILED_IN.with(|path| path.replace(Some(([""; PATH_DEPTH], 0))));
    let result = codec::decode(text);
    let failed_in = FAILED_IN.with(|path| path.replace(before));
    result.map_err(|failure| with_path(failure, failed_in))
}

/// A schema failure with the path of the field it happened in (`accessTokens.clientId`); not
/// generic, so that every model's `decode` shares it.
fn with_path(failure: DecodeFailure, failed_in: Option<FailedIn>) -> DecodeFailure {
    match (failure, failed_in) {
        (DecodeFailure::Schema(text, None), Some((names, depth))) if depth > 0 => {
            let mut path = String::new();
            for name in names[..depth.min(PATH_DEPTH)].iter().rev() {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
            }
            DecodeFailure::Schema(text, Some(path))
        }
        (other, _) => other,
    }
}

/// Notes, while an answer is decoded, that its failure happened in the field `name` (called by
/// the model of each field it passes through, innermost first).
pub fn note_failed_in(name: &'static str) {
    FAILED_IN.with(|path| {
        if let Some((mut names, depth)) = path.get() {
            if depth < PATH_DEPTH {
                names[depth] = name;
            }
            path.set(Some((names, depth + 1)));
        }
    });
}

/// Forgets the fields noted so far (the codec reads the answer again, in full).
pub fn forget_failed_in() {
    FAILED_IN.with(|path| {
        if path.get().is_some() {
            path.set(Some(([""; PATH_DEPTH], 0)));
        }
    });
}

/// Decodes JSON text as `T`.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, DecodeFailure> {
    decode(text).map(|(model, _)| model)
}

/// Any JSON text as a [`Value`] (every integer exact, where the engine can), or `None` when it
/// is not JSON.
pub fn parse_value(text: &str) -> Option<Value> {
    codec::parse_value(text)
}

/// A JSON number written as text (`"3600"`, `" 1e3 "`), or `None`.
pub fn parse_number(text: &str) -> Option<f64> {
    from_text::<f64>(text.trim()).ok()
}

/// `value` as JSON text (a non-finite float is written as `null` by both codecs).
pub fn to_text<T: Serialize>(value: &T) -> Result<String, EncodeFailure> {
    codec::to_text(value)
}

/// `value` as the engine's value (a small answer the JS shell builds itself), `None` when it
/// cannot be.
pub fn to_parsed<T: Serialize>(value: &T) -> Option<Parsed> {
    codec::to_parsed(value)
}

/// Notes that a model read `count` integers beyond 2^53 where they belong (an
/// [`Int64`](super::int64::Int64) field, or among the fields it keeps unknown). The engine's
/// codec refuses an answer whose integers beyond 2^53 are not all accounted for: one read into a
/// field declared a plain number would reach JS as a `BigInt` its type does not allow. (serde
/// gives a `Deserialize` no way to see which deserializer drives it, so the count travels
/// beside it.)
pub fn note_exact(count: u32) {
    codec::note_exact(count)
}

/// [`note_exact`] for the integers beyond 2^53 in a field kept unknown, counted only while an
/// answer that holds some is read.
pub fn note_exact_in(value: &Value) {
    codec::note_exact_in(value)
}

/// Sets the field `name` of an engine's object to `empty` where the answer left it out or sent
/// `null`, as the model reads it (a [`crate::core::wire::Defaulted`] field).
pub fn fill(parsed: &Parsed, name: &str, empty: Empty) {
    codec::fill(parsed, name, empty)
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
            Err(DecodeFailure::Schema(..))
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
            Ok(r#"{"a":[1,"x"]}"#)
        );
        assert_eq!(to_text(&f64::NAN).as_deref(), Ok("null"));
    }
}
