//! Turning [`ApiError`] data into an instance of the JS `ApiError` class.
//!
//! The class is plain JS (`src/js/api-error.js`), shipped beside the wasm glue; the package entry
//! registers a factory for it at load time, so errors built here are real `Error` subclasses.

use std::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::error::ApiError;

thread_local! {
    static FACTORY: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers `(json: string) => ApiError`. Called once by the package entry; not public API.
#[wasm_bindgen(js_name = __setApiErrorFactory, skip_typescript)]
pub fn set_api_error_factory(factory: Function) {
    FACTORY.with(|f| *f.borrow_mut() = Some(factory));
}

/// The JS error for `err`: an `ApiError` instance, or a plain `Error` with the same message if no
/// factory was registered.
pub fn to_js(err: &ApiError) -> JsValue {
    let json = serde_json::to_string(err).unwrap_or_default();
    let built = FACTORY.with(|f| {
        f.borrow().as_ref().and_then(|factory| {
            factory
                .call1(&JsValue::NULL, &JsValue::from_str(&json))
                .ok()
        })
    });
    built.unwrap_or_else(|| js_sys::Error::new(&err.message).into())
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse_with_reviver(text: &str, reviver: &js_sys::Function) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse_js(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// `JSON.parse` of a JS string, without copying it through wasm memory.
pub fn parse_js_text(text: &JsValue) -> Result<JsValue, JsValue> {
    json_parse_js(text)
}

/// Serializes a model to a JS value through JSON (one JSON stack: serde_json). Marked int64
/// values (see [`crate::core::int64`]) become `BigInt`s.
pub fn to_js_value<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
    parse_marked(&text)
}

/// `JSON.parse` of `text`, turning marked int64 strings into `BigInt`s.
pub fn parse_marked(text: &str) -> Result<JsValue, JsValue> {
    if crate::core::int64::has_marked(text) {
        let reviver = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(
            |_key: JsValue, v: JsValue| match v.as_string().and_then(|s| {
                s.strip_prefix(crate::core::int64::MARKER)
                    .map(str::to_string)
            }) {
                Some(digits) => js_sys::BigInt::new(&JsValue::from_str(&digits))
                    .map(JsValue::from)
                    .unwrap_or(v),
                None => v,
            },
        );
        json_parse_with_reviver(text, reviver.as_ref().unchecked_ref())
    } else {
        js_sys::JSON::parse(text)
    }
}
