//! Property-based fuzzing of everything that reads caller or server data: response decoders,
//! the strict reading of caller objects, error building, URL and query builders, base URL
//! parsing, Retry-After, int64 exactness, redaction, the engine codec's pre-parse scan. Nothing
//! may panic, and each builder keeps its invariant.
//!
//! The test command runs a short pass (PROPTEST_CASES defaults to 256 per property here); the
//! long run is `PROPTEST_CASES=100000 cargo test --release --test fuzz`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use tokenops::authlete::config::ApiVersion;
use tokenops::authlete::models::{
    TokenCreateRequest, TokenCreateResponse, TokenGetListResponse, TokenRevokeRequest,
    TokenRevokeResponse, TokenUpdateRequest, TokenUpdateResponse,
};
use tokenops::authlete::requests as authlete;
use tokenops::core::base_url::BaseUrl;
use tokenops::core::decode::{CallContext, RawResponse};
use tokenops::core::encode::{encode_pairs, percent_encode};
use tokenops::core::error::Provider;
use tokenops::core::int64::MAX_SAFE;
use tokenops::core::json;
use tokenops::core::redact::{redact_value, scrub, REDACTED};
use tokenops::core::request::PathBuilder;
use tokenops::core::retry::parse_retry_after;
#[cfg(feature = "js")]
use tokenops::core::strict;
use tokenops::hopr::models::{Token, TokensCreate201Response, TokensCreateRequest};
use tokenops::hopr::requests::{check_create_request, error_fields};
#[cfg(feature = "js")]
use tokenops::hopr::HoprConfig;
use tokenops::knetik::models::{OAuth2Resource, OauthAccessTokenResource, PageResource};
use tokenops::knetik::requests as knetik;
#[cfg(feature = "js")]
use tokenops::CallOptions;

/// A caller object read as the JS shell reads it (the strict reader is compiled with the `js`
/// feature only; the test command runs this file with it).
#[cfg(feature = "js")]
fn strictly<T: DeserializeOwned>(text: &str) -> Result<T, strict::Error> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(<strict::Error as serde::de::Error>::custom)?;
    strict::deserialize(value)
}

/// Input for the builders: read as the JS shell reads it.
#[cfg(feature = "js")]
fn input<T: DeserializeOwned>(text: &str) -> Option<T> {
    strictly(text).ok()
}

/// Input for the builders: without `js`, read as plain serde reads it.
#[cfg(not(feature = "js"))]
fn input<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// The string values (not keys) of a JSON value that are long enough to be recognisable.
#[cfg(feature = "js")]
fn string_values(v: &serde_json::Value, keys: &mut Vec<String>, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.chars().count() >= 6 => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| string_values(i, keys, out)),
        serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| {
            keys.push(k.clone());
            string_values(v, keys, out)
        }),
        _ => {}
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

