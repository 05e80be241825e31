//! Strict, path-tracking deserialization of caller input, with messages that never quote it.
//!
//! Caller objects reach the models through serde-wasm-bindgen, which reads only the declared
//! keys of a struct (its `deserialize_struct` looks fields up by name): `deny_unknown_fields`
//! never fires, so a misspelt option would be ignored without a word. Its errors also quote the
//! offending value (which may be a secret) and do not say where in a nested object it sat. No
//! library adds those three things, so this module does, in the manner of
//! serde_path_to_error, and as little as it can: [`Strict`] walks the containers of a caller's
//! value itself and hands every other value, with the model's own visitor, to the library's
//! deserializer of that value ([`Source::Leaf`]: serde-wasm-bindgen's in the wasm).
//! - Objects are read entry by entry (all of their keys are visited, so a model with
//!   `deny_unknown_fields` refuses unknown ones), arrays item by item, `null`/`undefined` as
//!   `None`, a string as an enum's unit variant.
//! - Each error bubbles out through the entries and items it passed, which record where it
//!   happened (`capabilities[0].endpoint`).
//! - A value that cannot be read (a getter or a proxy that throws) is refused like any bad
//!   value, without what was thrown; so is nesting deeper than [`MAX_DEPTH`]. An object, an
//!   array or a function where a plain value belongs is refused here, by its kind: the library
//!   would describe it, and describing it runs the caller's code.
//! - Messages are built from their parts (what was expected, what kind of value came), never
//!   from the value; a message of the library's deserializer is rebuilt without its value
//!   (`serde_text`).
//!
//! Only the visitors of containers meet this module's own `MapAccess` and `SeqAccess`; no
//! visitor is wrapped, which keeps the wasm small. The rules are tested natively over
//! `serde_json::Value`; in wasm the JS shell (`crate::js`) reads a `JsValue`.

use std::fmt::{self, Display};

use super::serde_text::{expected_words, rebuild};
use serde::de::{
    self, value::StringDeserializer, DeserializeOwned, DeserializeSeed, Deserializer, Expected,
    IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor,
};
use serde_json::Value;

pub use super::json::MAX_DEPTH;

/// Deserializes `T` from a caller's value strictly (see the module doc).
pub fn deserialize<T: DeserializeOwned, S: Source>(source: S) -> Result<T, Error>
where
    S::Leaf: for<'de> Deserializer<'de>,
{
    T::deserialize(Strict { source, depth: 0 })
}

/// A caller's value, as the strict reader walks it.
pub trait Source: Sized {
    /// The library's deserializer of one value, which reads what the walk does not.
    type Leaf;
    /// What kind of value this is.
    fn shape(&self) -> Shape;
    /// An object's entries in order, keys as strings (called for [`Shape::Object`] only);
    /// `None` when reading them threw.
    fn entries(self) -> Option<Vec<(String, Self)>>;
    /// An array's items (called for [`Shape::Array`] only); `None` when reading them threw.
    fn items(self) -> Option<Vec<Self>>;
    /// A string's text (called for [`Shape::String`] only).
    fn text(self) -> String;
    /// The library's deserializer of this value.
    fn leaf(self) -> Self::Leaf;
}

/// The kinds of value a [`Source`] tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `null` or `undefined`.
    Absent,
    /// A boolean.
    Bool,
    /// A number (or a `BigInt`).
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object (a JS `Map` too).
    Object,
    /// Anything else (a function, a symbol).
    Other,
    /// A value whose kind could not be told: asking threw (a revoked proxy).
    Unreadable,
    /// A string that is not well-formed Unicode (a lone surrogate), which no Rust `String` holds.
    IllFormed,
}

impl Shape {
    /// The kind as serde names it, without a value.
    fn unexpected(self) -> Unexpected<'static> {
        match self {
            Shape::Absent => Unexpected::Unit,
            Shape::Bool => Unexpected::Bool(false),
            Shape::Number => Unexpected::Float(0.0),
            Shape::String => Unexpected::Str(""),
            Shape::Array => Unexpected::Seq,
            Shape::Object => Unexpected::Map,
            Shape::Other | Shape::Unreadable | Shape::IllFormed => Unexpected::Other(""),
        }
    }
}

/// The JSON value as a source: what the native unit tests read.
impl Source for Value {
    type Leaf = Value;

    fn shape(&self) -> Shape {
        match self {
            Value::Null => Shape::Absent,
            Value::Bool(_) => Shape::Bool,
            Value::Number(_) => Shape::Number,
            Value::String(_) => Shape::String,
            Value::Array(_) => Shape::Array,
            Value::Object(_) => Shape::Object,
        }
    }

