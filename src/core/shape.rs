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
    /// An integer (exact up to 2^53); a fraction or exponent is not captured.
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
    let mut scan = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        report: Report::default(),
    };
    scan.skip_ws();
    if scan.value(shape, None, true)? == Top::Null && !matches!(shape, Shape::Any) {
        return Err(wrong("null", shape, None));
    }
    scan.skip_ws();
    if scan.pos != scan.bytes.len() {
        return Err(Mismatch::Syntax);
    }
    Ok(scan.report)
}

/// How deep arrays and objects may nest (as serde_json allows).
const MAX_DEPTH: u32 = 128;

/// A cursor over the body's bytes. Hand-written rather than a serde visitor: a loop per token kind,
/// no per-token trait calls and no float parser linked; with the crate built for size
/// (`opt-level = "z"`), it measured somewhat faster than the visitor and keeps the wasm smaller.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
    report: Report,
}

/// How a shape reads in error messages.
fn shape_name(shape: &Shape) -> &'static str {
    match shape {
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

/// A type mismatch: what was found, what the shape wants, and in which field.
fn wrong(found: &str, shape: &Shape, field: Option<&str>) -> Mismatch {
    let mut m = format!("invalid type: {found}, expected {}", shape_name(shape));
    if let Some(name) = field {
        m.push_str(" for `");
        m.push_str(name);
        m.push('`');
    }
    Mismatch::Shape(m)
}

impl Scanner<'_> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Mismatch> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Mismatch::Syntax)
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Mismatch> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Mismatch::Syntax)
        }
    }

    /// One value at the cursor (whitespace already skipped). `top`: the value is the body or one of
    /// its fields, so strings and numbers are captured for the report.
    fn value(
        &mut self,
        shape: &Shape,
        field: Option<&'static str>,
        top: bool,
    ) -> Result<Top, Mismatch> {
        let found = match self.peek() {
            // Only the body's own fields are captured, not those of a nested object.
            Some(b'{') => {
                return self
                    .object(shape, field, top && field.is_none())
                    .map(|_| Top::Other)
            }
            Some(b'[') => return self.array(shape, field).map(Top::Len),
            Some(b'"') => {
                let (start, end, escaped) = self.string()?;
                if matches!(shape, Shape::Any | Shape::Str) {
                    return Ok(match (top, escaped) {
                        (false, _) => Top::Other,
                        (true, false) => Top::Str(self.text(start, end)),
                        (true, true) => Top::Str(unescape(&self.bytes[start..end])?),
                    });
                }
                "a string"
            }
            Some(b't') | Some(b'f') => {
                let v = self.peek() == Some(b't');
                self.literal(if v { b"true" } else { b"false" })?;
                if matches!(shape, Shape::Any | Shape::Bool) {
                    return Ok(Top::Bool(v));
                }
                "a boolean"
            }
            Some(b'n') => {
                self.literal(b"null")?;
                return Ok(Top::Null);
            }
            Some(b'-' | b'0'..=b'9') => return self.number(shape, field, top),
            _ => return Err(Mismatch::Syntax),
        };
        Err(wrong(found, shape, field))
    }

    fn text(&self, start: usize, end: usize) -> String {
        String::from_utf8_lossy(&self.bytes[start..end]).into_owned()
    }

    /// A string at the cursor: the byte range of its contents, and whether it has escapes.
    fn string(&mut self) -> Result<(usize, usize, bool), Mismatch> {
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        loop {
            let rest = &self.bytes[self.pos..];
            let Some(i) = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            else {
                return Err(Mismatch::Syntax);
            };
            self.pos += i;
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return Ok((start, self.pos - 1, escaped));
                }
                b'\\' => {
                    escaped = true;
                    match self.bytes.get(self.pos + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 2
                        }
                        Some(b'u') => {
                            let hex = self.bytes.get(self.pos + 2..self.pos + 6);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                return Err(Mismatch::Syntax);
                            }
                            self.pos += 6;
                        }
                        _ => return Err(Mismatch::Syntax),
                    }
                }
                _ => return Err(Mismatch::Syntax),
            }
        }
    }

    fn number(
        &mut self,
        shape: &Shape,
        field: Option<&'static str>,
        top: bool,
    ) -> Result<Top, Mismatch> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Mismatch::Syntax),
        }
        let int_end = self.pos;
        let mut integral = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integral = false;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(Mismatch::Syntax);
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            integral = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(Mismatch::Syntax);
            }
            self.digits();
        }
        let negative = int_start > start;
        // The integer's magnitude; at most 19 digits fit (u64 holds them, i64 needs a check).
        let magnitude = || {
            let digits = &self.bytes[int_start..int_end];
            (digits.len() <= 19).then(|| {
                digits
                    .iter()
                    .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'))
            })
        };
        match *shape {
            // Captured numbers are counts, so integers; no float parser is linked for this.
            Shape::Any | Shape::Num => Ok(match magnitude() {
                Some(m) if top && integral => {
                    Top::Num(if negative { -(m as f64) } else { m as f64 })
                }
                _ => Top::Other,
            }),
            Shape::Int { unsigned, big } => {
                if !integral {
                    return Err(wrong("a floating point number", shape, field));
                }
                let value = magnitude().and_then(|m| match negative {
                    false => i64::try_from(m).ok(),
                    true if m == 0 => Some(0),
                    true if unsigned => None,
                    true => 0i64.checked_sub_unsigned(m),
                });
                let Some(v) = value else {
                    return Err(Mismatch::Shape(format!(
                        "invalid value: the number is out of range, expected {}{}",
                        shape_name(shape),
                        field.map(|f| format!(" for `{f}`")).unwrap_or_default()
                    )));
                };
                if big && !(-(MAX_SAFE as i64)..=MAX_SAFE as i64).contains(&v) {
                    self.report.needs_normalize = true;
                }
                Ok(if top { Top::Num(v as f64) } else { Top::Other })
            }
            _ => Err(wrong("a number", shape, field)),
        }
    }

    #[inline(always)]
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn enter(&mut self) -> Result<(), Mismatch> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Mismatch::Syntax);
        }
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self, shape: &Shape, field: Option<&'static str>) -> Result<usize, Mismatch> {
        let item: &Shape = match shape {
            Shape::Array(item) => item,
            Shape::Any => &Shape::Any,
            _ => return Err(wrong("an array", shape, field)),
        };
        self.enter()?;
        let mut len = 0;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.value(item, field, false)? == Top::Null && !matches!(item, Shape::Any) {
                    return Err(wrong("null", item, field));
                }
                len += 1;
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(Mismatch::Syntax),
                }
            }
        }
        self.depth -= 1;
        Ok(len)
    }

    fn object(
        &mut self,
        shape: &Shape,
        field: Option<&'static str>,
        top: bool,
    ) -> Result<(), Mismatch> {
        let fields: &'static [Field] = match shape {
            Shape::Object(fields) => fields,
            Shape::Any => &[],
            _ => return Err(wrong("an object", shape, field)),
        };
        self.enter()?;
        // Which known fields were seen, a bit each (shapes have far fewer than 128 fields; a
        // field beyond that would only lose its duplicate and presence checks).
        let bit = |i: usize| 1u128.checked_shl(i as u32).unwrap_or(0);
        let mut seen: u128 = 0;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    return Err(Mismatch::Syntax);
                }
                let (start, end, escaped) = self.string()?;
                let index = if escaped {
                    let key = unescape(&self.bytes[start..end])?;
                    fields.iter().position(|f| f.name == key)
                } else {
                    let key = &self.bytes[start..end];
                    fields.iter().position(|f| f.name.as_bytes() == key)
                };
                self.expect(b':')?;
                self.skip_ws();
                match index {
                    None => {
                        self.value(&Shape::Any, None, false)?;
                    }
                    Some(i) => {
                        let known = &fields[i];
                        if seen & bit(i) != 0 {
                            return Err(Mismatch::Shape(format!(
                                "duplicate field `{}`",
                                known.name
                            )));
                        }
                        seen |= bit(i);
                        let value = self.value(&known.shape, Some(known.name), top)?;
                        match value {
                            Top::Null if known.presence == Presence::Required => {
                                return Err(wrong("null", &known.shape, Some(known.name)));
                            }
                            Top::Null => self.report.needs_normalize = true,
                            _ => {}
                        }
                        if top {
                            self.report.top.push((known.name, value));
                        }
                    }
                }
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(Mismatch::Syntax),
                }
            }
        }
        self.depth -= 1;
        for (i, known) in fields.iter().enumerate() {
            if seen & bit(i) == 0 && bit(i) != 0 {
                match known.presence {
                    Presence::Required => {
                        return Err(Mismatch::Shape(format!("missing field `{}`", known.name)))
                    }
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

/// The text of a string with escapes (a key or a captured value); lone surrogates become U+FFFD.
fn unescape(raw: &[u8]) -> Result<String, Mismatch> {
    let quoted = [b"\"".as_slice(), raw, b"\""].concat();
    match serde_json::from_slice::<String>(&quoted) {
        Ok(s) => Ok(s),
        // A lone surrogate: JSON.parse accepts it, serde_json does not; match on a lossy form.
        Err(_) => Ok(String::from_utf8_lossy(raw).into_owned()),
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
    fn json_syntax_is_checked_as_json_parse_does() {
        for bad in [
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "-",
            "1.",
            "1e",
            ".5",
            "+1",
            "tru",
            "nul",
            "\"a",
            "\"\\x\"",
            "\"\\u12\"",
            "\"a\tb\"",
            "{\"a\" 1}",
            "{a:1}",
            "[1 2]",
            "1 2",
            "NaN",
            "Infinity",
            "'a'",
        ] {
            assert_eq!(check(bad, &Shape::Any), Err(Mismatch::Syntax), "{bad}");
        }
        for good in [
            "0",
            "-0",
            "1.5e-3",
            "1E+2",
            "\"\\u00e9\\n\\/\"",
            " [ ] ",
            "{ }",
            "null",
            "true",
            "\"é😀\"",
            "[[[]]]",
            "\"\\ud800\"",
        ] {
            assert!(check(good, &Shape::Any).is_ok(), "{good}");
        }
        let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
        assert_eq!(check(&deep, &Shape::Any), Err(Mismatch::Syntax));
        let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(check(&ok, &Shape::Any).is_ok());
    }

    #[test]
    fn int64_bounds() {
        const I: Shape = Shape::Object(&[Field::optional("n", INT64)]);
        const U: Shape = Shape::Object(&[Field::optional(
            "n",
            Shape::Int {
                unsigned: true,
                big: true,
            },
        )]);
        let n = |shape: &Shape, v: &str| check(&format!("{{\"n\":{v}}}"), shape);
        assert_eq!(
            n(&I, "9223372036854775807").unwrap().num("n"),
            Some(9.223372036854776e18)
        );
        assert!(n(&I, "-9223372036854775808").is_ok());
        assert!(n(&I, "9223372036854775808").is_err());
        assert!(n(&I, "-9223372036854775809").is_err());
        assert!(n(&I, "100000000000000000000").is_err());
        assert!(n(&I, "1e3").is_err());
        assert!(n(&I, "-0").is_ok());
        assert!(n(&U, "-1").is_err());
        assert!(n(&U, "0").is_ok());
    }

    #[test]
    fn only_the_bodys_own_fields_are_captured() {
        const INNER: Shape = Shape::Object(&[Field::optional("n", Shape::Num)]);
        const OUTER: Shape = Shape::Object(&[
            Field::optional("inner", INNER),
            Field::optional("n", Shape::Num),
        ]);
        let r = check(r#"{"inner":{"n":1}}"#, &OUTER).unwrap();
        assert_eq!(r.num("n"), None);
        assert_eq!(r.get("inner"), Some(&Top::Other));
        assert_eq!(
            check(r#"{"inner":{},"n":2}"#, &OUTER).unwrap().num("n"),
            Some(2.0)
        );
    }

    #[test]
    fn escaped_top_level_strings_are_unescaped() {
        let r = check(r#"{"action":"O\u004b"}"#, &PAGE).unwrap();
        assert_eq!(r.str("action"), Some("OK"));
    }

    #[test]
    fn float_text_is_kept_exactly() {
        let text = r#"{"total":0.1,"items":[{"id":"a","ratio":1e-7}]}"#;
        assert!(!check(text, &PAGE).unwrap().needs_normalize);
    }
}
