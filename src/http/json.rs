//! The engine's JSON codec (the wasm without `exact-json`; `crate::core::json` is the seam that
//! chooses it): `JSON.parse` through js-sys, with a reviver that reads integers beyond 2^53 from
//! their source text, values through serde-wasm-bindgen; `JSON.stringify` for bodies.
use std::cell::Cell;
use std::rc::Rc;

use js_sys::{BigInt, Function, JSON};
use wasm_bindgen::prelude::*;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::core::json::{scan, DecodeFailure, MAX_DEPTH};

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` with a reviver (js-sys binds only the one-argument form).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_with_reviver(text: &str, reviver: &Function) -> Result<JsValue, JsValue>;

    /// The third argument of a reviver where the engine has source text access.
    type ParseContext;
    #[wasm_bindgen(method, getter)]
    fn source(this: &ParseContext) -> Option<String>;
}

/// Decodes JSON text as `T` with `JSON.parse` (see `crate::core::json`).
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, DecodeFailure> {
    let found = scan(text);
    if found.depth > MAX_DEPTH {
        return Err(DecodeFailure::TooDeep);
    }
    let value = if found.unsafe_integer {
        parse_exact(text)?
    } else {
        JSON::parse(text).map_err(|_| DecodeFailure::Syntax)?
    };
    serde_wasm_bindgen::from_value(value).map_err(|e| DecodeFailure::Schema(e.to_string()))
}

/// `JSON.parse` turning every integer beyond 2^53 into a `BigInt` read from its source text.
fn parse_exact(text: &str) -> Result<JsValue, DecodeFailure> {
    let inexact = Rc::new(Cell::new(false));
    let seen = inexact.clone();
    let reviver = Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> JsValue>::new(
        move |_key: JsValue, value: JsValue, context: JsValue| {
            let Some(n) = value.as_f64() else {
                return value;
            };
            if n.fract() != 0.0 || n.abs() <= crate::core::int64::MAX_SAFE as f64 {
                return value;
            }
            let source = context.unchecked_into::<ParseContext>();
            match (!source.is_undefined()).then(|| source.source()).flatten() {
                Some(s) if s.bytes().all(|b| b == b'-' || b.is_ascii_digit()) => {
                    BigInt::new(&JsValue::from_str(&s)).map_or(value, JsValue::from)
                }
                Some(_) => value, // written with a fraction or exponent: a float
                None => {
                    seen.set(true);
                    value
                }
            }
        },
    );
    let value = parse_with_reviver(text, reviver.as_ref().unchecked_ref())
        .map_err(|_| DecodeFailure::Syntax)?;
    if inexact.get() {
        return Err(DecodeFailure::Inexact);
    }
    Ok(value)
}

/// `value` as JSON text with `JSON.stringify`.
pub fn to_text<T: Serialize>(value: &T) -> Option<String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js = value.serialize(&serializer).ok()?;
    JSON::stringify(&js).ok().map(String::from)
}
