//! Models on the wire: [`model!`](crate::model) declares a model with each field's wire name
//! written once; the fields a newer server adds ([`Extra`], read by [`read_object`]), and fields
//! an answer may leave out that read as a default ([`Defaulted`]).

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
#[cfg(feature = "js")]
use tsify::Tsify;

/// Fields of an answer that this version does not know, kept and handed on as they came (with
/// exact int64 values). Dereferences to the map.
///
/// ```
/// # #[cfg(feature = "hopr")] {
/// use tokenops::hopr::Token;
///
/// let token: Token = serde_json::from_str(
///     r#"{"id": "t1", "capabilities": [], "owner": {"team": "ops"}}"#,
/// ).unwrap();
/// assert_eq!(token.extra["owner"]["team"], "ops"); // a field this version does not know
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(transparent)]
#[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
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

/// Reads an object for a model that keeps unknown fields: `known` reads the value of a key of
/// `names` (the model's wire names; it gets the key's index there), every other key's value goes
/// to the returned [`Extra`]. A known key is matched where the deserializer lends it, without an
/// allocation (a list of 10,000 tokens has 100,000 of them).
///
/// Hand-written because serde's own way, `#[serde(flatten)] extra` on `Deserialize`, buffers
/// every unknown value through serde's private `Content` type, instantiated for each deserializer
/// and model (what that costs: README "Performance"). `Serialize` keeps the derive (its flatten
/// costs little).
pub fn read_object<'de, A: serde::de::MapAccess<'de>>(
    mut map: A,
    names: &'static [&'static str],
    mut known: impl FnMut(usize, &mut A) -> Result<(), A::Error>,
) -> Result<Extra, A::Error> {
    let mut extra = Extra::default();
    while let Some(key) = map.next_key_seed(KeySeed(names))? {
        match key {
            Key::Known(index) => {
                if let Err(e) = known(index, &mut map) {
                    // An answer's error says in which field (`json::note_failed_in`).
                    super::json::note_failed_in(names[index]);
                    return Err(e);
                }
            }
            // Reading known fields only, another key is the `length` of an array (or of an
            // object with such a field): read the answer in full instead.
            Key::Other(_) if super::json::known_fields_only() => {
                return Err(A::Error::custom(super::json::RECHECK));
            }
            Key::Other(name) => {
                let value: Value = map.next_value()?;
                super::json::note_exact_in(&value);
                extra.0.insert(name, value);
            }
        }
    }
    Ok(extra)
}

/// A key of an object read by [`read_object`].
enum Key {
    /// One of the model's wire names: its index.
    Known(usize),
    /// Any other key.
    Other(String),
}

/// Reads a key as [`Key`], given the model's wire names.
struct KeySeed(&'static [&'static str]);

impl<'de> serde::de::DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(self
            .index_of(v)
            .map_or_else(|| Key::Other(v.to_string()), Key::Known))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key, E> {
        Ok(self.index_of(&v).map_or(Key::Other(v), Key::Known))
    }
}

impl KeySeed {
    /// Where `key` stands among the model's wire names, if it is one of them.
    fn index_of(&self, key: &str) -> Option<usize> {
        // serde-wasm-bindgen hands a struct's known keys over as the very names it was given:
        // the same pointer, found without comparing bytes.
        let same =
            |name: &&str| std::ptr::eq(name.as_ptr(), key.as_ptr()) && name.len() == key.len();
        (self.0.iter().position(same)).or_else(|| self.0.iter().position(|name| *name == key))
    }
}

