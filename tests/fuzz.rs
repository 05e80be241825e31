//! Property-based fuzzing of everything that reads caller or server data: response decoders,
//! error building, URL and query builders, base URL parsing, Retry-After, int64 marking,
//! redaction. Nothing may panic, and each builder keeps its invariant.
//!
//! The test command runs a short pass (PROPTEST_CASES defaults to 256 per property here); the
//! long run is `PROPTEST_CASES=100000 cargo test --release --test fuzz`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use tokenops::authlete::models::{
    TokenCreateResponse, TokenGetListResponse, TokenRevokeResponse, TokenUpdateResponse,
};
use tokenops::authlete::requests as authlete;
use tokenops::core::base_url::BaseUrl;
use tokenops::core::decode::{CallContext, RawResponse};
use tokenops::core::encode::{encode_pairs, percent_encode};
use tokenops::core::error::Provider;
use tokenops::core::int64::unmark_json;
use tokenops::core::redact::{redact_value, REDACTED};
use tokenops::core::request::PathBuilder;
use tokenops::core::retry::parse_retry_after;
use tokenops::core::shape::{self, Shape};
use tokenops::hopr::models::{CreatedToken, Token};
use tokenops::hopr::requests::{error_fields, parse_create_request};
use tokenops::knetik::models::{OAuth2Resource, OauthAccessTokenResource, PageResource};
use tokenops::knetik::requests as knetik;

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
        let resp = RawResponse { status, body, retry_after: retry };
        let _ = ctx().decode::<Token>(&resp);
        let _ = ctx().decode::<CreatedToken>(&resp);
        let err = ctx().http_error(&resp, 1.7e12);
        prop_assert!(!err.message.contains('\n'));
        prop_assert!(!serde_json::to_string(&err).unwrap_or_default().contains("s3cret"));
    }

    #[test]
    fn shape_checks_never_panic_and_agree_with_the_models(body in json_text()) {
        for s in [&tokenops::hopr::shapes::TOKEN, &tokenops::hopr::shapes::CREATED_TOKEN,
                  &tokenops::authlete::shapes::LIST, &tokenops::authlete::shapes::CREATE,
                  &tokenops::authlete::shapes::UPDATE, &tokenops::authlete::shapes::REVOKE,
                  &tokenops::knetik::shapes::PAGE, &tokenops::knetik::shapes::TOKEN] {
            if let Ok(report) = shape::check(&body, s) {
                if report.needs_normalize {
                    prop_assert!(shape::normalize(&body, s).is_ok());
                }
            }
        }
        // Syntax: exactly what serde_json accepts (lone surrogates aside, which JSON.parse takes).
        if !body.contains("\\u") {
            let serde_ok = serde_json::from_str::<serde::de::IgnoredAny>(&body).is_ok();
            prop_assert_eq!(shape::check(&body, &Shape::Any).is_ok(), serde_ok, "{}", body);
        }
        // Where the serde models (the reference) accept a body, the shapes do too, and back.
        let resp = RawResponse { status: 200, body: body.clone(), retry_after: None };
        prop_assert_eq!(ctx().decode::<Token>(&resp).is_ok(), shape::check(&body, &tokenops::hopr::shapes::TOKEN).is_ok(), "{}", body);
        prop_assert_eq!(ctx().decode::<OauthAccessTokenResource>(&resp).is_ok(), shape::check(&body, &tokenops::knetik::shapes::TOKEN).is_ok(), "{}", body);
        prop_assert_eq!(ctx().decode::<TokenRevokeResponse>(&resp).is_ok(), shape::check(&body, &tokenops::authlete::shapes::REVOKE).is_ok(), "{}", body);
    }

    #[test]
    fn authlete_and_knetik_decoders_never_panic(body in json_text(), status in 0u16..600) {
        let resp = RawResponse { status, body, retry_after: None };
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
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&resp.body) {
                let _ = authlete::check_action("op", status, &v, &["s3cret"]);
            }
        }
    }

    #[test]
    fn authlete_and_knetik_builders_never_panic(body in json_text(), a in "\\PC{0,24}", b in "\\PC{0,24}") {
        for ct in [authlete::ContentType::Json, authlete::ContentType::Form] {
            let _ = authlete::create("/api/auth/token/", &body, ct, true);
            let _ = authlete::update("/api/auth/token/", &body, ct);
            if let Ok(r) = authlete::parse_revoke(&body) {
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
    fn create_request_parser_never_panics(body in json_text()) {
        let _ = parse_create_request(&body);
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
                (percent_decode(k), percent_decode(v))
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

    #[test]
    fn int64_unmarking_never_panics(text in json_text(), digits in "-?[0-9]{1,25}") {
        let _ = unmark_json(&text);
        let marked = format!("{{\"a\":\"\\u0000bigint:{digits}\",\"b\":{text}}}");
        let out = unmark_json(&marked);
        let expected = format!("\"a\":{digits},");
        prop_assert!(out.contains(&expected));
    }

    #[test]
    fn redaction_removes_secret_values(body in json_text()) {
        if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&body) {
            redact_value(&mut v, &["s3cret"]);
            prop_assert!(no_secret_values(&v));
        }
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
