//! The last argument of every method: `{ signal?, timeoutMs?, retry? }`, and running a call as a
//! JS promise that rejects with `ApiError`.

use std::future::Future;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::core::config::CallConfig;
use crate::core::error::{ApiError, Provider};
use crate::core::fields::{Field, Fields, Reader};
use crate::js_error;

/// Parsed call options.
#[derive(Default)]
pub struct CallOptions {
    /// Timeout and retry overrides.
    pub config: CallConfig,
    /// The caller's signal.
    pub signal: Option<AbortSignal>,
}

impl CallOptions {
    /// Reads the options argument (absent, `undefined` or `null` mean none).
    pub fn read(
        value: Option<JsValue>,
        provider: Provider,
        operation: &str,
    ) -> Result<CallOptions, ApiError> {
        Self::read_with(value.as_ref(), provider, operation, &[])
    }

    /// Like [`CallOptions::read`], also allowing the option names in `extra` (read by the caller).
    pub fn read_with(
        value: Option<&JsValue>,
        provider: Provider,
        operation: &str,
        extra: &[&str],
    ) -> Result<CallOptions, ApiError> {
        let undefined = JsValue::UNDEFINED;
        let value = value.unwrap_or(&undefined);
        let r = Reader::new(value, provider, operation, "options.");
        match crate::js_fields::classify(value) {
            Field::Missing | Field::Null => {
                return Ok(CallOptions {
                    config: CallConfig::default(),
                    signal: None,
                })
            }
            Field::Object => {}
            _ => {
                return Err(ApiError::invalid_argument(
                    provider,
                    operation,
                    "options",
                    "must be an object",
                ))
            }
        }
        let config = CallConfig::read_with(&r, extra)?;
        let signal = match value.field("signal") {
            Field::Missing | Field::Null => None,
            _ => {
                let raw = js_sys::Reflect::get(value, &JsValue::from_str("signal"))
                    .unwrap_or(JsValue::UNDEFINED);
                Some(
                    raw.dyn_into::<AbortSignal>()
                        .map_err(|_| r.error("signal", "must be an AbortSignal"))?,
                )
            }
        };
        Ok(CallOptions { config, signal })
    }
}

/// Runs `fut` as a promise: `Ok` values resolve, `ApiError`s reject as JS `ApiError` instances.
pub fn promise<F>(fut: F) -> Promise
where
    F: Future<Output = Result<JsValue, ApiError>> + 'static,
{
    wasm_bindgen_futures::future_to_promise(
        async move { fut.await.map_err(|e| js_error::to_js(&e)) },
    )
}

/// A promise already rejected with `err`.
pub fn rejected(err: ApiError) -> Promise {
    Promise::reject(&js_error::to_js(&err))
}

/// Checks that an argument is a plain object (not `null`, an array or a function).
pub fn object_arg(
    value: &JsValue,
    provider: Provider,
    operation: &str,
    name: &str,
) -> Result<(), ApiError> {
    match crate::js_fields::classify(value) {
        Field::Object => Ok(()),
        _ => Err(ApiError::invalid_argument(
            provider,
            operation,
            name,
            "must be an object",
        )),
    }
}

/// Reads a string argument.
pub fn string_arg(
    value: &JsValue,
    provider: Provider,
    operation: &str,
    name: &str,
) -> Result<String, ApiError> {
    value
        .as_string()
        .ok_or_else(|| ApiError::invalid_argument(provider, operation, name, "must be a string"))
}
