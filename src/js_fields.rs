//! Reading options from JS objects: [`Fields`] for `JsValue`, and JSON text of caller bodies.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::fields::{Field, Fields};

impl Fields for JsValue {
    fn field(&self, name: &str) -> Field {
        if !self.is_object() {
            return Field::Missing;
        }
        // A getter or proxy may throw; that reads as a value of the wrong type.
        match Reflect::get(self, &JsValue::from_str(name)) {
            Ok(v) => classify(&v),
            Err(_) => Field::Other("throwing getter"),
        }
    }

    fn child(&self, name: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        Reflect::get(self, &JsValue::from_str(name))
            .ok()
            .filter(|v| matches!(classify(v), Field::Object))
    }

    fn keys(&self) -> Vec<String> {
        match self.dyn_ref::<Object>() {
            Some(obj) => Object::keys(obj)
                .iter()
                .filter_map(|k| k.as_string())
                .collect(),
            None => Vec::new(),
        }
    }
}

/// The [`Field`] a JS value reads as.
pub fn classify(v: &JsValue) -> Field {
    if v.is_undefined() {
        Field::Missing
    } else if v.is_null() {
        Field::Null
    } else if let Some(b) = v.as_bool() {
        Field::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Field::Number(n)
    } else if let Some(s) = v.as_string() {
        Field::Text(s)
    } else if v.is_function() {
        Field::Other("function")
    } else if v.is_bigint() {
        Field::Other("bigint")
    } else if v.is_symbol() {
        Field::Other("symbol")
    } else if Array::is_array(v) {
        Field::Other("array")
    } else if v.is_object() {
        Field::Object
    } else {
        Field::Other("unknown")
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify_with(value: &JsValue, replacer: &JsValue) -> Result<JsValue, JsValue>;
}

/// Serializes a caller-supplied body to JSON text, refusing values JSON would silently change:
/// `NaN`/`Infinity` (which would become `null`), functions and symbols, and cycles. A `BigInt`
/// becomes an exact JSON number (see [`crate::core::int64`]). Returns the problem in words on
/// failure (never the value).
pub fn body_to_json(value: &JsValue) -> Result<String, String> {
    let problem = Rc::new(RefCell::new(None::<String>));
    let slot_ref = problem.clone();
    let replacer = Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(
        move |key: JsValue, v: JsValue| -> JsValue {
            let bad = match classify(&v) {
                Field::Number(n) if !n.is_finite() => Some("is not a finite number"),
                Field::Other("function") => Some("is a function"),
                Field::Other("symbol") => Some("is a symbol"),
                _ => None,
            };
            match bad {
                Some(why) => {
                    if let Ok(mut slot) = slot_ref.try_borrow_mut() {
                        if slot.is_none() {
                            let key = key.as_string().unwrap_or_default();
                            *slot = Some(format!("field `{key}` {why}"));
                        }
                    }
                    JsValue::UNDEFINED
                }
                None if v.is_bigint() => {
                    let digits = js_sys::BigInt::from(v)
                        .to_string(10)
                        .map(String::from)
                        .unwrap_or_default();
                    JsValue::from_str(&format!("{}{digits}", crate::core::int64::MARKER))
                }
                None => v,
            }
        },
    );
    let result = json_stringify_with(value, replacer.as_ref());
    drop(replacer);
    if let Some(p) = problem.borrow_mut().take() {
        return Err(p);
    }
    match result {
        Ok(text) => text
            .as_string()
            .map(|t| crate::core::int64::unmark_json(&t))
            .ok_or_else(|| "must be an object".to_string()),
        Err(_) => Err("cannot be turned into JSON (does it contain a cycle?)".to_string()),
    }
}
