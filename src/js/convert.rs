//! JS values to models and back, with serde-wasm-bindgen.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::error::{ApiError, ErrorKind, Provider};
use crate::core::strict::{self, Shape, Source, ILL_FORMED};

/// How the shell's own values (a dry run, a client's description, an error's body) become JS
/// values: plain objects for maps (the `extra` fields), `undefined` for absent optional fields,
/// int64 values above 2^53 as `BigInt` (see [`crate::core::int64`]). Answers are not converted:
/// the shell hands on the engine's own object ([`crate::http::Call::with_parsed`]).
const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, catching what a revoked proxy throws.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Object.entries`, catching what a getter or a proxy throws.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn own_entries(object: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// `Array.from`, catching what an iterator, a getter or a proxy throws.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(items: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// A JS string, for its methods.
    #[wasm_bindgen(js_name = String)]
    type Text;

    /// `String.prototype.isWellFormed` (no lone surrogate); an engine without it throws, caught.
    #[wasm_bindgen(catch, method, js_name = isWellFormed)]
    fn is_well_formed(this: &Text) -> Result<bool, JsValue>;
}

/// A caller's JS value, walked by the strict reader; every value it does not walk itself is read
/// by serde-wasm-bindgen. What the caller's code may run while it is read (a getter, a proxy's
/// trap, an iterator) is run through a catching call, so that a throw is an `invalid_argument`
/// error, never an exception thrown through the wasm.
impl Source for JsValue {
    type Leaf = serde_wasm_bindgen::Deserializer;

    fn shape(&self) -> Shape {
        if self.is_undefined() || self.is_null() {
            Shape::Absent
        } else if self.is_object() {
            match is_array(self) {
                Ok(true) => Shape::Array,
                Ok(false) => Shape::Object,
                Err(_) => Shape::Unreadable,
            }
        } else if self.is_string() {
            // A lone surrogate would reach Rust as U+FFFD: another id, another description.
            match self.unchecked_ref::<Text>().is_well_formed() {
                Ok(false) => Shape::IllFormed,
                _ => Shape::String,
            }
        } else if self.as_bool().is_some() {
            Shape::Bool
        } else if self.as_f64().is_some() || self.is_bigint() {
            Shape::Number
        } else {
            Shape::Other
        }
    }

    /// A plain object's own entries (`Object.entries`), or a `Map`'s with string keys (as
    /// serde-wasm-bindgen reads a map; a `Map` has no own entries, so only then is it asked).
    fn entries(self) -> Option<Vec<(String, Self)>> {
        let mut pairs = own_entries(&self).ok()?;
        // wasm-bindgen's `instanceof` check catches what a proxy's trap throws.
        if pairs.length() == 0 && self.has_type::<js_sys::Map>() {
            pairs = array_from(&self).ok()?;
        }
        let pair = |pair: JsValue| {
            let pair: js_sys::Array = pair.unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        };
        // An entry set to `undefined` is one not given, as TypeScript's optional properties
        // have it (`{ timeoutMs: env ? Number(env) : undefined }`).
        Some(
            pairs
                .iter()
                .map(pair)
                .filter(|(_, value)| !value.is_undefined())
                .collect(),
        )
    }

    fn items(self) -> Option<Vec<Self>> {
        Some(array_from(&self).ok()?.iter().collect())
    }

    fn text(self) -> String {
        self.as_string().unwrap_or_default()
    }

    fn leaf(self) -> Self::Leaf {
        serde_wasm_bindgen::Deserializer::from(self)
    }
}

/// Reads an object argument into `T`: unknown names refused at any depth, the field named as
/// `name` + its path, no value quoted.
pub fn from_js<T: DeserializeOwned>(
    value: JsValue,
    provider: Provider,
    operation: &str,
    name: &str,
) -> Result<T, ApiError> {
    strict::deserialize(value)
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

/// Reads a string argument (well-formed: see [`Source::shape`]).
pub fn string_from_js(
    value: &JsValue,
    provider: Provider,
    operation: &str,
    name: &str,
) -> Result<String, ApiError> {
    let refused = |problem| ApiError::invalid_argument(provider, operation, name, problem);
    match value.shape() {
        Shape::String => value.as_string().ok_or_else(|| refused("must be a string")),
        Shape::IllFormed => Err(refused(ILL_FORMED)),
        _ => Err(refused("must be a string")),
    }
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
