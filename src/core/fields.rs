//! Reading caller options field by field, with errors that name the field and never echo a value.
//!
//! The same rules run on a `serde_json::Value` in native tests and on a JS object in wasm (see
//! `src/js_fields.rs`), through the [`Fields`] trait.

use super::error::{ApiError, Provider};

/// One option value, as far as validation cares.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// Not present, or `undefined`.
    Missing,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (possibly NaN or infinite).
    Number(f64),
    /// A string.
    Text(String),
    /// A plain object (read it with [`Fields::child`]).
    Object,
    /// Anything else; the JS type name.
    Other(&'static str),
}

impl Field {
    fn type_name(&self) -> &'static str {
        match self {
            Field::Missing => "undefined",
            Field::Null => "null",
            Field::Bool(_) => "boolean",
            Field::Number(_) => "number",
            Field::Text(_) => "string",
            Field::Object => "object",
            Field::Other(t) => t,
        }
    }
}

/// Something with named fields: a JS object or a JSON object.
pub trait Fields: Sized {
    /// The value of `name`.
    fn field(&self, name: &str) -> Field;
    /// The nested object under `name`, if it is one.
    fn child(&self, name: &str) -> Option<Self>;
    /// The object's own keys.
    fn keys(&self) -> Vec<String>;
}

impl Fields for serde_json::Value {
    fn field(&self, name: &str) -> Field {
        match self.get(name) {
            None => Field::Missing,
            Some(serde_json::Value::Null) => Field::Null,
            Some(serde_json::Value::Bool(b)) => Field::Bool(*b),
            Some(serde_json::Value::Number(n)) => Field::Number(n.as_f64().unwrap_or(f64::NAN)),
            Some(serde_json::Value::String(s)) => Field::Text(s.clone()),
            Some(serde_json::Value::Object(_)) => Field::Object,
            Some(serde_json::Value::Array(_)) => Field::Other("array"),
        }
    }

    fn child(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|v| v.is_object()).cloned()
    }

    fn keys(&self) -> Vec<String> {
        self.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// Reads fields of one options object, producing `invalid_argument` errors for one operation.
pub struct Reader<'a, F: Fields> {
    src: &'a F,
    provider: Provider,
    operation: &'a str,
    prefix: &'a str,
}

impl<'a, F: Fields> Reader<'a, F> {
    /// A reader whose errors name fields as `prefix` + name (e.g. `options.` or ``).
    pub fn new(src: &'a F, provider: Provider, operation: &'a str, prefix: &'a str) -> Self {
        Reader {
            src,
            provider,
            operation,
            prefix,
        }
    }

    /// An `invalid_argument` error for `name`.
    pub fn error(&self, name: &str, problem: &str) -> ApiError {
        ApiError::invalid_argument(
            self.provider,
            self.operation,
            &format!("{}{name}", self.prefix),
            problem,
        )
    }

    /// The raw field.
    pub fn field(&self, name: &str) -> Field {
        self.src.field(name)
    }

    /// The nested object `name`, if present.
    pub fn child(&self, name: &str) -> Option<F> {
        self.src.child(name)
    }

    /// A string that may be absent (`undefined`/`null`); when present it must be non-blank.
    pub fn optional_string(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.src.field(name) {
            Field::Missing | Field::Null => Ok(None),
            Field::Text(s) if s.trim().is_empty() => Err(self.error(name, "must not be empty")),
            Field::Text(s) => Ok(Some(s)),
            other => Err(self.error(
                name,
                &format!("must be a string, got {}", other.type_name()),
            )),
        }
    }

    /// A required non-blank string.
    pub fn required_string(&self, name: &str) -> Result<String, ApiError> {
        self.optional_string(name)?
            .ok_or_else(|| self.error(name, "is required"))
    }

    /// An optional boolean.
    pub fn optional_bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.src.field(name) {
            Field::Missing | Field::Null => Ok(None),
            Field::Bool(b) => Ok(Some(b)),
            other => Err(self.error(
                name,
                &format!("must be a boolean, got {}", other.type_name()),
            )),
        }
    }

    /// An optional whole number within `min..=max`.
    pub fn optional_integer(
        &self,
        name: &str,
        min: i64,
        max: i64,
    ) -> Result<Option<i64>, ApiError> {
        match self.src.field(name) {
            Field::Missing | Field::Null => Ok(None),
            Field::Number(n) => {
                if !n.is_finite() || n.fract() != 0.0 {
                    return Err(self.error(name, "must be a whole number"));
                }
                if n < min as f64 || n > max as f64 {
                    return Err(self.error(name, &format!("must be between {min} and {max}")));
                }
                Ok(Some(n as i64))
            }
            other => Err(self.error(
                name,
                &format!("must be a number, got {}", other.type_name()),
            )),
        }
    }

    /// Fails when the source has a field that is not in `known` (catches misspelt options).
    pub fn reject_unknown(&self, known: &[&str]) -> Result<(), ApiError> {
        match self
            .src
            .keys()
            .iter()
            .find(|k| !known.contains(&k.as_str()))
        {
            Some(unknown) => Err(self.error(
                unknown,
                &format!("is not a known option (known: {})", known.join(", ")),
            )),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reader(v: &serde_json::Value) -> Reader<'_, serde_json::Value> {
        Reader::new(v, Provider::Hopr, "op", "options.")
    }

    #[test]
    fn strings() {
        let v = json!({"a": "x", "blank": "  ", "n": 1, "nul": null});
        let r = reader(&v);
        assert_eq!(r.required_string("a").unwrap(), "x");
        assert_eq!(r.optional_string("missing").unwrap(), None);
        assert_eq!(r.optional_string("nul").unwrap(), None);
        assert_eq!(
            r.required_string("missing").unwrap_err().message,
            "HOPR op: invalid argument `options.missing`: is required"
        );
        assert!(r
            .required_string("blank")
            .unwrap_err()
            .message
            .contains("must not be empty"));
        assert!(r
            .required_string("n")
            .unwrap_err()
            .message
            .contains("got number"));
    }

    #[test]
    fn integers() {
        let v = json!({"ok": 5, "frac": 1.5, "neg": -1, "big": 1e12, "s": "5"});
        let r = reader(&v);
        assert_eq!(r.optional_integer("ok", 1, 10).unwrap(), Some(5));
        assert_eq!(r.optional_integer("missing", 1, 10).unwrap(), None);
        assert!(r.optional_integer("frac", 1, 10).is_err());
        assert!(r.optional_integer("neg", 1, 10).is_err());
        assert!(r.optional_integer("big", 1, 10).is_err());
        assert!(r.optional_integer("s", 1, 10).is_err());
    }

    #[test]
    fn booleans_and_unknown_keys() {
        let v = json!({"b": true, "s": "true"});
        let r = reader(&v);
        assert_eq!(r.optional_bool("b").unwrap(), Some(true));
        assert!(r.optional_bool("s").is_err());
        assert!(r.reject_unknown(&["b", "s"]).is_ok());
        let v = json!({"baseUrl": "x", "timeotMs": 1});
        let err = reader(&v)
            .reject_unknown(&["baseUrl", "timeoutMs"])
            .unwrap_err();
        assert!(err.message.contains("`options.timeotMs`"));
    }
}