/// Declares models, each field's wire name written once: the struct with serde's name of each
/// field (`rename`), absent `Option`s left out when serialized, and, for a field list that ends
/// in `..`, an `extra: Extra` field holding the fields a newer service adds and a `Deserialize`
/// that reads the same names through [`read_object`] (a name given twice is an error; an absent
/// field is `None`, the default of a [`Defaulted`], or an error, as [`Absent`] says).
///
/// ```ignore
/// model! {
///     /// `Token`: the caller's own token.
///     #[derive(Clone, Debug, Default, PartialEq, Serialize)]
///     #[cfg_attr(feature = "js", derive(Tsify))]
///     pub struct Token {
///         /// Id of the token.
///         "id" id: String,
///         /// Description.
///         "description" description: Option<String>,
///         ..
///     }
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! model {
    ($($(#[$m:meta])* pub struct $ty:ident { $($body:tt)* })*) => {
        $($crate::model!(@field [$(#[$m])* $ty] [] [] [] $($body)*);)*
    };
    (@field $head:tt [$($out:tt)*] [$($names:tt)*] $defaulted:tt
        $(#[$fm:meta])* $name:literal $f:ident: Option<$t:ty>, $($rest:tt)*) => {
        $crate::model!(@field $head [$($out)* $(#[$fm])*
            #[serde(rename = $name, skip_serializing_if = "Option::is_none")] pub $f: Option<$t>,]
            [$($names)* $name $f] $defaulted $($rest)*);
    };
    (@field $head:tt [$($out:tt)*] [$($names:tt)*] [$($dname:literal $dt:ty)*]
        $(#[$fm:meta])* $name:literal $f:ident: Defaulted<$t:ty>, $($rest:tt)*) => {
        $crate::model!(@field $head [$($out)* $(#[$fm])*
            #[serde(rename = $name)] pub $f: Defaulted<$t>,]
            [$($names)* $name $f] [$($dname $dt)* $name $t] $($rest)*);
    };
    (@field $head:tt [$($out:tt)*] [$($names:tt)*] $defaulted:tt
        $(#[$fm:meta])* $name:literal $f:ident: $t:ty, $($rest:tt)*) => {
        $crate::model!(@field $head [$($out)* $(#[$fm])* #[serde(rename = $name)] pub $f: $t,]
            [$($names)* $name $f] $defaulted $($rest)*);
    };
    (@field [$(#[$m:meta])* $ty:ident] [$($out:tt)*] [$($names:tt)*] [$($dname:literal $dt:ty)*]) => {
        $(#[$m])* pub struct $ty { $($out)* }
        $crate::model!(@complete $ty [$($dname $dt)*]);
    };
    (@complete $ty:ident [$($dname:literal $dt:ty)*]) => {
        impl $crate::core::wire::Complete for $ty {
            fn complete(#[allow(unused_variables)] parsed: &$crate::core::json::Parsed) {
                $($crate::core::json::fill(parsed, $dname, <$dt as $crate::core::wire::Empty>::EMPTY);)*
            }
        }
    };
    (@field [$(#[$m:meta])* $ty:ident] [$($out:tt)*] [$($name:literal $f:ident)*] [$($dname:literal $dt:ty)*] ..) => {
        $(#[$m])* pub struct $ty {
            $($out)*
            /// Fields this version does not know, kept and handed on as they came.
            #[serde(flatten)]
            pub extra: $crate::core::wire::Extra,
        }
        $crate::model!(@complete $ty [$($dname $dt)*]);

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct ModelVisitor;
                impl<'de> serde::de::Visitor<'de> for ModelVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $(let mut $f = None;)*
                        let extra = $crate::core::wire::read_object(map, NAMES, |index, map: &mut A| {
                            let mut at = 0;
                            $(
                                if index == at {
                                    return $crate::core::wire::read_field(&mut $f, $name, map);
                                }
                                at += 1;
                            )*
                            let _ = at;
                            Ok(())
                        })?;
                        Ok($ty { $($f: $crate::core::wire::take($f, $name)?,)* extra })
                    }
                }
                const NAMES: &[&str] = &[$($name),*];
                // Only the JS shell reads models for their known fields (feature `js`), and
                // asks for `length` too, which every array has: an array is not taken for an
                // object whose fields are all optional (see `crate::core::json::RECHECK`).
                const KNOWN: &[&str] = &[$($name,)* "length"];
                if cfg!(feature = "js") && $crate::core::json::known_fields_only() {
                    d.deserialize_struct(stringify!($ty), KNOWN, ModelVisitor)
                } else {
                    d.deserialize_map(ModelVisitor)
                }
            }
        }
    };
}

/// What the engine's value of an answer lacks to be what its model declares: the fields it may
/// leave out or send as `null` that read as a default ([`Defaulted`]). [`model!`](crate::model)
/// implements it; the JS shell hands on the completed value.
pub trait Complete {
    /// Fills in, on `parsed`, what the model reads as a default.
    fn complete(_parsed: &super::json::Parsed) {}
}

/// What a [`Defaulted`] field reads as when it is left out, as the engine's value.
pub trait Empty {
    /// `[]` or `0`.
    const EMPTY: super::json::Empty;
}

impl<T> Empty for Vec<T> {
    const EMPTY: super::json::Empty = super::json::Empty::List;
}

impl Empty for u64 {
    const EMPTY: super::json::Empty = super::json::Empty::Zero;
}

/// Reads the value of the field `name` into `slot`; a second value for it is an error.
pub fn read_field<'de, T: Deserialize<'de> + Absent, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    name: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    let value: T = map.next_value()?;
    if value.is_null() {
        super::json::note_null();
    }
    *slot = Some(value);
    Ok(())
}

/// The value read for the field `name`, or what it is when the answer left it out.
pub fn take<T: Absent, E: serde::de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.or_else(T::absent)
        .ok_or_else(|| E::missing_field(name))
}

/// What a field of a model is when its answer leaves it out: `None` for an `Option`, the
/// default of a [`Defaulted`]; any other field is required (`absent` gives `None`).
pub trait Absent: Sized {
    /// The value of the left-out field, `None` when it is required.
    fn absent() -> Option<Self> {
        None
    }

    /// Whether the value read is what `null` reads as, where the model then has no field.
    fn is_null(&self) -> bool {
        false
    }
}

impl<T> Absent for Option<T> {
    fn absent() -> Option<Self> {
        Some(None)
    }

    fn is_null(&self) -> bool {
        self.is_none()
    }
}

impl<T: Default> Absent for Defaulted<T> {
    fn absent() -> Option<Self> {
        Some(Defaulted::default())
    }
}

impl Absent for String {}

impl<T> Absent for Vec<T> {}

/// A field an answer may leave out or send as `null`, which then reads as empty (a page's list of
/// tokens) or zero (a revoke count), so code can use it without a check. (In Rust it
/// dereferences to the value.)
///
/// ```
/// # #[cfg(feature = "knetik")] {
/// use tokenops::knetik::PageResource;
///
/// let page: PageResource = serde_json::from_str(r#"{"content": null, "last": true}"#).unwrap();
/// assert!(page.content.is_empty()); // `null` reads as an empty list
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
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

    crate::model! {
        #[derive(Debug, Default, PartialEq, Serialize)]
        pub struct Kept {
            "type" kind: String,
            "max" max: Option<u64>,
            ..
        }
    }

    #[test]
    fn a_model_reads_like_the_derive_and_keeps_the_rest() {
        let k: Kept =
            serde_json::from_value(json!({"type": "calls", "max": null, "n": [1, {"m": 2}]}))
                .unwrap();
        assert_eq!((k.kind.as_str(), k.max), ("calls", None));
        assert_eq!(k.extra["n"], json!([1, {"m": 2}]));
        assert_eq!(
            serde_json::to_value(&k).unwrap(),
            json!({"type": "calls", "n": [1, {"m": 2}]})
        );
        let k: Kept = serde_json::from_str(r#"{"max": 3, "type": "x"}"#).unwrap();
        assert_eq!((k.kind.as_str(), k.max, k.extra.len()), ("x", Some(3), 0));
        let err = |t: &str| serde_json::from_str::<Kept>(t).unwrap_err().to_string();
        assert!(err(r#"{"max": 3}"#).starts_with("missing field `type`"));
        assert!(err(r#"{"type": "a", "type": "b"}"#).starts_with("duplicate field `type`"));
        assert!(err(r#"{"type": 5}"#).starts_with("invalid type: integer `5`, expected a string"));
        assert!(err(r#"["calls"]"#).starts_with("invalid type: sequence, expected struct Kept"));
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
