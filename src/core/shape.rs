//! Response shapes: what a success body must look like, checked in one pass over the text without
//! building it.
//!
//! A [`Shape`] is static data (one table per response model), so one generic checker serves every
//! operation instead of a generated deserializer per model. [`check`] walks the body text once and
//! reports whether it can reach JS exactly as the server sent it (the common case: JS then calls its
//! native `JSON.parse` on the same text) or needs [`normalize`] first: a `null` in an optional field
//! (dropped, as the TypeScript types say the field is absent), a missing list that defaults to `[]`,
//! or an int64 beyond ±(2^53 - 1) (marked, so JS turns it into a `BigInt`; see
//! [`crate::core::int64`]). It also captures the top-level scalars and list lengths the client
//! itself needs (`totalCount`, `action`, `count`, ...).
//!
//! Rules, as the response models had them: a required field must be present and not `null`;
//! unknown fields are accepted and passed through; enum-like fields are plain strings, so an
//! unknown value is not an error.

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Value};

use super::int64::{MARKER, MAX_SAFE};

/// What a JSON value must be.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// Anything.
    Any,
    /// A string.
    Str,
    /// `true` or `false`.
    Bool,
    /// Any number.
    Num,
    /// An integer that fits `i64` (`unsigned`: and is not negative). With `big`, a value beyond
    /// ±(2^53 - 1) reaches JS as a `BigInt`; without, as a (rounded) number.
    Int {
        /// Whether negative values are refused.
        unsigned: bool,
        /// Whether values beyond the safe range become `BigInt`s.
        big: bool,
    },
    /// An array whose items all have the shape.
    Array(&'static Shape),
    /// An object with these known fields; other fields pass through.
    Object(&'static [Field]),
}

/// Shorthand for an int64 that keeps its precision in JS.
pub const INT64: Shape = Shape::Int {
    unsigned: false,
    big: true,
};

/// Whether a field must be there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Present and not `null`.
    Required,
    /// May be absent or `null` (a `null` is dropped on the way to JS).
    Optional,
    /// A list that is `[]` when absent or `null`.
    DefaultEmpty,
    /// A number that is `0` when absent or `null`.
    DefaultZero,
}

/// One known field of an object shape.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// Its shape.
    pub shape: Shape,
    /// Whether it must be there.
    pub presence: Presence,
}

impl Field {
    /// A required field.
    pub const fn required(name: &'static str, shape: Shape) -> Field {
        Field {
            name,
            shape,
            presence: Presence::Required,
        }
    }

    /// An optional field.
    pub const fn optional(name: &'static str, shape: Shape) -> Field {
        Field {
            name,
            shape,
            presence: Presence::Optional,
        }
    }

    /// A list that defaults to `[]`.
    pub const fn default_empty(name: &'static str, shape: Shape) -> Field {
        Field {
            name,
            shape,
            presence: Presence::DefaultEmpty,
        }
    }

    /// A number that defaults to `0`.
    pub const fn default_zero(name: &'static str, shape: Shape) -> Field {
        Field {
            name,
            shape,
            presence: Presence::DefaultZero,
        }
    }
}

/// A top-level value the client reads for itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Top {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (integers up to 2^53 exactly).
    Num(f64),
    /// A string.
    Str(String),
    /// An array of this length.
    Len(usize),
    /// An object, or a value below the top level (not captured).
    Other,
}

/// What [`check`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Whether the text must go through [`normalize`] before JS parses it.
    pub needs_normalize: bool,
    /// The known fields of a top-level object, in body order.
    pub top: Vec<(&'static str, Top)>,
}

