//! Helpers for models on the wire: the fields a newer server adds ([`Extra`]), and fields an
//! answer may leave out that read as a default ([`Defaulted`]).

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use tsify::Tsify;

/// Fields of an answer that this version does not know, kept and handed on as they came (with
/// exact int64 values). Dereferences to the map.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Extra(pub Map<String, Value>);

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        super::int64::serialize_map(&self.0, s)
    }
}

impl Deref for Extra {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

/// A field an answer may leave out or send as `null`, which then reads as empty (a page's list of
/// tokens) or zero (a revoke count), so code can use it without a check. (In Rust it
/// dereferences to the value.)
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
#[serde(transparent)]
pub struct Defaulted<T>(pub T);

impl<T> Deref for Defaulted<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Defaulted<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T> From<T> for Defaulted<T> {
    fn from(value: T) -> Self {
        Defaulted(value)
    }
}

/// Reads through `deserialize_option`, which is also what serde does for a missing field (so a
/// missing field becomes `None` here, then the default, without `#[serde(default)]`).
impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for Defaulted<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OptionVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for OptionVisitor<T> {
            type Value = Defaulted<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Defaulted(T::default()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Defaulted(T::default()))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                T::deserialize(d).map(Defaulted)
            }
        }
        d.deserialize_option(OptionVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize, Serialize, Debug, PartialEq)]
    struct Page {
        items: Defaulted<Vec<u8>>,
        count: Defaulted<u64>,
        #[serde(flatten)]
        extra: Extra,
    }

    #[test]
    fn missing_and_null_read_as_default() {
        let p: Page = serde_json::from_value(json!({"items": null, "x": 1})).unwrap();
        assert!(p.items.is_empty());
        assert_eq!(*p.count, 0);
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            json!({"items": [], "count": 0, "x": 1})
        );
        let p: Page = serde_json::from_value(json!({"items": [1], "count": 2})).unwrap();
        assert_eq!((p.items.0, p.count.0), (vec![1], 2));
        assert!(serde_json::from_value::<Page>(json!({"items": {}})).is_err());
    }

    #[test]
    fn extra_round_trips_through_flatten() {
        #[derive(Deserialize, Serialize, Debug, PartialEq)]
        struct T {
            a: u8,
            #[serde(flatten)]
            extra: Extra,
        }
        let t: T = serde_json::from_value(json!({"a": 1, "b": {"c": null}})).unwrap();
        assert_eq!(t.extra["b"], json!({"c": null}));
        assert_eq!(
            serde_json::to_value(&t).unwrap(),
            json!({"a": 1, "b": {"c": null}})
        );
    }
}