    fn entries(self) -> Option<Vec<(String, Self)>> {
        match self {
            Value::Object(map) => Some(map.into_iter().collect()),
            _ => None,
        }
    }

    fn items(self) -> Option<Vec<Self>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    fn text(self) -> String {
        match self {
            Value::String(text) => text,
            _ => String::new(),
        }
    }

    fn leaf(self) -> Value {
        self
    }
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
    /// From the innermost step outwards (errors collect steps as they bubble up); at most
    /// [`MAX_STEPS`], the outermost.
    reversed: Vec<Segment>,
    /// Whether steps below those kept were left out.
    deeper: bool,
    problem: String,
}

/// How many steps of a path an error keeps: the outermost, which say where a deep value starts.
const MAX_STEPS: usize = 24;

impl Error {
    fn new(problem: impl Into<String>) -> Self {
        Error {
            reversed: Vec::new(),
            deeper: false,
            problem: problem.into(),
        }
    }

    fn at_field(field: &str, problem: impl Into<String>) -> Self {
        Error {
            reversed: vec![Segment::Key(field.to_string())],
            deeper: false,
            problem: problem.into(),
        }
    }

    fn within(mut self, segment: Segment) -> Self {
        if self.reversed.len() == MAX_STEPS {
            self.reversed.remove(0);
            self.deeper = true;
        }
        self.reversed.push(segment);
        self
    }