/// Arbitrary JSON-ish text: real JSON values, fragments, and noise.
fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| format!("{n:?}")),
        "\\PC{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
        // Text with the characters a terminal acts on (ESC, BEL, C1 CSI, bidi overrides).
        "[a\\\\\\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}]{0,12}"
            .prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
    ];
    let value = leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id".to_string()),
                        Just("capabilities".to_string()),
                        Just("endpoint".to_string()),
                        Just("limits".to_string()),
                        Just("valid_until".to_string()),
                        Just("token".to_string()),
                        Just("status".to_string()),
                        Just("error".to_string()),
                        "[a-z_]{1,8}".prop_map(|s| s),
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| format!(
                "{{{}}}",
                kv.iter()
                    .map(|(k, v)| format!("{:?}:{v}", k))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
        ]
    });
    prop_oneof![
        4 => value,
        1 => "\\PC{0,64}",
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn ctx() -> CallContext<'static> {
    CallContext {
        provider: Provider::Hopr,
        operation: "tokensGetToken",
        secrets: &["s3cret"],
        error_fields,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn response_decoders_never_panic(body in json_text(), status in 0u16..600, retry in proptest::option::of("\\PC{0,40}")) {
        let mut resp = RawResponse::text(status, &body);
        resp.retry_after = retry;
        let _ = ctx().decode::<Token>(&resp);
        let _ = ctx().decode::<TokensCreate201Response>(&resp);
        let err = ctx().http_error(&resp, 1.7e12);
        prop_assert!(!err.message().contains('\n'));
        // Whatever the server's text holds, the message shows it escaped, never raw.
        prop_assert!(!err.message().chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)), "{}", err.message());
        prop_assert!(!serde_json::to_string(&err).unwrap_or_default().contains("s3cret"));
    }

    /// Caller objects: reading never panics, and a refusal never quotes a value of the input
    /// (only key names, which are the caller's own field names).
    #[cfg(feature = "js")]
    #[test]
    fn strict_reading_never_quotes_the_input(body in json_text()) {
        let mut keys = Vec::new();
        let mut values = Vec::new();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&body) {
            string_values(&v, &mut keys, &mut values);
        }
        let errors = [
            strictly::<TokensCreateRequest>(&body).err(),
            strictly::<HoprConfig>(&body).err(),
            strictly::<CallOptions>(&body).err(),
            strictly::<TokenCreateRequest>(&body).err(),
            strictly::<TokenUpdateRequest>(&body).err(),
            strictly::<knetik::TokensQuery>(&body).err(),
        ];
        for e in errors.into_iter().flatten() {
            let text = e.to_string();
            for v in values.iter().filter(|v| !keys.contains(v)) {
                prop_assert!(!text.contains(v.as_str()), "{} quotes {:?}", text, v);
            }
        }
    }

    #[test]
    fn authlete_and_knetik_decoders_never_panic(body in json_text(), status in 0u16..600) {
        let resp = RawResponse::text(status, &body);
        for (provider, fields) in [
            (Provider::Authlete, authlete::error_fields as fn(&serde_json::Value) -> (Option<String>, Option<String>)),
            (Provider::Knetik, knetik::error_fields),
        ] {
            let ctx = CallContext { provider, operation: "op", secrets: &["s3cret"], error_fields: fields };
            let _ = ctx.decode::<TokenGetListResponse>(&resp);
            let _ = ctx.decode::<TokenCreateResponse>(&resp);
            let _ = ctx.decode::<TokenUpdateResponse>(&resp);
            let _ = ctx.decode::<TokenRevokeResponse>(&resp);
            let _ = ctx.decode::<PageResource>(&resp);
            let _ = ctx.decode::<OauthAccessTokenResource>(&resp);
            let _ = ctx.decode::<OAuth2Resource>(&resp);
            let err = ctx.http_error(&resp, 0.0);
            prop_assert!(!serde_json::to_string(&err).unwrap_or_default().contains("s3cret"));
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&body) {
                let _ = authlete::check_action("op", status, &v, &["s3cret"]);
            }
        }
    }

    #[test]
    fn authlete_and_knetik_builders_never_panic(body in json_text(), a in "\\PC{0,24}", b in "\\PC{0,24}") {
        for ct in [authlete::ContentType::Json, authlete::ContentType::Form] {
            if let Some(r) = input::<TokenCreateRequest>(&body) {
                let _ = authlete::create("/api/auth/token/", &r, ct, &ApiVersion::V3);
            }
            if let Some(r) = input::<TokenUpdateRequest>(&body) {
                let _ = authlete::update("/api/auth/token/", &r, ct, &ApiVersion::V3);
            }
            if let Some(r) = input::<TokenRevokeRequest>(&body) {
                let _ = authlete::revoke("/api/auth/token/", &r, ct);
            }
        }
        if let Ok(spec) = authlete::delete("/api/auth/token/", &a) {
            prop_assert!(!spec.path["/api/auth/token/delete/".len()..].contains('/'));
        }
        if let Ok(spec) = knetik::get_token(&a, &b) {
            prop_assert_eq!(spec.path.matches('/').count(), 4);
        }
        let _ = knetik::normalize_order(&a);
    }

    #[test]
    fn decoded_tokens_round_trip(body in json_text()) {
        if let Ok(token) = serde_json::from_str::<Token>(&body) {
            let again: Token = serde_json::from_str(&serde_json::to_string(&token).unwrap()).unwrap();
            prop_assert_eq!(token, again);
        }
    }

    #[test]
    fn create_request_checks_never_panic(body in json_text()) {
        if let Some(r) = input::<TokensCreateRequest>(&body) {
            let _ = check_create_request(&r);
        }
    }

    #[test]
    fn path_segments_stay_one_segment(value in "\\PC{0,40}") {
        match PathBuilder::new("/api/v3/tokens/").segment(&value) {
            Ok(p) => {
                let path = p.build();
                let tail = &path["/api/v3/tokens/".len()..];
                prop_assert!(!tail.contains('/') && !tail.contains('?') && !tail.contains('#'));
                prop_assert_eq!(percent_decode(tail), value);
            }
            Err(_) => prop_assert!(value.is_empty() || value == "." || value == ".."),
        }
    }

    #[test]
    fn query_encoding_round_trips(pairs in prop::collection::vec(("\\PC{0,12}", "\\PC{0,12}"), 0..5)) {
        let encoded = encode_pairs(&pairs);
        let decoded: Vec<(String, String)> = if encoded.is_empty() {
            Vec::new()
        } else {
            encoded.split('&').map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (form_decode(k), form_decode(v))
            }).collect()
        };
        prop_assert_eq!(decoded, pairs);
        prop_assert!(percent_encode(&encoded).bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
    }

    #[test]
    fn base_url_parser_never_panics(input in "\\PC{0,60}", prefix in prop_oneof![Just(""), Just("https://"), Just("http://127.0.0.1"), Just("http://")]) {
        let text = format!("{prefix}{input}");
        if let Ok(url) = BaseUrl::parse(&text, false) {
            prop_assert!(url.as_str().starts_with("https://") || url.as_str().starts_with("http://"));
            prop_assert!(!url.as_str().ends_with('/'));
            let authority = url.origin().split_once("://").map(|(_, a)| a).unwrap_or("");
            prop_assert!(!authority.contains('@') && !authority.is_empty());
            prop_assert!(!url.as_str().contains('?') && !url.as_str().contains('#'));
        }
    }

    #[test]
    fn retry_after_never_panics(value in "\\PC{0,40}", now in any::<f64>()) {
        let _ = parse_retry_after(&value, now);
    }

    /// The pre-parse check of the engine codec agrees with serde_json on every JSON text: the
    /// nesting depth, and whether an integer lies beyond 2^53 (and it never panics on noise).
    #[test]
    fn json_scan_agrees_with_serde_json(body in json_text()) {
        let found = json::scan(&body);
        if let Ok(shape) = serde_json::from_str::<Shape>(&body) {
            prop_assert_eq!(found.depth, shape.depth);
            prop_assert_eq!(found.unsafe_integer, shape.unsafe_integer);
        }
    }

    #[test]
    fn int64_values_stay_exact(i in any::<i64>(), u in any::<u64>()) {
        #[derive(serde::Serialize)]
        struct M {
            #[serde(serialize_with = "tokenops::core::int64::serialize")]
            i: i64,
            #[serde(serialize_with = "tokenops::core::int64::serialize")]
            u: u64,
        }
        let text = serde_json::to_string(&M { i, u }).unwrap();
        prop_assert_eq!(text, format!("{{\"i\":{i},\"u\":{u}}}"));
    }

    #[test]
    fn redaction_removes_secret_values(body in json_text()) {
        if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&body) {
            redact_value(&mut v, &["s3cret"]);
            prop_assert!(no_secret_values(&v));
        }
    }

    /// Secrets that overlap, nest or repeat, in text that may hold markers already: between
    /// the markers of the result, no secret is left.
    #[test]
    fn scrub_leaves_no_secret_between_markers(
        pieces in proptest::collection::vec(
            prop_oneof!["[abde ]{1,6}", Just(REDACTED.to_string())],
            0..8,
        ),
        secrets in proptest::collection::vec("[abde]{1,3}", 1..4),
    ) {
        let text = pieces.concat();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let scrubbed = scrub(&text, &secrets);
        for piece in scrubbed.split(REDACTED) {
            for secret in &secrets {
                prop_assert!(!piece.contains(secret), "{secret:?} left in {scrubbed:?}");
            }
        }
    }
}