impl Report {
    /// The captured top-level field `name`.
    pub fn get(&self, name: &str) -> Option<&Top> {
        self.top.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The top-level string field `name`.
    pub fn str(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Top::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// The top-level number field `name`.
    pub fn num(&self, name: &str) -> Option<f64> {
        match self.get(name) {
            Some(Top::Num(n)) => Some(*n),
            _ => None,
        }
    }

    /// The length of the top-level array field `name` (0 when absent or `null`).
    pub fn len(&self, name: &str) -> usize {
        match self.get(name) {
            Some(Top::Len(n)) => *n,
            _ => 0,
        }
    }
}

/// Why a body does not match: serde's words, without the line/column position.
#[derive(Clone, Debug, PartialEq)]
pub enum Mismatch {
    /// The text is empty.
    Empty,
    /// The text is not JSON.
    Syntax,
    /// JSON, but not of the shape; the reason names the field.
    Shape(String),
}

/// Checks `text` against `shape` in one pass (see the module doc).
pub fn check(text: &str, shape: &Shape) -> Result<Report, Mismatch> {
    if text.trim().is_empty() {
        return Err(Mismatch::Empty);
    }
    let mut report = Report::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Check {
        shape,
        field: None,
        report: &mut report,
        top: true,
    }
    .deserialize(&mut de)
    .and_then(|_| de.end());
    match result {
        Ok(()) => Ok(report),
        Err(e) if e.is_syntax() || e.is_eof() => Err(Mismatch::Syntax),
        Err(e) => {
            let text = e.to_string();
            let text = text.split(" at line ").next().unwrap_or("");
            Err(Mismatch::Shape(text.to_string()))
        }
    }
}

/// One value being checked: its shape, the field it sits in (for messages), the report.
struct Check<'r> {
    shape: &'r Shape,
    field: Option<&'static str>,
    report: &'r mut Report,
    top: bool,
}

impl Check<'_> {
    fn expected(&self) -> &'static str {
        match self.shape {
            Shape::Any => "any value",
            Shape::Str => "a string",
            Shape::Bool => "a boolean",
            Shape::Num => "a number",
            Shape::Int { unsigned: true, .. } => "a non-negative integer (u64)",
            Shape::Int { .. } => "an integer (i64)",
            Shape::Array(_) => "an array",
            Shape::Object(_) => "an object",
        }
    }

    fn wrong<E: de::Error>(&self, unexpected: de::Unexpected<'_>) -> E {
        E::invalid_type(unexpected, self)
    }

    fn int<E: de::Error>(self, v: i128, unexpected: de::Unexpected<'_>) -> Result<(), E> {
        match *self.shape {
            Shape::Any | Shape::Num => Ok(()),
            Shape::Int { unsigned, big } => {
                if (unsigned && v < 0) || v > i64::MAX as i128 {
                    return Err(E::invalid_value(unexpected, &self));
                }
                if big && !(-MAX_SAFE..=MAX_SAFE).contains(&v) {
                    self.report.needs_normalize = true;
                }
                Ok(())
            }
            _ => Err(self.wrong(unexpected)),
        }
    }
}

impl fmt::Display for Check<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected())?;
        if let Some(name) = self.field {
            write!(f, " for `{name}`")?;
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Check<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if matches!(self.shape, Shape::Any) && !self.top {
            IgnoredAny::deserialize(d).map(|_| ())
        } else {
            d.deserialize_any(self)
        }
    }
}

