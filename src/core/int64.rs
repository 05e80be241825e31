//! int64 values (Authlete client ids, millisecond timestamps) without losing precision in JS.
//!
//! JS numbers hold integers exactly only up to 2^53 - 1. Models serialize an int64 field with
//! [`serialize`]/[`serialize_opt`]: a safe value stays a JSON number; a larger one becomes a marked
//! string that the JS side turns into a `BigInt` (see `js_error::to_js_value`). In the other
//! direction, a `BigInt` in a caller's body becomes the same marked string (see
//! `js_fields::body_to_json`) and [`unmark_json`] writes it back as a plain JSON number before
//! serde reads the body. So a value above 2^53 reaches JS as a `BigInt`, and callers may pass a
//! `BigInt` wherever an int64 goes.

use serde::Serializer;

/// Prefix of a marked big integer string.
pub const MARKER: &str = "\u{0}bigint:";

/// The largest integer a JS number holds exactly.
pub const MAX_SAFE: i128 = 9_007_199_254_740_991;

fn serialize_i128<S: Serializer>(v: i128, s: S) -> Result<S::Ok, S::Error> {
    if (-MAX_SAFE..=MAX_SAFE).contains(&v) {
        s.serialize_i64(v as i64)
    } else {
        s.serialize_str(&format!("{MARKER}{v}"))
    }
}

/// Serializes an `i64`/`u64` for JS (see the module doc).
pub fn serialize<T: Copy + Into<i128>, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    serialize_i128((*v).into(), s)
}

/// [`serialize`] for an `Option`.
pub fn serialize_opt<T: Copy + Into<i128>, S: Serializer>(
    v: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_i128((*v).into(), s),
        None => s.serialize_none(),
    }
}

/// Whether serialized JSON holds a marked big integer (so JS must revive it).
pub fn has_marked(json: &str) -> bool {
    json.contains("\\u0000bigint:")
}

/// Replaces every marked string `"\u0000bigint:<digits>"` in JSON text with the bare number.
pub fn unmark_json(json: &str) -> String {
    const QUOTED: &str = "\"\\u0000bigint:";
    if !json.contains(QUOTED) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(start) = rest.find(QUOTED) {
        let after = &rest[start + QUOTED.len()..];
        let digits_len = after
            .char_indices()
            .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-'))
            .count();
        if digits_len > 0 && after[digits_len..].starts_with('"') {
            out.push_str(&rest[..start]);
            out.push_str(&after[..digits_len]);
            rest = &after[digits_len + 1..];
        } else {
            out.push_str(&rest[..start + QUOTED.len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct M {
        #[serde(serialize_with = "serialize")]
        id: i64,
        #[serde(serialize_with = "serialize_opt")]
        at: Option<u64>,
    }

    #[test]
    fn safe_values_stay_numbers_big_ones_are_marked() {
        let json = serde_json::to_string(&M {
            id: 9_007_199_254_740_991,
            at: Some(9_007_199_254_740_993),
        })
        .unwrap();
        assert_eq!(
            json,
            r#"{"id":9007199254740991,"at":"\u0000bigint:9007199254740993"}"#
        );
        assert!(has_marked(&json));
        let json = serde_json::to_string(&M {
            id: -9_007_199_254_740_992,
            at: None,
        })
        .unwrap();
        assert_eq!(json, r#"{"id":"\u0000bigint:-9007199254740992","at":null}"#);
    }

    #[test]
    fn unmark_restores_exact_numbers() {
        let text = r#"{"clientId":"\u0000bigint:9007199254740993","n":"\u0000bigint:-5","s":"\u0000bigint:x"}"#;
        assert_eq!(
            unmark_json(text),
            r#"{"clientId":9007199254740993,"n":-5,"s":"\u0000bigint:x"}"#
        );
        let v: serde_json::Value = serde_json::from_str(&unmark_json(text)).unwrap();
        assert_eq!(v["clientId"].as_u64(), Some(9_007_199_254_740_993));
        assert_eq!(unmark_json("{}"), "{}");
    }
}
