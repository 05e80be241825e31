//! The error texts of serde-wasm-bindgen that `tokenops::core::strict` (feature `js`) reads.
//! serde-wasm-bindgen gives no structured errors (its `Error` is a JS value with a message), so
//! the strict reader rebuilds a caller-facing message from the shape of its text, never quoting
//! the value; these tests pin both the texts and what they become, so an upgrade that changes
//! them fails here instead of degrading the messages silently (scripts/test.sh runs them with
//! `--features js` in Node, Chromium and Firefox).
#![cfg(all(target_arch = "wasm32", feature = "js"))]

use serde::de::DeserializeOwned;
use serde::Deserialize;
use tokenops::core::strict;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Limit {
    max: u64,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
enum Scheme {
    Header,
}

/// serde-wasm-bindgen's own text (a JS `Error` as text: `Error: <message>`), and the problem
/// the strict reader makes of it.
fn texts<T: DeserializeOwned + std::fmt::Debug>(value: JsValue) -> (String, String) {
    let raw = serde_wasm_bindgen::from_value::<T>(value.clone())
        .unwrap_err()
        .to_string();
    let strict = strict::deserialize::<T, _>(value)
        .unwrap_err()
        .problem()
        .to_string();
    (raw, strict)
}

fn big(digits: &str) -> JsValue {
    js_sys::BigInt::new(&JsValue::from_str(digits))
        .unwrap()
        .into()
}

#[wasm_bindgen_test]
fn the_texts_the_strict_reader_rebuilds() {
    let cases: [(&str, (String, String), &str, &str); 5] = [
        (
            "a string for a u64",
            texts::<u64>(JsValue::from_str("SECRET")),
            "Error: invalid type: string \"SECRET\", expected u64",
            "must be a whole number of 0 or more, got a string",
        ),
        (
            "a fraction for a u64",
            texts::<u64>(JsValue::from_f64(1.5)),
            "Error: invalid type: floating point `1.5`, expected u64",
            "must be a whole number of 0 or more, got a number",
        ),
        (
            "NaN for a u64",
            texts::<u64>(JsValue::from_f64(f64::NAN)),
            "Error: invalid type: floating point `NaN`, expected u64",
            "must be a whole number of 0 or more, got a number",
        ),
        (
            "a BigInt beyond i64",
            texts::<i64>(big("100000000000000000000")),
            "Error: Couldn't deserialize i64 from a BigInt outside i64::MIN..i64::MAX bounds",
            "is a BigInt out of range",
        ),
        (
            "an unknown variant",
            texts::<Scheme>(JsValue::from_str("Basic")),
            "Error: unknown variant `Basic`, expected `Header`",
            "must be one of \"Header\"",
        ),
    ];
    for (what, (raw, rebuilt), expected_raw, expected_rebuilt) in cases {
        assert_eq!(
            raw, expected_raw,
            "{what}: serde-wasm-bindgen's text changed"
        );
        assert_eq!(
            rebuilt, expected_rebuilt,
            "{what}: the rebuilt message changed"
        );
    }
    let (raw, rebuilt) = texts::<Limit>(js_sys::Object::new().into());
    assert_eq!(raw, "Error: missing field `max`");
    assert_eq!(rebuilt, "is required");
}
