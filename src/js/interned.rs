//! Short strings handed to JS once and reused: a serde `Serializer` adapter around
//! serde-wasm-bindgen's, so that the keys and repeated values of a list of 10,000 tokens are not
//! decoded by the engine 10,000 times each.
//!
//! serde-wasm-bindgen builds every JS string from Rust bytes with the engine's `TextDecoder`,
//! which costs far more than the rest of a small field; it caches struct field names, but the
//! models that keep the fields a newer service adds (`#[serde(flatten)] extra`) serialize as maps,
//! whose keys are plain strings. No library adds a string cache to a serializer, so this module
//! does: [`Interned`] forwards everything to serde-wasm-bindgen and only answers `serialize_str`
//! for strings of up to 32 bytes from a bounded cache of JS strings (handed over with
//! serde-wasm-bindgen's own `preserve`), wrapping nested values so the rule holds at every depth.
//! Longer strings (hashes, token values) and, once the cache is full, new ones go to
//! serde-wasm-bindgen directly. The cache lives for one conversion ([`scoped`]): nothing stays in
//! memory between calls, so a long-running page does not grow.
//! Measured on a list of 10,000 Authlete tokens in Node: see README "Performance".
//!
//! Only in builds with the `string-cache` feature (Node, the combined entry and
//! `tokenops/authlete`): it costs wasm, as every model's `Serialize` is instantiated through the
//! adapter, and buys little on a page of Knetik tokens and nothing on HOPR's small answers
//! (README "Performance" has the figures), so the `tokenops/hopr` and `tokenops/knetik`
//! browser entries go without.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rustc_hash::FxHasher;

use serde::ser::{
    SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant,
};
use serde::{Serialize, Serializer};
use wasm_bindgen::JsValue;

/// The longest string that is cached (longer ones are rarely repeated: hashes, token values).
const MAX_LEN: usize = 32;
/// How many strings the cache holds at most; once full it only answers.
const MAX_ENTRIES: usize = 4096;

type Cache = HashMap<Box<str>, JsValue, BuildHasherDefault<FxHasher>>;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f` (which serializes through [`Interned`]) with the cache, and empties the cache when
/// the outermost scope ends.
pub fn scoped<R>(f: impl FnOnce() -> R) -> R {
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = f();
    let outermost = DEPTH.with(|d| {
        d.set(d.get().saturating_sub(1));
        d.get() == 0
    });
    if outermost {
        CACHE.with(|cache| cache.borrow_mut().clear());
    }
    result
}

/// The adapter (see the module doc). Also wraps the compound serializers it hands out.
pub struct Interned<S>(pub S);

/// A value serialized through [`Interned`].
struct Wrap<'a, T: ?Sized>(&'a T);

impl<T: ?Sized + Serialize> Serialize for Wrap<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(Interned(s))
    }
}

macro_rules! forward_plain {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method(self, v: $ty) -> Result<S::Ok, S::Error> {
                self.0.$method(v)
            }
        )*
    };
}

impl<S: Serializer> Serializer for Interned<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Interned<S::SerializeSeq>;
    type SerializeTuple = Interned<S::SerializeTuple>;
    type SerializeTupleStruct = Interned<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Interned<S::SerializeTupleVariant>;
    type SerializeMap = Interned<S::SerializeMap>;
    type SerializeStruct = Interned<S::SerializeStruct>;
    type SerializeStructVariant = Interned<S::SerializeStructVariant>;

    forward_plain! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_bytes(&[u8]);
    }

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        if v.len() > MAX_LEN {
            return self.0.serialize_str(v);
        }
        let inner = self.0;
        // serde-wasm-bindgen clones the JS string it is handed; ours stays in the cache. (It does
        // not come back here while the cache is borrowed: `inner` is its own serializer.)
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(js) = cache.get(v) {
                return serde_wasm_bindgen::preserve::serialize(js, inner);
            }
            if cache.len() >= MAX_ENTRIES {
                return inner.serialize_str(v);
            }
            let js = JsValue::from_str(v);
            let out = serde_wasm_bindgen::preserve::serialize(&js, inner);
            cache.insert(v.into(), js);
            out
        })
    }

    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Wrap(v))
    }

    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Wrap(v))
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Wrap(v))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Interned)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Interned)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Interned)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(Interned)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(Interned)
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Interned)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(Interned)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_elements {
    ($($trait:ident::$method:ident;)*) => {
        $(
            impl<S: $trait> $trait for Interned<S> {
                type Ok = S::Ok;
                type Error = S::Error;

                fn $method<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), S::Error> {
                    self.0.$method(&Wrap(v))
                }

                fn end(self) -> Result<S::Ok, S::Error> {
                    self.0.end()
                }
            }
        )*
    };
}

forward_elements! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

impl<S: SerializeMap> SerializeMap for Interned<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), S::Error> {
        self.0.serialize_key(&Wrap(key))
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_value(&Wrap(value))
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

macro_rules! forward_fields {
    ($($trait:ident;)*) => {
        $(
            impl<S: $trait> $trait for Interned<S> {
                type Ok = S::Ok;
                type Error = S::Error;

                fn serialize_field<T: ?Sized + Serialize>(
                    &mut self,
                    key: &'static str,
                    value: &T,
                ) -> Result<(), S::Error> {
                    self.0.serialize_field(key, &Wrap(value))
                }

                fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
                    self.0.skip_field(key)
                }

                fn end(self) -> Result<S::Ok, S::Error> {
                    self.0.end()
                }
            }
        )*
    };
}

forward_fields! {
    SerializeStruct;
    SerializeStructVariant;
}
