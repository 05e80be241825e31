//! JS values to models and back, with serde-wasm-bindgen.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::core::error::{ApiError, ErrorKind, Provider};
use crate::core::strict;

/// How the shell's own values (a dry run, a client's description, an error's body) become JS
/// values: plain objects for maps (the `extra` fields), `undefined` for absent optional fields,
/// int64 values above 2^53 as `BigInt` (see [`crate::core::int64`]). Answers are not converted:
/// the shell hands on the engine's own object ([`crate::http::Call::with_parsed`]).
const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);

/// Whether `value` is a plain object (not `null`, an array or a function).
fn is_object(value: &JsValue) -> bool {
    value.is_object() && !js_sys::Array::is_array(value)
}

/// Reads an object argument into `T`: unknown names refused at any depth, the field named as
/// `name` + its path, no value quoted.
pub fn from_js<T: DeserializeOwned>(
    value: JsValue,
    provider: Provider,
    operation: &str,
    name: &str,
) -> Result<T, ApiError> {
    if !is_object(&value) {
        return Err(ApiError::invalid_argument(
            provider,
            operation,
            name,
            "must be an object",
        ));
    }
    strict::deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| ApiError::invalid_argument(provider, operation, &e.field(name), e.problem()))
}

/// Like [`from_js`], with `undefined` and `null` (or no argument) meaning `T::default()`.
pub fn from_js_or_default<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    provider: Provider,
    operation: &str,
    name: &str,
) -> Result<T, ApiError> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => from_js(v, provider, operation, name),
        _ => Ok(T::default()),
    }
}

/// Reads a string argument.
pub fn string_from_js(
    value: &JsValue,
    provider: Provider,
    operation: &str,
    name: &str,
) -> Result<String, ApiError> {
    value
        .as_string()
        .ok_or_else(|| ApiError::invalid_argument(provider, operation, name, "must be a string"))
}

/// A model as a JS value. Fails only for a value JS cannot hold, reported as a `decode` error.
pub fn to_js<T: Serialize + ?Sized>(
    value: &T,
    provider: Provider,
    operation: &str,
) -> Result<JsValue, ApiError> {
    value.serialize(&SERIALIZER).map_err(|_| {
        ApiError::new(
            ErrorKind::Decode,
            provider,
            operation,
            format!(
                "{} {operation} failed: the response could not be handed to JS",
                provider.display_name()
            ),
        )
    })
}
