//! int64 values (Authlete client ids, millisecond timestamps) without losing precision in JS.
//!
//! JS numbers hold integers exactly only up to 2^53 - 1. An int64 field of an answer is an
//! [`Int64`] (other int64 values go through [`serialize`] / [`serialize_opt`]): a value within ±(2^53 - 1) goes through `serialize_i64` (a
//! JS `number` with serde-wasm-bindgen, a JSON number with serde_json); a larger one through
//! `serialize_i128`, which serde-wasm-bindgen turns into a `BigInt` and serde_json writes as the
//! exact JSON number. In the other direction serde-wasm-bindgen reads an `i64`/`u64` from a safe
//! `number` or from a `BigInt`, so callers may pass either.
//!
//! [`Exact`] applies the same rule to every number of a [`serde_json::Value`] (the fields a newer
//! server adds, kept in [`crate::core::wire::Extra`]), so a big integer there arrives as a
//! `BigInt` too instead of failing the whole answer.

use std::ops::Deref;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
#[cfg(feature = "js")]
use tsify::Tsify;

/// The largest integer a JS number holds exactly.
pub const MAX_SAFE: i128 = 9_007_199_254_740_991;

fn serialize_i128<S: Serializer>(v: i128, s: S) -> Result<S::Ok, S::Error> {
    if (-MAX_SAFE..=MAX_SAFE).contains(&v) {
        s.serialize_i64(v as i64)
    } else {
        s.serialize_i128(v)
    }
}

/// An int64 value of an answer (an Authlete client id or millisecond timestamp, a Knetik total):
/// read exactly, serialized by the rule of the module doc; in TypeScript `number | bigint`.
/// Dereferences to the `i64`.
///
/// ```
/// use tokenops::core::int64::Int64;
///
/// // Authlete's client ids exceed 2^53, which a JS number cannot hold: read exactly here.
/// let id: Int64 = serde_json::from_str("9007199254740993").unwrap();
/// assert_eq!(*id, 9_007_199_254_740_993);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[cfg_attr(feature = "js", tsify(type = "number | bigint"))]
pub struct Int64(pub i64);

/// Reads the `i64`; one beyond 2^53 is noted as read exactly where it belongs (see
/// [`super::json::note_exact`]).
impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(d)?;
        if !(-MAX_SAFE..=MAX_SAFE).contains(&i128::from(value)) {
            super::json::note_exact(1);
        }
        Ok(Int64(value))
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_i128(self.0.into(), s)
    }
}

impl Deref for Int64 {
    type Target = i64;
    fn deref(&self) -> &i64 {
        &self.0
    }
}

impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Int64(value)
    }
}

/// Serializes an `i64`/`u64` for JS (see the module doc).
pub fn serialize<T: Copy + Into<i128>, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    serialize_i128((*v).into(), s)
}

/// [`serialize`] for an `Option`.
pub fn serialize_opt<T: Copy + Into<i128>, S: Serializer>(
    v: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_i128((*v).into(), s),
        None => s.serialize_none(),
    }
}

/// An optional JSON value serialized as [`Exact`].
pub fn serialize_opt_value<S: Serializer>(v: &Option<Value>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => Exact(v).serialize(s),
        None => s.serialize_none(),
    }
}

/// How many integers beyond ±(2^53 - 1) `value` holds, at any depth.
pub fn beyond_safe(value: &Value) -> u32 {
    match value {
        Value::Number(n) => {
            let exact = n.as_i64().map(i128::from).or(n.as_u64().map(i128::from));
            u32::from(exact.is_some_and(|v| !(-MAX_SAFE..=MAX_SAFE).contains(&v)))
        }
        Value::Array(items) => items.iter().map(beyond_safe).sum(),
        Value::Object(map) => map.values().map(beyond_safe).sum(),
        _ => 0,
    }
}

/// A JSON value serialized with the int64 rule of the module doc at every depth.
pub struct Exact<'a>(pub &'a Value);

impl Serialize for Exact<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => serialize_i128(i.into(), s),
                (None, Some(u), _) => serialize_i128(u.into(), s),
                (None, None, Some(f)) => s.serialize_f64(f),
                _ => s.serialize_none(),
            },
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Exact(item))?;
                }
                seq.end()
            }
            Value::Object(map) => serialize_map(map, s),
            other => other.serialize(s),
        }
    }
}

/// Serializes a JSON object with [`Exact`] values.
pub fn serialize_map<S: Serializer>(map: &Map<String, Value>, s: S) -> Result<S::Ok, S::Error> {
    let mut out = s.serialize_map(Some(map.len()))?;
    for (k, v) in map {
        out.serialize_entry(k, &Exact(v))?;
    }
    out.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::core::wire::Extra;

    #[derive(Serialize)]
    struct M {
        #[serde(serialize_with = "serialize")]
        id: i64,
        #[serde(serialize_with = "serialize_opt")]
        at: Option<u64>,
        #[serde(flatten)]
        extra: Extra,
    }

    #[test]
    fn big_values_stay_exact_in_json() {
        let mut extra = Extra::default();
        extra.insert(
            "n".into(),
            json!([{"big": 18_446_744_073_709_551_615u64}, 1.5]),
        );
        let json = serde_json::to_string(&M {
            id: -9_007_199_254_740_993,
            at: Some(9_007_199_254_740_993),
            extra,
        })
        .unwrap();
        assert_eq!(
            json,
            r#"{"id":-9007199254740993,"at":9007199254740993,"n":[{"big":18446744073709551615},1.5]}"#
        );
    }
}
