//! Strict, path-tracking deserialization of caller input, with messages that never quote it.
//!
//! Caller objects reach the models through serde-wasm-bindgen, which reads only the declared
//! keys of a struct (its `deserialize_struct` looks fields up by name): `deny_unknown_fields`
//! never fires, so a misspelt option would be ignored without a word. Its errors also quote the
//! offending value (which may be a secret) and do not say where in a nested object it sat. No
//! library adds those three things to an arbitrary serde `Deserializer`, so this module does, in
//! the manner of serde_path_to_error: [`Strict`] wraps any deserializer,
//! - reads every struct as a map (all of its keys are visited, so unknown ones are refused),
//! - records where a failure happened (`capabilities[0].endpoint`),
//! - rebuilds each message from its parts (what was expected, what kind of value came) without
//!   the value itself.
//!
//! It is generic over the wrapped deserializer, so the rules are tested natively with
//! serde_json; in wasm the JS shell (`crate::js`) wraps serde-wasm-bindgen's deserializer. Only
//! the shell reads caller input this way, so the module is compiled with the `js` feature only
//! (and in unit tests).

use std::cell::Cell;
use std::fmt::{self, Display};

use super::serde_text::{expected_words, rebuild};
use serde::de::{
    self, value::StringDeserializer, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess,
    Expected, IntoDeserializer, MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};

/// Deserializes `T` from `de` strictly (see the module doc).
pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(de: D) -> Result<T, Error> {
    LAST_ERROR.with(|slot| slot.take());
    T::deserialize(Strict(de))
}

thread_local! {
    /// Our error on its way out through the wrapped deserializer. That deserializer may fail
    /// with an error of its own after ours (serde_json checks for the closing `}` of an object
    /// whose visitor gave up), which would hide the precise one; [`flatten`] prefers this.
    static LAST_ERROR: Cell<Option<Error>> = const { Cell::new(None) };
}

/// Notes an error handed through the wrapped deserializer (see `LAST_ERROR`).
fn pass<T>(result: Result<T, Error>) -> Result<T, Error> {
    if let Err(e) = &result {
        LAST_ERROR.with(|slot| slot.set(Some(e.clone())));
    }
    result
}

/// One step of a path into the input.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// Why the input was refused, and where. Never holds a value from the input, only key names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// From the innermost step outwards (errors collect steps as they bubble up).
    reversed: Vec<Segment>,
    problem: String,
}

impl Error {
    fn new(problem: impl Into<String>) -> Self {
        Error {
            reversed: Vec::new(),
            problem: problem.into(),
        }
    }

    fn at_field(field: &str, problem: impl Into<String>) -> Self {
        Error {
            reversed: vec![Segment::Key(field.to_string())],
            problem: problem.into(),
        }
    }

    fn within(mut self, segment: Segment) -> Self {
        self.reversed.push(segment);
        self
    }

    /// Converts an error of the wrapped deserializer, keeping only what is safe to show.
    fn inner(e: impl Display) -> Self {
        Error::new(rebuild(&e.to_string()).unwrap_or_else(|| "is not valid here".to_string()))
    }

    /// The path below the argument (`capabilities[0].endpoint`; empty for the argument itself).
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.reversed.iter().rev() {
            match segment {
                Segment::Key(k) if out.is_empty() => out.push_str(k),
                Segment::Key(k) => out = format!("{out}.{k}"),
                Segment::Index(i) => out = format!("{out}[{i}]"),
            }
        }
        out
    }

    /// `name` joined with the path: `request.capabilities[0]`, or `request` itself.
    pub fn field(&self, name: &str) -> String {
        let path = self.path();
        match path.chars().next() {
            None => name.to_string(),
            Some('[') => format!("{name}{path}"),
            Some(_) if name.is_empty() => path,
            Some(_) => format!("{name}.{path}"),
        }
    }

    /// What is wrong, in words (`must be a string, got a number`).
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`")?;
        f.write_str(&self.path())?;
        f.write_str("`: ")?;
        f.write_str(&self.problem)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        // Our own Deserialize code never calls `custom` with a value; code we do not own (e.g.
        // serde-wasm-bindgen's `preserve`) might, so only known shapes of message are kept.
        Error::inner(msg)
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        let expected = expected_words(&exp.to_string()).to_string();
        Error::new(format!(
            "must be {expected}, got {}",
            unexpected_kind(&unexp)
        ))
    }

    fn invalid_value(_: Unexpected<'_>, exp: &dyn Expected) -> Self {
        Error::new(format!("must be {}", expected_words(&exp.to_string())))
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        Error::new(format!("has {len} items, expected {exp}"))
    }

    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        Error::new(format!("must be one of {}", quoted_list(expected)))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let known = expected.join(", ");
        Error::at_field(field, format!("is not a known field (known: {known})"))
    }

    fn missing_field(field: &'static str) -> Self {
        Error::at_field(field, "is required")
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::at_field(field, "is given twice")
    }
}

fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|v| format!("\"{v}\"")).collect();
    quoted.join(", ")
}

/// What kind of value came, without the value.
fn unexpected_kind(unexp: &Unexpected<'_>) -> &'static str {
    match unexp {
        Unexpected::Bool(_) => "a boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => "a number",
        Unexpected::Char(_) | Unexpected::Str(_) => "a string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit | Unexpected::Option => "null or undefined",
        Unexpected::Seq => "an array",
        Unexpected::Map => "an object",
        _ => "a value of another type",
    }
}

/// The deserializer wrapper (see the module doc).
pub struct Strict<D>(pub D);

/// Wraps a visitor so that the caller's visitor sees [`Strict`] data and [`Error`]s; its value
/// is the caller's result, carried out of the wrapped deserializer intact.
struct Wrap<V>(V);

fn flatten<T, E: Display>(result: Result<Result<T, Error>, E>) -> Result<T, Error> {
    flatten_or(result, "is not valid here")
}

/// [`flatten`], with the words for an error of the wrapped deserializer that has no known shape
/// (serde-wasm-bindgen's failure to iterate `null` as an array, say).
fn flatten_or<T, E: Display>(
    result: Result<Result<T, Error>, E>,
    otherwise: &'static str,
) -> Result<T, Error> {
    let ours = LAST_ERROR.with(|slot| slot.take());
    match result {
        Ok(inner) => inner,
        Err(e) => Err(ours.unwrap_or_else(|| {
            Error::new(rebuild(&e.to_string()).unwrap_or_else(|| otherwise.to_string()))
        })),
    }
}

macro_rules! forward {
    ($($method:ident ( $($arg:ident : $ty:ty),* );)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Error> {
                flatten(self.0.$method($($arg,)* Wrap(visitor)))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
    type Error = Error;

    forward! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        flatten_or(self.0.deserialize_seq(Wrap(visitor)), "must be an array")
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        flatten_or(
            self.0.deserialize_tuple(len, Wrap(visitor)),
            "must be an array",
        )
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        flatten_or(self.0.deserialize_map(Wrap(visitor)), "must be an object")
    }

    /// The one change of behaviour: a struct is read as a map, so every key is seen.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        flatten_or(self.0.deserialize_map(Wrap(visitor)), "must be an object")
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! visit_plain {
    ($($method:ident ( $ty:ty );)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                Ok(pass(self.0.$method(v)))
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = Result<V::Value, Error>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    visit_plain! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_str(&str);
        visit_borrowed_str(&'de str);
        visit_string(String);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(pass(self.0.visit_none()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(pass(self.0.visit_unit()))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Ok(pass(self.0.visit_some(Strict(d))))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Ok(pass(self.0.visit_newtype_struct(Strict(d))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(pass(self.0.visit_seq(WrapSeq { seq, index: 0 })))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(pass(self.0.visit_map(WrapMap { map, key: None })))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        Ok(pass(self.0.visit_enum(WrapEnum(data))))
    }
}

/// A seed whose deserializer is wrapped in [`Strict`].
struct WrapSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for WrapSeed<S> {
    type Value = Result<S::Value, Error>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Ok(pass(self.0.deserialize(Strict(d))))
    }
}

struct WrapSeq<A> {
    seq: A,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for WrapSeq<A> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let index = self.index;
        self.index += 1;
        match self.seq.next_element_seed(WrapSeed(seed)) {
            Ok(Some(Ok(v))) => Ok(Some(v)),
            Ok(Some(Err(e))) => Err(e.within(Segment::Index(index))),
            Ok(None) => Ok(None),
            Err(e) => Err(Error::inner(e).within(Segment::Index(index))),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// Reads each key as a string first (every key of a JS object is one), to name it in errors.
struct WrapMap<A> {
    map: A,
    key: Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WrapMap<A> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key: Option<String> = self.map.next_key().map_err(Error::inner)?;
        let Some(key) = key else {
            return Ok(None);
        };
        let de: StringDeserializer<Error> = key.clone().into_deserializer();
        self.key = Some(key);
        seed.deserialize(de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let key = self.key.take().unwrap_or_default();
        match self.map.next_value_seed(WrapSeed(seed)) {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(e.within(Segment::Key(key))),
            Err(e) => Err(Error::inner(e).within(Segment::Key(key))),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

struct WrapEnum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for WrapEnum<A> {
    type Error = Error;
    type Variant = WrapVariant<A::Variant>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        match self.0.variant_seed(WrapSeed(seed)) {
            Ok((Ok(v), variant)) => Ok((v, WrapVariant(variant))),
            Ok((Err(e), _)) => Err(e),
            Err(e) => Err(Error::inner(e)),
        }
    }
}

struct WrapVariant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for WrapVariant<A> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        self.0.unit_variant().map_err(Error::inner)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        flatten(self.0.newtype_variant_seed(WrapSeed(seed)))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        flatten(self.0.tuple_variant(len, Wrap(visitor)))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Like a struct: read as a map, so unknown keys are seen.
        flatten(self.0.struct_variant(&[], Wrap(visitor)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Limit {
        #[serde(rename = "type")]
        kind: String,
        max: Option<u64>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Request {
        name: String,
        limits: Vec<Limit>,
        #[serde(default)]
        timeout_ms: Option<u32>,
        scheme: Option<Scheme>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Scheme {
        Header,
        Basic,
    }

    fn read<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        deserialize(&mut de)
    }

    #[test]
    fn accepts_what_the_model_accepts() {
        let r: Request =
            read(r#"{"name":"n","limits":[{"type":"calls","max":3}],"scheme":"basic"}"#).unwrap();
        assert_eq!(r.limits[0].max, Some(3));
        assert_eq!(r.scheme, Some(Scheme::Basic));
    }

    #[test]
    fn unknown_fields_are_refused_at_every_depth_with_their_path() {
        let e = read::<Request>(r#"{"name":"n","limits":[],"timeotMs":1}"#).unwrap_err();
        assert_eq!(e.field("options"), "options.timeotMs");
        assert!(e.problem().starts_with("is not a known field"), "{e}");
        let e = read::<Request>(r#"{"name":"n","limits":[{"type":"c"},{"type":"c","mx":1}]}"#)
            .unwrap_err();
        assert_eq!(e.field("request"), "request.limits[1].mx");
    }

    #[test]
    fn messages_never_quote_the_value() {
        let e = read::<Request>(r#"{"name":"SECRET-1","limits":[{"type":"c","max":"SECRET-2"}]}"#)
            .unwrap_err();
        assert_eq!(e.field("request"), "request.limits[0].max");
        assert_eq!(
            e.problem(),
            "must be a whole number of 0 or more, got a string"
        );
        let e = read::<Request>(r#"{"name":"n","limits":[],"scheme":"SECRET-3"}"#).unwrap_err();
        assert_eq!(e.field("options"), "options.scheme");
        assert_eq!(e.problem(), r#"must be one of "header", "basic""#);
        let e = read::<Request>(r#"{"name":"n","limits":[{"type":"c","max":-5}]}"#).unwrap_err();
        assert!(!e.to_string().contains('5'), "{e}");
        let e = read::<Request>(r#"{"name":5,"limits":[]}"#).unwrap_err();
        assert_eq!(e.to_string(), "`name`: must be a string, got a number");
    }

    #[test]
    fn missing_fields_are_named() {
        let e = read::<Request>(r#"{"limits":[]}"#).unwrap_err();
        assert_eq!(e.field("request"), "request.name");
        assert_eq!(e.problem(), "is required");
        let e = read::<Request>(r#"[1]"#).unwrap_err();
        assert_eq!(e.field("request"), "request");
    }

    #[test]
    fn inner_messages_keep_only_safe_parts() {
        assert_eq!(Error::inner("SECRET").problem(), "is not valid here");
        assert_eq!(
            Error::inner("Error: invalid type: floating point `NaN`, expected u64").problem(),
            "must be a whole number of 0 or more, got a number"
        );
    }
}