/// Depth and big integers of JSON text as serde_json reads it, duplicate keys included.
struct Shape {
    depth: usize,
    unsafe_integer: bool,
}

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
    type Value = Shape;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Shape, E> {
        Ok(Shape {
            depth: 0,
            unsafe_integer: i128::from(v).abs() > MAX_SAFE,
        })
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Shape, E> {
        Ok(Shape {
            depth: 0,
            unsafe_integer: i128::from(v) > MAX_SAFE,
        })
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape {
            depth: 0,
            unsafe_integer: false,
        })
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Shape, E> {
        self.visit_f64(0.0)
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Shape, E> {
        self.visit_f64(0.0)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Shape, E> {
        self.visit_f64(0.0)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let mut out = Shape {
            depth: 1,
            unsafe_integer: false,
        };
        while let Some(item) = seq.next_element::<Shape>()? {
            out.depth = out.depth.max(1 + item.depth);
            out.unsafe_integer |= item.unsafe_integer;
        }
        Ok(out)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut out = Shape {
            depth: 1,
            unsafe_integer: false,
        };
        while let Some((_, item)) = map.next_entry::<serde::de::IgnoredAny, Shape>()? {
            out.depth = out.depth.max(1 + item.depth);
            out.unsafe_integer |= item.unsafe_integer;
        }
        Ok(out)
    }
}

fn no_secret_values(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Object(m) => m.iter().all(|(k, v)| {
            (!tokenops::core::redact::is_secret_key(k) || v.is_null() || v == REDACTED)
                && no_secret_values(v)
        }),
        serde_json::Value::Array(a) => a.iter().all(no_secret_values),
        serde_json::Value::String(s) => !s.contains("s3cret"),
        _ => true,
    }
}

/// Decodes an `application/x-www-form-urlencoded` value (`+` is a space).
fn form_decode(s: &str) -> String {
    percent_decode(&s.replace('+', "%20"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_default()
}