impl<'de> Visitor<'de> for Check<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        match self.shape {
            Shape::Any | Shape::Bool => Ok(()),
            _ => Err(self.wrong(de::Unexpected::Other("a boolean"))),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.int(v.into(), de::Unexpected::Signed(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.int(v.into(), de::Unexpected::Unsigned(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        match self.shape {
            Shape::Any | Shape::Num => Ok(()),
            _ => Err(self.wrong(de::Unexpected::Float(v))),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        match self.shape {
            Shape::Any | Shape::Str => Ok(()),
            _ => Err(self.wrong(de::Unexpected::Str(v))),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        match self.shape {
            Shape::Any => Ok(()),
            _ => Err(self.wrong(de::Unexpected::Other("null"))),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let item: &Shape = match self.shape {
            Shape::Array(item) => item,
            Shape::Any => &Shape::Any,
            _ => return Err(self.wrong(de::Unexpected::Seq)),
        };
        while seq
            .next_element_seed(Check {
                shape: item,
                field: self.field,
                report: self.report,
                top: false,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fields = match self.shape {
            Shape::Object(fields) => *fields,
            Shape::Any => &[],
            _ => return Err(self.wrong(de::Unexpected::Map)),
        };
        // Which known fields were seen, a bit each (shapes have far fewer than 128 fields; a
        // field beyond that would only lose its duplicate and presence checks).
        let bit = |i: usize| 1u128.checked_shl(i as u32).unwrap_or(0);
        let mut seen: u128 = 0;
        while let Some(index) = map.next_key_seed(KeySeed(fields))? {
            let Some(i) = index else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let field = &fields[i];
            if seen & bit(i) != 0 {
                return Err(de::Error::duplicate_field(field.name));
            }
            seen |= bit(i);
            let value = map.next_value_seed(FieldSeed {
                field,
                report: self.report,
                top: self.top,
            })?;
            match value {
                Top::Null if field.presence == Presence::Required => {
                    return Err(de::Error::invalid_type(
                        de::Unexpected::Other("null"),
                        &Check {
                            shape: &field.shape,
                            field: Some(field.name),
                            report: &mut Report::default(),
                            top: false,
                        },
                    ));
                }
                Top::Null => self.report.needs_normalize = true,
                _ => {}
            }
            if self.top {
                self.report.top.push((field.name, value));
            }
        }
        for (i, field) in fields.iter().enumerate() {
            if seen & bit(i) == 0 && bit(i) != 0 {
                match field.presence {
                    Presence::Required => return Err(de::Error::missing_field(field.name)),
                    Presence::DefaultEmpty | Presence::DefaultZero => {
                        self.report.needs_normalize = true
                    }
                    Presence::Optional => {}
                }
            }
        }
        Ok(())
    }
}

/// Finds an object key among the known fields, without allocating.
struct KeySeed(&'static [Field]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|f| f.name == v))
    }
}

/// A known field's value: null-aware, and captured when it sits at the top level.
struct FieldSeed<'r> {
    field: &'static Field,
    report: &'r mut Report,
    top: bool,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Top;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
        d.deserialize_any(self)
    }
}

impl FieldSeed<'_> {
    fn check(&mut self) -> Check<'_> {
        Check {
            shape: &self.field.shape,
            field: Some(self.field.name),
            report: self.report,
            top: false,
        }
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a value for `{}`", self.field.name)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Top, E> {
        Ok(Top::Null)
    }

    fn visit_bool<E: de::Error>(mut self, v: bool) -> Result<Top, E> {
        self.check().visit_bool(v).map(|_| Top::Bool(v))
    }

    fn visit_i64<E: de::Error>(mut self, v: i64) -> Result<Top, E> {
        self.check().visit_i64(v).map(|_| Top::Num(v as f64))
    }

    fn visit_u64<E: de::Error>(mut self, v: u64) -> Result<Top, E> {
        self.check().visit_u64(v).map(|_| Top::Num(v as f64))
    }

    fn visit_f64<E: de::Error>(mut self, v: f64) -> Result<Top, E> {
        self.check().visit_f64(v).map(|_| Top::Num(v))
    }

    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<Top, E> {
        self.check().visit_str(v)?;
        Ok(if self.top {
            Top::Str(v.to_string())
        } else {
            Top::Other
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Top, A::Error> {
        let item: &Shape = match &self.field.shape {
            Shape::Array(item) => item,
            Shape::Any => &Shape::Any,
            _ => return Err(self.check().wrong(de::Unexpected::Seq)),
        };
        let mut len = 0;
        while seq
            .next_element_seed(Check {
                shape: item,
                field: Some(self.field.name),
                report: self.report,
                top: false,
            })?
            .is_some()
        {
            len += 1;
        }
        Ok(Top::Len(len))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<Top, A::Error> {
        self.check().visit_map(map).map(|_| Top::Other)
    }
}

/// The body as JS must see it: optional `null`s dropped, defaulted lists filled in, big int64
/// values marked. Only called when [`check`] said so; `text` has passed [`check`].
pub fn normalize(text: &str, shape: &Shape) -> Result<String, Mismatch> {
    let mut value: Value = serde_json::from_str(text).map_err(|_| Mismatch::Syntax)?;
    normalize_value(&mut value, shape);
    serde_json::to_string(&value).map_err(|e| Mismatch::Shape(e.to_string()))
}

fn normalize_value(value: &mut Value, shape: &Shape) {
    match (shape, value) {
        (Shape::Int { big: true, .. }, v @ Value::Number(_)) => {
            let exact = v.as_i64().map(i128::from).or(v.as_u64().map(i128::from));
            if let Some(n) = exact.filter(|n| !(-MAX_SAFE..=MAX_SAFE).contains(n)) {
                *v = Value::String(format!("{MARKER}{n}"));
            }
        }
        (Shape::Array(item), Value::Array(items)) => {
            for v in items {
                normalize_value(v, item);
            }
        }
        (Shape::Object(fields), Value::Object(map)) => normalize_object(map, fields),
        _ => {}
    }
}

fn normalize_object(map: &mut Map<String, Value>, fields: &[Field]) {
    for field in fields {
        match map.get_mut(field.name) {
            Some(Value::Null) | None if field.presence == Presence::DefaultEmpty => {
                map.insert(field.name.to_string(), Value::Array(Vec::new()));
            }
            Some(Value::Null) | None if field.presence == Presence::DefaultZero => {
                map.insert(field.name.to_string(), Value::from(0));
            }
            Some(Value::Null) => {
                map.remove(field.name);
            }
            Some(v) => normalize_value(v, &field.shape),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Shape = Shape::Object(&[
        Field::required("type", Shape::Str),
        Field::optional(
            "used",
            Shape::Int {
                unsigned: true,
                big: false,
            },
        ),
    ]);
    const ITEM: Shape = Shape::Object(&[
        Field::required("id", Shape::Str),
        Field::optional("at", INT64),
        Field::optional("limits", Shape::Array(&LIMIT)),
        Field::optional("ratio", Shape::Num),
        Field::optional("on", Shape::Bool),
    ]);
    const PAGE: Shape = Shape::Object(&[
        Field::default_zero("total", Shape::Num),
        Field::optional("action", Shape::Str),
        Field::default_empty("items", Shape::Array(&ITEM)),
    ]);

    fn mismatch(text: &str) -> String {
        match check(text, &PAGE) {
            Err(Mismatch::Shape(m)) => m,
            other => panic!("expected a shape mismatch for {text}, got {other:?}"),
        }
    }

    #[test]
    fn a_plain_body_needs_nothing_and_captures_the_top_level() {
        let r = check(
            r#"{"total":2,"action":"OK","items":[{"id":"a","at":5,"x":{"y":[1,null]}},{"id":"b","limits":[{"type":"calls","used":3}]}],"new":1}"#,
            &PAGE,
        )
        .unwrap();
        assert!(!r.needs_normalize);
        assert_eq!(r.num("total"), Some(2.0));
        assert_eq!(r.str("action"), Some("OK"));
        assert_eq!(r.len("items"), 2);
        assert_eq!(r.get("new"), None);
    }

    #[test]
    fn missing_and_mistyped_fields_are_named() {
        assert_eq!(mismatch(r#"{"items":[{"at":1}]}"#), "missing field `id`");
        let m = mismatch(r#"{"items":[{"id":5}]}"#);
        assert!(m.contains("expected a string for `id`"), "{m}");
        let m = mismatch(r#"{"items":[{"id":null}]}"#);
        assert!(m.contains("null") && m.contains("`id`"), "{m}");
        let m = mismatch(r#"{"items":[{"id":"a","limits":[{"type":"t","used":-1}]}]}"#);
        assert!(m.contains("`used`"), "{m}");
        let m = mismatch(r#"{"items":[{"id":"a","at":1.5}]}"#);
        assert!(m.contains("`at`"), "{m}");
        let m = mismatch(r#"{"items":[{"id":"a","at":9223372036854775808}]}"#);
        assert!(m.contains("`at`"), "{m}");
        let m = mismatch(r#"{"items":{"id":"a"}}"#);
        assert!(m.contains("an array for `items`"), "{m}");
        assert!(mismatch(r#"{"items":[{"id":"a","id":"b"}]}"#).contains("duplicate field `id`"));
        assert!(mismatch("[1]").contains("an object"));
        let m = mismatch(r#"{"items":[{"id":"a","on":"yes"}]}"#);
        assert!(m.contains("a boolean for `on`"), "{m}");
    }

    #[test]
    fn empty_and_broken_text() {
        assert_eq!(check("  ", &PAGE), Err(Mismatch::Empty));
        assert_eq!(check("{\"items\":", &PAGE), Err(Mismatch::Syntax));
        assert_eq!(check("{} x", &PAGE), Err(Mismatch::Syntax));
    }

    #[test]
    fn unknown_fields_and_any_shapes_pass() {
        let any = check(r#"{"a":[1,{"b":null}],"c":"é\"\u0041"}"#, &Shape::Any).unwrap();
        assert!(!any.needs_normalize);
        // An escaped key still matches its field.
        let r = check(r#"{"total":1,"\u0069tems":[]}"#, &PAGE).unwrap();
        assert_eq!(r.len("items"), 0);
        assert!(!r.needs_normalize);
    }

    #[test]
    fn nulls_defaults_and_big_ints_are_normalized() {
        for text in [
            r#"{"items":[{"id":"a","ratio":null}]}"#,
            r#"{"total":1}"#,
            r#"{"items":[]}"#,
            r#"{"items":null,"total":1}"#,
            r#"{"items":[{"id":"a","at":9007199254740992}]}"#,
            r#"{"items":[{"id":"a","at":-9007199254740992}]}"#,
        ] {
            assert!(check(text, &PAGE).unwrap().needs_normalize, "{text}");
        }
        // Safe values, and big values of a field that is not `big`, need nothing.
        for text in [
            r#"{"total":1,"items":[{"id":"a","at":9007199254740991}]}"#,
            r#"{"total":1,"items":[{"id":"a","at":-9007199254740991}]}"#,
            r#"{"total":1,"items":[{"id":"a","limits":[{"type":"t","used":18446744073709551}]}]}"#,
        ] {
            assert!(!check(text, &PAGE).unwrap().needs_normalize, "{text}");
        }
        assert_eq!(
            normalize(
                r#"{"total":3,"items":[{"id":"a","at":9007199254740993,"ratio":null,"x":null}]}"#,
                &PAGE
            )
            .unwrap(),
            r#"{"items":[{"at":"\u0000bigint:9007199254740993","id":"a","x":null}],"total":3}"#
        );
        assert_eq!(
            normalize(r#"{"total":1}"#, &PAGE).unwrap(),
            r#"{"items":[],"total":1}"#
        );
    }

    #[test]
    fn float_text_is_kept_exactly() {
        let text = r#"{"total":0.1,"items":[{"id":"a","ratio":1e-7}]}"#;
        assert!(!check(text, &PAGE).unwrap().needs_normalize);
    }
}