    /// Converts an error of the library's deserializer, keeping only what is safe to show.
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
        if self.deeper {
            out.push_str("...");
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

/// The strict deserializer over a caller's value (see the module doc).
pub struct Strict<S> {
    source: S,
    /// How many containers enclose this value.
    depth: usize,
}

/// What is said of a string that is not well-formed Unicode.
pub const ILL_FORMED: &str = "is not well-formed text (it holds a lone surrogate)";

/// What is said of a value whose reading threw (never what was thrown: it may quote the value).
const UNREADABLE: &str = "could not be read (reading it threw an exception)";

impl<S: Source> Strict<S> {
    /// The depth of the values inside this value when it is the container `kind` the visitor
    /// wants; else why not (another kind, a value that could not be read, or nesting beyond
    /// [`MAX_DEPTH`]).
    fn open<'de, V: Visitor<'de>>(&self, kind: Shape, visitor: &V) -> Result<usize, Error> {
        match self.readable()? {
            shape if shape != kind => Err(de::Error::invalid_type(shape.unexpected(), visitor)),
            _ if self.depth >= MAX_DEPTH => Err(Error::new("is nested too deeply")),
            _ => Ok(self.depth + 1),
        }
    }

    /// The library's deserializer of a boolean, a number, a string, `null` or `undefined`; any
    /// other value is refused here. The library would read an object, a function or a proxy
    /// to describe it in its error, and what that runs (a getter, a trap) may throw.
    fn primitive(self, visitor: &dyn Expected) -> Result<S::Leaf, Error> {
        match self.readable()? {
            shape @ (Shape::Array | Shape::Object | Shape::Other) => {
                Err(de::Error::invalid_type(shape.unexpected(), visitor))
            }
            _ => Ok(self.source.leaf()),
        }
    }

    /// The value's kind; a value whose kind could not be told is refused.
    fn readable(&self) -> Result<Shape, Error> {
        match self.source.shape() {
            Shape::Unreadable => Err(Error::new(UNREADABLE)),
            Shape::IllFormed => Err(Error::new(ILL_FORMED)),
            shape => Ok(shape),
        }
    }
}

/// Methods of a primitive target (a boolean, a number, a string, a unit): a value of that kind
/// goes to the library's deserializer; any other is refused here ([`Strict::primitive`]).
macro_rules! to_leaf {
    ($($method:ident ( $($arg:ident : $ty:ty),* );)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Error> {
                self.primitive(&visitor)?.$method($($arg,)* visitor).map_err(Error::inner)
            }
        )*
    };
}

impl<'de, S: Source> Deserializer<'de> for Strict<S>
where
    S::Leaf: Deserializer<'de>,
{
    type Error = Error;

    to_leaf! {
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
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_identifier();
    }

    /// serde-wasm-bindgen's `preserve` (a JS object kept whole: an `AbortSignal`, a `fetch`)
    /// asks for a tuple struct of a name of its own: any readable value goes to it.
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.readable()?;
        (self.source.leaf())
            .deserialize_tuple_struct(name, len, visitor)
            .map_err(Error::inner)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.source.shape() {
            Shape::Array => self.deserialize_seq(visitor),
            Shape::Object => self.deserialize_map(visitor),
            _ => (self.primitive(&visitor)?)
                .deserialize_any(visitor)
                .map_err(Error::inner),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.readable()? {
            Shape::Absent => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let depth = self.open(Shape::Array, &visitor)?;
        let items = self.source.items().ok_or_else(|| Error::new(UNREADABLE))?;
        visitor.visit_seq(Items {
            items: items.into_iter(),
            index: 0,
            depth,
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let depth = self.open(Shape::Object, &visitor)?;
        let entries = self
            .source
            .entries()
            .ok_or_else(|| Error::new(UNREADABLE))?;
        visitor.visit_map(Entries {
            entries: entries.into_iter(),
            value: None,
            depth,
        })
    }

    /// A struct is read as a map: every key is seen, so unknown ones are refused.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// A string is a unit variant, read here so that an unknown one is named with the list of
    /// the known ones and without itself.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.source.shape() {
            Shape::String => {
                let text: StringDeserializer<Error> = self.source.text().into_deserializer();
                visitor.visit_enum(text)
            }
            _ => (self.primitive(&visitor)?)
                .deserialize_enum(name, variants, visitor)
                .map_err(Error::inner),
        }
    }

    fn is_human_readable(&self) -> bool {
        true
    }
}

/// An object's entries, each value read strictly; an error says under which key it happened.
struct Entries<S> {
    entries: std::vec::IntoIter<(String, S)>,
    value: Option<(String, S)>,
    /// The depth of its values.
    depth: usize,
}

impl<'de, S: Source> MapAccess<'de> for Entries<S>
where
    S::Leaf: Deserializer<'de>,
{
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let read = seed.deserialize(key.as_str().into_deserializer());
        self.value = Some((key, value));
        read.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(Error::new("is not valid here"));
        };
        let value = Strict {
            source: value,
            depth: self.depth,
        };
        seed.deserialize(value)
            .map_err(|e| e.within(Segment::Key(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An array's items, each read strictly; an error says at which index it happened.
struct Items<S> {
    items: std::vec::IntoIter<S>,
    index: usize,
    /// The depth of its items.
    depth: usize,
}

impl<'de, S: Source> SeqAccess<'de> for Items<S>
where
    S::Leaf: Deserializer<'de>,
{
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        let item = Strict {
            source: item,
            depth: self.depth,
        };
        (seed.deserialize(item).map(Some)).map_err(|e| e.within(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
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
        deserialize(serde_json::from_str::<Value>(json).unwrap())
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
    fn a_container_of_another_kind_is_named_by_its_kind_only() {
        let e = read::<Request>(r#"{"name":"n","limits":{"type":"SECRET"}}"#).unwrap_err();
        assert_eq!(e.to_string(), "`limits`: must be an array, got an object");
        let e = read::<Request>(r#"{"name":"n","limits":["SECRET"]}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`limits[0]`: must be an object, got a string"
        );
        let e = read::<Request>(r#"{"name":"n","limits":null}"#).unwrap_err();
        assert_eq!(e.problem(), "must be an array, got null or undefined");
    }

    /// The library's deserializer never sees a container where a plain value belongs: it would
    /// describe the value, and what describing runs in JS (a getter, a proxy's trap) may throw.
    #[test]
    fn a_container_where_a_plain_value_belongs_is_refused_by_its_kind() {
        let e = read::<Request>(r#"{"name":{"SECRET":1},"limits":[]}"#).unwrap_err();
        assert_eq!(e.to_string(), "`name`: must be a string, got an object");
        let e = read::<Request>(r#"{"name":"n","limits":[],"timeoutMs":["SECRET"]}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`timeoutMs`: must be a whole number of 0 or more, got an array"
        );
        let e = read::<Request>(r#"{"name":"n","limits":[],"scheme":{"basic":null}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`scheme`: must be one of the documented values, got an object"
        );
    }

    #[test]
    fn nesting_beyond_the_bound_is_refused_where_it_starts() {
        let mut deep = serde_json::json!("end");
        for _ in 0..(MAX_DEPTH + 10) {
            deep = serde_json::json!({ "list": [deep] });
        }
        let e = deserialize::<Value, _>(serde_json::json!({ "deep": deep })).unwrap_err();
        assert_eq!(e.problem(), "is nested too deeply");
        assert!(e.path().starts_with("deep.list[0].list[0]"), "{e}");
        assert!(e.path().ends_with("..."), "{e}");
        assert!(e.path().len() < 200, "{e}");
        let shallow = serde_json::json!({ "deep": [[[["end"]]]] });
        assert_eq!(deserialize::<Value, _>(shallow.clone()).unwrap(), shallow);
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
