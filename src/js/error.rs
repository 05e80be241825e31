//! [`ApiError`] as an instance of the JS `ApiError` class.
//!
//! The class is plain JS (`src/js/api-error.js`, a real `Error` subclass), shipped beside the
//! wasm glue; the package entry registers a factory for it at load time.

use std::cell::RefCell;

use js_sys::Function;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::core::error::ApiError;

thread_local! {
    static FACTORY: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers `(init: ApiErrorInit) => ApiError`. Called once by the package entry; not public
/// API.
#[wasm_bindgen(js_name = __setApiErrorFactory, skip_typescript)]
pub fn set_api_error_factory(factory: Function) {
    FACTORY.with(|f| *f.borrow_mut() = Some(factory));
}

/// How the error fields become a JS object: `null` for absent ones, as `ApiError` documents.
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

/// The JS error for `err`: an `ApiError` instance, or a plain `Error` with the same message if
/// no factory was registered.
pub fn to_js(err: &ApiError) -> JsValue {
    let built = err.serialize(&SERIALIZER).ok().and_then(|init| {
        FACTORY.with(|f| {
            f.borrow()
                .as_ref()
                .and_then(|factory| factory.call1(&JsValue::NULL, &init).ok())
        })
    });
    built.unwrap_or_else(|| js_sys::Error::new(err.message()).into())
}
