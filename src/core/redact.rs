//! Removing secrets from anything that may reach an error: server bodies and texts.

use serde_json::Value;

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

/// Replaces every occurrence of each non-empty secret in `text` with [`REDACTED`].
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    out
}

/// Redacts a parsed body in place: values under secret keys become [`REDACTED`], and every string
/// is scrubbed of the given secrets.
pub fn redact_value(value: &mut Value, secrets: &[&str]) {
    match value {
        Value::String(s) => {
            let scrubbed = scrub(s, secrets);
            if scrubbed != *s {
                *s = scrubbed;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact_value(v, secrets)),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if is_secret_key(key) && !v.is_null() {
                    *v = Value::String(REDACTED.to_string());
                } else {
                    redact_value(v, secrets);
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
