//! Removing secrets from anything that may reach an error: server bodies and texts.

use serde_json::Value;

use super::encode::{form_encode_into, percent_encode};

/// The text that stands in for a removed secret.
pub const REDACTED: &str = "<redacted>";

/// Object keys whose values are credentials, compared lower case with `_` and `-` removed.
const SECRET_KEYS: &[&str] = &[
    "token",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "clientsecret",
    "password",
    "secret",
    "apisecret",
    "apikey",
    "apitoken",
    "authorization",
    "xauthtoken",
];

/// Whether a JSON key names a credential.
pub fn is_secret_key(key: &str) -> bool {
    let normalized: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    SECRET_KEYS.contains(&normalized.as_str())
}

/// The spellings of the given secrets that a service may echo back: each as it is, JSON-escaped
/// (a non-JSON body quoting a JSON request), percent-encoded as a path segment and as a form value
/// (a path or a form body quoted), without repeats; empty secrets are left out.
pub fn spellings(secrets: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = Vec::with_capacity(secrets.len() * 2);
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let mut form = String::new();
        form_encode_into(&mut form, secret);
        let mut json = String::with_capacity(secret.len());
        for c in secret.chars() {
            if c == '\\' || c == '"' {
                json.push('\\');
            }
            json.push(c);
        }
        for spelling in [secret.to_string(), json, percent_encode(secret), form] {
            if !all.contains(&spelling) {
                all.push(spelling);
            }
        }
    }
    all
}

/// Replaces every occurrence of each non-empty secret in `text`, in any of its [`spellings`], with
/// [`REDACTED`] (see [`scrub_spellings`]).
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    scrub_spellings(text, &spellings(secrets))
}

/// Replaces every occurrence of each spelling in `text` with [`REDACTED`], in one pass: the
/// stretches that any occurrence covers (overlapping ones, one inside another) are merged and each
/// becomes one marker, so no part of a secret survives beside a marker, and an occurrence inside a
/// marker already in `text` (a one-letter secret in `<redacted>`) is left.
/// Hand-written: `str::replace` secret by secret leaves the rest of a longer or overlapping
/// secret, and a multi-pattern matcher (aho-corasick) would add its tables to the wasm for the
/// few short secrets of an error path.
pub fn scrub_spellings(text: &str, spellings: &[String]) -> String {
    let found: Vec<&[u8]> = spellings
        .iter()
        .filter(|spelling| !spelling.is_empty() && text.contains(spelling.as_str()))
        .map(|spelling| spelling.as_bytes())
        .collect();
    if found.is_empty() {
        return text.to_string();
    }
    // Bytes, not chars: a secret's first byte never continues a char, so every match starts and
    // ends on a char boundary.
    let bytes = text.as_bytes();
    let marker = REDACTED.as_bytes();
    let in_marker = |at: usize, end: usize| {
        (end.saturating_sub(marker.len())..=at).any(|m| bytes[m..].starts_with(marker))
    };
    let mut out = String::with_capacity(text.len());
    // What is copied or hidden so far.
    let mut done = 0;
    for at in 0..bytes.len() {
        for secret in &found {
            let end = at + secret.len();
            if end > done && bytes[at..].starts_with(secret) && !in_marker(at, end) {
                if at >= done {
                    out.push_str(&text[done..at]);
                    out.push_str(REDACTED);
                }
                done = end;
            }
        }
    }
    out.push_str(&text[done..]);
    out
}

/// Redacts a parsed body in place: values under secret keys become [`REDACTED`], and every string
/// and every key is scrubbed of the given secrets (in any of their [`spellings`]).
pub fn redact_value(value: &mut Value, secrets: &[&str]) {
    redact_spellings(value, &spellings(secrets));
}

