//! [`Options`]: the last argument of every JS method, read from one object: the typed API's
//! [`CallOptions`], `dryRun`, and the options of the method's own ([`More`]: Authlete's
//! `contentType`).
//!
//! Hand-written because serde cannot compose structs here: `#[serde(flatten)]` buffers the
//! values through serde's `Content`, which loses the `AbortSignal` (serde-wasm-bindgen hands a
//! JS object over only to a direct `preserve` read) and cannot refuse unknown names. So the map
//! is read once: `dryRun` and the method's own names are taken out, every other entry goes on to
//! `CallOptions`' derived reader, which refuses unknown names with their path.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::http::CallOptions;

/// What a JS method's options hold (see the module doc).
#[derive(Default)]
pub struct Options<M> {
    /// The options of the call.
    pub call: CallOptions,
    /// `dryRun: true`: send nothing, resolve to the request.
    pub dry_run: bool,
    /// The method's own options.
    pub more: M,
}

/// Options a method has besides `CallOptions` and `dryRun`.
pub trait More: Default {
    /// Reads the value of `key` into `self` when it is one of these options' names.
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// No options besides `CallOptions` and `dryRun`.
impl More for () {
    fn read<'de, A: MapAccess<'de>>(&mut self, _: &str, _: &mut A) -> Result<bool, A::Error> {
        Ok(false)
    }
}

impl<'de, M: More> Deserialize<'de> for Options<M> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(OptionsVisitor(PhantomData))
    }
}

struct OptionsVisitor<M>(PhantomData<M>);

impl<'de, M: More> Visitor<'de> for OptionsVisitor<M> {
    type Value = Options<M>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Options<M>, A::Error> {
        let (mut dry_run, mut more) = (false, M::default());
        let rest = Rest {
            map,
            dry_run: &mut dry_run,
            more: &mut more,
        };
        let call = CallOptions::deserialize(MapAccessDeserializer::new(rest))?;
        Ok(Options {
            call,
            dry_run,
            more,
        })
    }
}

/// The entries of the options object that are `CallOptions`' (see the module doc).
struct Rest<'a, A, M> {
    map: A,
    dry_run: &'a mut bool,
    more: &'a mut M,
}

impl<'de, A: MapAccess<'de>, M: More> MapAccess<'de> for Rest<'_, A, M> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.map.next_key::<String>()? {
            if key == "dryRun" {
                *self.dry_run = self.map.next_value()?;
            } else if !self.more.read(&key, &mut self.map)? {
                return seed.deserialize(key.into_deserializer()).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}
