//! serde's error texts in plain words, without the values they quote: what the strict reader of
//! caller input (`core::strict`, with the `js` feature) says, and the words of a decoding
//! failure of a server's answer ([`describe`]).

/// A serde "expected" text in plain words.
pub(crate) fn expected_words(expected: &str) -> &str {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number of 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a sequence" => "an array",
        "a map" => "an object",
        "a borrowed string" => "a string",
        e if e.starts_with("struct ") => "an object",
        e if e.starts_with("enum ") || e.starts_with("variant ") => "one of the documented values",
        other => other,
    }
}

/// Rebuilds a serde message (`invalid type: string "x", expected u32`) without the value, or
/// `None` when the message has no known shape.
pub(crate) fn rebuild(text: &str) -> Option<String> {
    // serde_json adds where in the text it was (a JS value has no such place); a JS `Error`
    // made by serde-wasm-bindgen reads `Error: <message>` as a string.
    let text = text.split(" at line ").next().unwrap_or(text);
    let text = text.strip_prefix("Error: ").unwrap_or(text);
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        let (got, expected) = rest.rsplit_once(", expected ")?;
        let kind = [
            ("boolean", "a boolean"),
            ("integer", "a number"),
            ("floating point", "a number"),
            ("string", "a string"),
            ("character", "a string"),
            ("unit value", "null or undefined"),
            ("Option value", "null or undefined"),
            ("sequence", "an array"),
            ("map", "an object"),
            ("byte array", "bytes"),
        ]
        .iter()
        .find(|(prefix, _)| got.starts_with(prefix))
        .map_or("a value of another type", |(_, kind)| kind);
        return Some(format!("must be {}, got {kind}", expected_words(expected)));
    }
    if let Some(rest) = text.strip_prefix("invalid value: ") {
        let (_, expected) = rest.rsplit_once(", expected ")?;
        return Some(format!("must be {}", expected_words(expected)));
    }
    if let Some(rest) = text.strip_prefix("unknown variant ") {
        let expected = rest.rsplit_once(", expected ").map_or("", |(_, e)| e);
        return Some(format!("must be {expected}"));
    }
    if text.starts_with("missing field `") || text.starts_with("unknown field `") {
        return Some(text.split(", expected").next().unwrap_or(text).to_string());
    }
    if text.starts_with("Couldn't deserialize") && text.contains("BigInt outside") {
        return Some("is a BigInt out of range".into());
    }
    if text.starts_with("must be ") || text.starts_with("is ") {
        // Already one of ours (from a nested strict error turned into text).
        return Some(text.to_string());
    }
    None
}

/// A serde error text without any value it quoted (`missing field `id``, `must be a string, got
/// a number`), for messages about data that is not the caller's (a server's answer).
pub fn describe(text: &str) -> String {
    rebuild(text).unwrap_or_else(|| "a value has the wrong type or form".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilt_messages_keep_only_safe_parts() {
        assert_eq!(
            rebuild(r#"invalid type: string "a, expected b", expected u32"#).as_deref(),
            Some("must be a whole number of 0 or more, got a string")
        );
        assert_eq!(
            rebuild("incompatible JS value JsValue(\"SECRET\") for type AbortSignal"),
            None
        );
        assert_eq!(
            describe(r#"invalid type: string "SECRET", expected a sequence"#),
            "must be an array, got a string"
        );
        assert_eq!(describe("SECRET"), "a value has the wrong type or form");
    }
}