fn redact_spellings(value: &mut Value, spellings: &[String]) {
    match value {
        Value::String(s) => {
            let scrubbed = scrub_spellings(s, spellings);
            if scrubbed != *s {
                *s = scrubbed;
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| redact_spellings(v, spellings)),
        Value::Object(map) => {
            if map
                .keys()
                .any(|key| scrub_spellings(key, spellings) != *key)
            {
                // Entry by entry: collecting would sort them again, and link a sort.
                for (key, v) in std::mem::take(map) {
                    map.insert(scrub_spellings(&key, spellings), v);
                }
            }
            for (key, v) in map.iter_mut() {
                if is_secret_key(key) && !v.is_null() {
                    *v = Value::String(REDACTED.to_string());
                } else {
                    redact_spellings(v, spellings);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_keys_in_any_spelling() {
        for k in [
            "apiToken",
            "api_token",
            "token",
            "access_token",
            "accessToken",
            "refresh-token",
            "client_secret",
            "Password",
            "x-auth-token",
            "apiSecret",
        ] {
            assert!(is_secret_key(k), "{k}");
        }
        for k in [
            "tokenStatus",
            "accessTokenHash",
            "status",
            "error",
            "description",
        ] {
            assert!(!is_secret_key(k), "{k}");
        }
    }

    #[test]
    fn scrub_replaces_every_occurrence() {
        assert_eq!(
            scrub("bad token s3cr3t, s3cr3t!", &["s3cr3t", ""]),
            "bad token <redacted>, <redacted>!"
        );
    }

    #[test]
    fn scrub_leaves_no_part_of_a_secret_and_keeps_markers_whole() {
        // One secret inside another, overlapping secrets, overlapping occurrences of one.
        assert_eq!(scrub("key s3cr3t.", &["s3", "s3cr3t"]), "key <redacted>.");
        assert_eq!(scrub("xabcdx", &["ab", "bcd"]), "x<redacted>x");
        assert_eq!(scrub("[aaa]", &["aa"]), "[<redacted>]");
        // A one-letter secret after a longer one, and in a marker the server already sent.
        assert_eq!(scrub("k=key t", &["key", "t"]), "k=<redacted> <redacted>");
        assert_eq!(scrub("<redacted> d", &["d"]), "<redacted> <redacted>");
        assert_eq!(scrub("\u{e9}t\u{e9}", &["\u{e9}"]), "<redacted>t<redacted>");
    }

    #[test]
    fn scrub_finds_a_secret_echoed_encoded() {
        let secret = "s3cr+t/with spaces&=?\\\"";
        // A form body quoted, a path quoted, a JSON request quoted in a text answer.
        for echo in [
            "client_secret=s3cr%2Bt%2Fwith+spaces%26%3D%3F%5C%22&grant_type=x",
            "no token at /tokens/s3cr%2Bt%2Fwith%20spaces%26%3D%3F%5C%22",
            r#"bad request {"accessToken":"s3cr+t/with spaces&=?\\\""}"#,
        ] {
            let scrubbed = scrub(echo, &[secret]);
            assert!(scrubbed.contains(REDACTED), "{scrubbed}");
            assert!(!scrubbed.contains("s3cr"), "{scrubbed}");
        }
        assert_eq!(spellings(&["plain", "", "plain"]), vec!["plain"]);
    }

    #[test]
    fn redacts_a_secret_used_as_a_key() {
        let mut v = json!({"details": {"s3cr3t": "revoked", "other": "s3cr3t"}});
        redact_value(&mut v, &["s3cr3t"]);
        assert_eq!(
            v,
            json!({"details": {"<redacted>": "revoked", "other": "<redacted>"}})
        );
    }

    #[test]
    fn redacts_nested_keys_and_echoed_values() {
        let mut v = json!({
            "error": "token s3cr3t unknown",
            "nested": [{"access_token": "abc", "n": 1}],
            "refresh_token": null
        });
        redact_value(&mut v, &["s3cr3t"]);
        assert_eq!(
            v,
            json!({
                "error": "token <redacted> unknown",
                "nested": [{"access_token": "<redacted>", "n": 1}],
                "refresh_token": null
            })
        );
    }
}
