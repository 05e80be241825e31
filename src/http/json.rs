//! The engine's JSON codec (the wasm; `crate::core::json` is the seam that chooses it):
//! `JSON.parse`, with a reviver that reads integers beyond 2^53 from their source text, the
//! model checking the engine's value through serde-wasm-bindgen; serde-wasm-bindgen and
//! `JSON.stringify` for bodies, with `JSON.rawJSON` for integers beyond 2^53.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, BigInt, Function, Reflect, JSON};
use wasm_bindgen::prelude::*;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::core::json::{scan, DecodeFailure, Empty, EncodeFailure, MAX_DEPTH};

/// What the engine parsed: the JS shell hands it on as it is, once the model has checked it.
pub type Parsed = JsValue;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` with a reviver (js-sys binds only the one-argument form).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_with_reviver(text: &str, reviver: &Function) -> Result<JsValue, JsValue>;

    /// `JSON.rawJSON`: JSON text `JSON.stringify` writes as it is (where the engine has it).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = rawJSON)]
    fn raw_json(text: &str) -> Result<JsValue, JsValue>;

    /// The third argument of a reviver where the engine has source text access.
    type ParseContext;
    #[wasm_bindgen(method, getter)]
    fn source(this: &ParseContext) -> Option<String>;
}

thread_local! {
    /// How many integers beyond 2^53 the model being read took where they belong (see
    /// `crate::core::json::note_exact`); `None` while the answer holds none (nothing to count).
    static EXACT_READ: Cell<Option<u32>> = const { Cell::new(None) };
}

/// See `crate::core::json::note_exact`.
pub fn note_exact(count: u32) {
    EXACT_READ.with(|read| read.set(read.get().map(|n| n.saturating_add(count))));
}

/// See `crate::core::json::note_exact_in`.
pub fn note_exact_in(value: &Value) {
    if EXACT_READ.with(Cell::get).is_some() {
        note_exact(crate::core::int64::beyond_safe(value));
    }
}

/// Decodes JSON text as `T` with `JSON.parse` (see `crate::core::json`): the model, and the
/// engine's value it checked.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<(T, Parsed), DecodeFailure> {
    let value = parse(text)?;
    EXACT_READ.with(|read| read.set((value.exact > 0).then_some(0)));
    let read = || serde_wasm_bindgen::from_value::<T>(value.value.clone());
    let in_full = || crate::core::json::reading_fields(false, read);
    // Integers beyond 2^53 are accounted for field by field, unknown fields included: every
    // field is read then; and where a model reading its known fields asks (an array, or an
    // object with a `length`).
    let model = match (value.exact > 0).then(in_full).unwrap_or_else(read) {
        Err(e) if e.to_string().ends_with(crate::core::json::RECHECK) => {
            crate::core::json::forget_failed_in();
            in_full()
        }
        read => read,
    }
    .map_err(|e| DecodeFailure::Schema(e.to_string(), None));
    let read = EXACT_READ.with(|read| read.replace(None)).unwrap_or(0);
    let model = model?;
    if read < value.exact {
        return Err(DecodeFailure::NotANumber);
    }
    Ok((model, value.value))
}

/// Any JSON text as a [`Value`] (every integer exact), or `None` when it is not JSON.
pub fn parse_value(text: &str) -> Option<Value> {
    serde_wasm_bindgen::from_value(parse(text).ok()?.value).ok()
}

/// What `JSON.parse` gave, and how many integers beyond 2^53 it read exactly.
struct Engine {
    value: JsValue,
    exact: u32,
}

/// `JSON.parse`, with the reviver only where the text holds an integer beyond 2^53.
fn parse(text: &str) -> Result<Engine, DecodeFailure> {
    let found = scan(text);
    if found.depth > MAX_DEPTH {
        return Err(DecodeFailure::TooDeep);
    }
    if found.unsafe_integer {
        return parse_exact(text);
    }
    let value = JSON::parse(text).map_err(|_| DecodeFailure::Syntax)?;
    Ok(Engine { value, exact: 0 })
}

/// `JSON.parse` turning every integer beyond 2^53 into a `BigInt` read from its source text;
/// and how many it made.
fn parse_exact(text: &str) -> Result<Engine, DecodeFailure> {
    let inexact: Rc<RefCell<Option<String>>> = Rc::default();
    let made = Rc::new(Cell::new(0u32));
    let (seen, count) = (inexact.clone(), made.clone());
    let reviver = Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> JsValue>::new(
        move |key: JsValue, value: JsValue, context: JsValue| {
            let Some(n) = value.as_f64() else {
                return value;
            };
            if n.fract() != 0.0 || n.abs() <= crate::core::int64::MAX_SAFE as f64 {
                return value;
            }
            let source = context.unchecked_into::<ParseContext>();
            match (!source.is_undefined()).then(|| source.source()).flatten() {
                Some(s) if s.bytes().all(|b| b == b'-' || b.is_ascii_digit()) => {
                    match BigInt::new(&JsValue::from_str(&s)) {
                        Ok(big) => {
                            count.set(count.get() + 1);
                            big.into()
                        }
                        Err(_) => value,
                    }
                }
                Some(_) => value, // written with a fraction or exponent: a float
                None => {
                    seen.borrow_mut()
                        .get_or_insert_with(|| key.as_string().unwrap_or_default());
                    value
                }
            }
        },
    );
    let value = parse_with_reviver(text, reviver.as_ref().unchecked_ref())
        .map_err(|_| DecodeFailure::Syntax)?;
    if let Some(field) = inexact.take() {
        return Err(DecodeFailure::Inexact(field));
    }
    Ok(Engine {
        value,
        exact: made.get(),
    })
}

/// `value` as JSON text with `JSON.stringify`; a `BigInt` (an int64 beyond 2^53) through
/// `JSON.rawJSON`.
pub fn to_text<T: Serialize>(value: &T) -> Result<String, EncodeFailure> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js = value
        .serialize(&serializer)
        .map_err(|_| EncodeFailure::Unwritable)?;
    if let Ok(text) = JSON::stringify(&js) {
        return Ok(String::from(text));
    }
    // `JSON.stringify` throws on a BigInt: write each one as its digits.
    let inexact: Rc<RefCell<Option<String>>> = Rc::default();
    let seen = inexact.clone();
    let replacer = Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(
        move |key: JsValue, value: JsValue| {
            let Some(big) = value.dyn_ref::<BigInt>() else {
                return value;
            };
            let digits = big.to_string(10).map(String::from).unwrap_or_default();
            raw_json(&digits).unwrap_or_else(|_| {
                seen.borrow_mut()
                    .get_or_insert_with(|| key.as_string().unwrap_or_default());
                JsValue::NULL
            })
        },
    );
    let text = JSON::stringify_with_replacer(&js, replacer.as_ref())
        .map_err(|_| EncodeFailure::Unwritable)?;
    match inexact.take() {
        Some(field) => Err(EncodeFailure::Inexact(field)),
        None => Ok(String::from(text)),
    }
}

/// `value` through serde-wasm-bindgen, as the JS shell hands answers on.
pub fn to_parsed<T: Serialize>(value: &T) -> Option<Parsed> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).ok()
}

/// Sets `name` of the object `parsed` to `empty` where it is absent or `null`.
pub fn fill(parsed: &Parsed, name: &str, empty: Empty) {
    if !parsed.is_object() {
        return;
    }
    let key = JsValue::from_str(name);
    let present = Reflect::get(parsed, &key).is_ok_and(|v| !v.is_null() && !v.is_undefined());
    if !present {
        let value = match empty {
            Empty::List => Array::new().into(),
            Empty::Zero => JsValue::from_f64(0.0),
        };
        let _ = Reflect::set(parsed, &key, &value);
    }
}

/// The items of the array `name` of the object `parsed` (a page's tokens); none when it is not
/// an array.
pub fn items(parsed: &Parsed, name: &str) -> Vec<Parsed> {
    Reflect::get(parsed, &JsValue::from_str(name))
        .ok()
        .and_then(|list| list.dyn_into::<Array>().ok())
        .map_or_else(Vec::new, |list| list.to_vec())
}
