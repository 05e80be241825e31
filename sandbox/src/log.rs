//! The request log and counters of one world, for tests to assert on (`GET /_sandbox/requests`,
//! `GET /_sandbox/stats`). Credentials and tokens never enter it: credential headers are
//! replaced, and so is any header value with the Basic or Bearer scheme, holding a configured
//! credential or a value the log hid, or naming a token the world holds in a header whose name
//! says it may carry a credential (`CREDENTIAL_HEADER_WORDS`); the secret fields (`SECRET_FIELDS`) of bodies
//! and query strings, in a form or a query by name and in a JSON body at any depth; a body that
//! cannot be read and names a secret field (or holds a credential behind JSON escapes), whole;
//! any of the sandbox's configured credentials in a body, a query or a path segment, found in
//! decoded form (form and query parts percent-decoded, JSON strings, keys included, as parsed);
//! and a path segment that is a token (a HOPR token's id is the token, an Authlete delete may
//! name the token itself), told by the provider or met before in a secret field.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet, VecDeque};

use serde_json::Value;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::message::{parse_pairs, percent_decode_bytes, Request};
use crate::util::auth_param;

/// How many requests the log keeps.
pub const LOG_SIZE: usize = 1000;

/// How many bytes of a body an entry keeps (the longest UTF-8 prefix that fits; the rest is
/// counted, not kept): 1000 entries of a 1 MiB body each would hold a gigabyte.
pub const MAX_LOGGED_BODY: usize = 64 * 1024;

/// What a secret is replaced with.
pub const REDACTED: &str = "<redacted>";

/// Headers whose values are credentials.
/// Words in a header's name that say it may carry a credential (`x-api-key`,
/// `x-session-token`): only such a header is searched for the world's tokens, a search that walks
/// every token the world holds (thousands when seeded) for each word of the value.
const CREDENTIAL_HEADER_WORDS: &[&str] = &[
    "auth",
    "token",
    "key",
    "secret",
    "session",
    "credential",
    "password",
    "signature",
];

const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "x-auth-token",
    "cookie",
    "proxy-authorization",
];

/// Body fields (form names, JSON keys) whose values are credentials or tokens.
const SECRET_FIELDS: &[&str] = &[
    "client_secret",
    "password",
    "refresh_token",
    "client_assertion",
    "access_token",
    "accessToken",
    "refreshToken",
    "accessTokenIdentifier",
    "refreshTokenIdentifier",
    // Knetik's `facebook` and `google` grants: the other service's token.
    "token",
];

/// How many token values a log remembers having hidden (a bound on its memory).
const MAX_HIDDEN: usize = 10_000;

/// One logged request (credentials redacted).
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct LoggedRequest {
    /// Method.
    pub method: String,
    /// Path as received (not decoded), without the query, a segment that is a token replaced by
    /// `<redacted>`; within a session, the path after the session's prefix.
    pub path: String,
    /// Query string (without `?`) as received, credentials and the values of secret fields
    /// replaced by `<redacted>` (a part that held one only once decoded is written decoded, then
    /// encoded anew).
    pub query: String,
    /// Headers (lower-case names; a repeated one's values joined by `, `), credential values
    /// replaced by `<redacted>`.
    #[cfg_attr(
        all(feature = "js", target_arch = "wasm32"),
        tsify(type = "Record<string, string>")
    )]
    pub headers: BTreeMap<String, String>,
    /// Body as (lossy) UTF-8 text, credentials and tokens replaced by `<redacted>`.
    pub body: String,
}

/// The last [`LOG_SIZE`] requests. Its `Debug` counts the entries and the values hidden (the
/// entries are redacted already; the values hidden are the secrets themselves).
#[derive(Clone, Default)]
pub struct RequestLog {
    entries: VecDeque<LoggedRequest>,
    /// Token values met in secret fields or token segments: hidden wherever a path names them
    /// again (a token deleted since, deleted once more).
    hidden: HashSet<String>,
}

impl std::fmt::Debug for RequestLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestLog")
            .field("entries", &self.entries.len())
            .field("hidden", &self.hidden.len())
            .finish()
    }
}

impl RequestLog {
    /// Logs a request and returns its method and path as logged. `path_token`: a token the world holds that
    /// the provider found in the path (decoded); `credentials` are the sandbox's configured
    /// secrets; `held` tells whether a value is a token the world holds (a header naming one is
    /// redacted).
    pub fn record<'a, C>(
        &mut self,
        req: &Request,
        path_token: Option<&str>,
        credentials: C,
        held: &dyn Fn(&str) -> bool,
    ) -> (String, String)
    where
        C: IntoIterator<Item = &'a str> + Clone,
    {
        let mut found = Vec::new();
        let body = Body::read(req, &mut found);
        let (query, _) = redacted_pairs(&req.raw_query, &mut found);
        found.retain(|v| !v.is_empty());
        // A secret field's value echoed elsewhere is hidden there too.
        let mut all: Vec<&str> = found.iter().map(String::as_str).collect();
        for credential in credentials.clone() {
            all.push(credential);
        }
        let words = Words::new(all);
        let body = capped(body.logged(&req.body, &words));
        let query = words.hide(&hidden_in_pairs(&query, &words));
        for secret in found.iter().map(String::as_str).chain(path_token) {
            self.remember(secret);
        }
        let mut headers: BTreeMap<String, String> = BTreeMap::new();
        for (k, v) in &req.headers {
            let secret = self.is_secret_header(k, v, credentials.clone(), held);
            let value = if secret { REDACTED } else { v };
            // A repeated header is one entry, its values joined as RFC 9110 (5.3) combines them.
            headers
                .entry(words.hide(k))
                .and_modify(|joined| {
                    joined.push_str(", ");
                    joined.push_str(value);
                })
                .or_insert_with(|| value.to_string());
        }
        let path = self.logged_path(&req.raw_path, credentials, held);
        while self.entries.len() >= LOG_SIZE {
            self.entries.pop_front();
        }
        let method = words.hide(&req.method);
        self.entries.push_back(LoggedRequest {
            method: method.clone(),
            path: path.clone(),
            query,
            headers,
            body,
        });
        (method, path)
    }

    /// Whether a header's value is a credential: a credential header's, a value with the Basic
    /// or Bearer scheme, one that holds a configured credential (as sent or percent-decoded), one
    /// a word of which is a value the log hid (a secret field's value, of this request or an
    /// earlier one) or, in a header whose name says it may carry a credential, a token the world
    /// holds.
    fn is_secret_header<'a>(
        &self,
        name: &str,
        value: &str,
        credentials: impl IntoIterator<Item = &'a str>,
        held: &dyn Fn(&str) -> bool,
    ) -> bool {
        let decoded = decoded_lossy(value, false);
        let searched = CREDENTIAL_HEADER_WORDS.iter().any(|w| name.contains(w));
        let is_token = |text: &str| {
            text.split(|c: char| c.is_whitespace() || ",;=:\"'".contains(c))
                .any(|w| !w.is_empty() && (self.hidden.contains(w) || (searched && held(w))))
        };
        SECRET_HEADERS.contains(&name)
            || ["Basic", "Bearer"]
                .iter()
                .any(|scheme| auth_param(Some(value), scheme).is_some())
            || credentials
                .into_iter()
                .any(|c| !c.is_empty() && decoded.contains(c))
            || is_token(value)
            || is_token(&decoded)
    }

    /// `raw` with each segment that is a token replaced: any this log has hidden (the one the
    /// provider found included), and any that holds a configured credential, decoded lossily (a
    /// byte that is not UTF-8 beside a token does not keep it in the clear: the pieces between
    /// such bytes are looked up too, among the held tokens as well).
    fn logged_path<'a>(
        &self,
        raw: &str,
        credentials: impl IntoIterator<Item = &'a str> + Clone,
        held: &dyn Fn(&str) -> bool,
    ) -> String {
        let logged: Vec<&str> = raw
            .split('/')
            .map(|segment| {
                // Decoded only when it has something to decode (most paths have not).
                let decoded = decoded_lossy(segment, false);
                let is_token = |piece: &str| !piece.is_empty() && self.hidden.contains(piece);
                let secret = is_token(&decoded)
                    || credentials
                        .clone()
                        .into_iter()
                        .any(|c| !c.is_empty() && decoded.contains(c))
                    || (decoded.contains('\u{fffd}')
                        && decoded
                            .split('\u{fffd}')
                            .any(|piece| is_token(piece) || (!piece.is_empty() && held(piece))));
                if secret {
                    REDACTED
                } else {
                    segment
                }
            })
            .collect();
        logged.join("/")
    }

    fn remember(&mut self, secret: &str) {
        if self.hidden.len() < MAX_HIDDEN && !secret.is_empty() {
            self.hidden.insert(secret.to_string());
        }
    }

    /// The logged requests, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &LoggedRequest> {
        self.entries.iter()
    }

    /// Forgets every entry and every token value met.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.hidden.clear();
    }
}

/// What one entry must not show, whatever its encoding: the configured credentials and the
/// values of the request's secret fields (none empty, each once). Each is looked for with
/// `str::find` (linear in the text); past [`MAX_WORDS`] of them (a request naming secret fields
/// over and over) every text that may hold one is hidden whole, which bounds the time a request
/// holds the emulator's lock. Hand-written on purpose: the `aho-corasick` crate, which searches
/// for all at once, added 140 KB to the emulator's wasm, and building its automaton for each
/// request cut the native server's throughput by a third (8,000 against 12,000 requests/s).
struct Words<'a> {
    /// The words, each once.
    list: Vec<&'a str>,
}

/// How many distinct words [`Words`] looks for one by one.
const MAX_WORDS: usize = 64;

impl<'a> Words<'a> {
    /// The non-empty ones of `words`, each once.
    fn new(words: impl IntoIterator<Item = &'a str>) -> Words<'a> {
        let mut seen = HashSet::new();
        let list = words
            .into_iter()
            .filter(|w| !w.is_empty() && seen.insert(*w))
            .collect();
        Words { list }
    }

    /// Whether there are too many to look for one by one (then every text is hidden whole).
    fn too_many(&self) -> bool {
        self.list.len() > MAX_WORDS
    }

    /// Whether `text` holds any of them.
    fn any_in(&self, text: &str) -> bool {
        if self.too_many() {
            return !text.is_empty();
        }
        self.list.iter().any(|w| text.contains(w))
    }

    /// `text` with each stretch that occurrences of the words cover (overlapping ones, one
    /// inside another) replaced by one marker, so no part of a word is left beside a marker; an
    /// occurrence inside a marker already there (a one-letter word in a redacted form field) is
    /// left alone. Past [`MATCH_BUDGET`] occurrences per byte (words nested in one another, over
    /// and over), or with too many words, the whole text is one marker.
    fn hide(&self, text: &str) -> String {
        if self.list.is_empty() || text.is_empty() {
            return text.to_string();
        }
        if self.too_many() {
            return REDACTED.to_string();
        }
        let markers: Vec<usize> = text.match_indices(REDACTED).map(|(at, _)| at).collect();
        let in_marker = |start: usize, end: usize| {
            let before = markers.partition_point(|&m| m <= start);
            before > 0 && end <= markers[before - 1] + REDACTED.len()
        };
        let budget = MATCH_BUDGET.saturating_mul(text.len()).saturating_add(1024);
        let mut found = 0;
        // reach[i]: where the longest occurrence starting at byte i ends (0: none starts there).
        let mut reach = Vec::new();
        for word in &self.list {
            for start in occurrences(text, word) {
                found += 1;
                if found > budget {
                    return REDACTED.to_string();
                }
                let end = start + word.len();
                if !in_marker(start, end) {
                    reach.resize(text.len(), 0);
                    reach[start] = reach[start].max(end);
                }
            }
        }
        cover(text, &reach)
    }
}

/// Where `word` starts in `text`, overlapping occurrences included (`aa` twice in `aaa`).
fn occurrences<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + text.get(from..)?.find(word)?;
        // The next search starts one character on, so an overlapping occurrence is found too.
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
}

/// How many occurrences of the words per byte of a text [`Words::hide`] looks at before it
/// hides the whole text (a bound on its time).
const MATCH_BUDGET: usize = 8;

/// `text` with each stretch the occurrences cover, touching or overlapping ones joined, replaced
/// by one marker. `reach[i]` is where the longest occurrence starting at byte `i` ends (a
/// character boundary), 0 where none starts; empty when there is none at all. Linear in the
/// text, with no sort.
fn cover(text: &str, reach: &[usize]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut written = 0;
    let mut at = 0;
    while at < reach.len() {
        if reach[at] == 0 {
            at += 1;
            continue;
        }
        let start = at;
        let mut end = reach[at];
        // Every occurrence that starts inside the stretch (or where it ends) joins it.
        while at < end.min(reach.len() - 1) {
            at += 1;
            end = end.max(reach[at]);
        }
        out.push_str(&text[written..start]);
        out.push_str(REDACTED);
        written = end;
        at = end;
    }
    out.push_str(&text[written..]);
    out
}

/// A logged body cut to [`MAX_LOGGED_BODY`] bytes (on a character boundary), saying how many
/// bytes were left out. Cut after redaction, so no secret is cut in half and left in part.
fn capped(mut body: String) -> String {
    if body.len() <= MAX_LOGGED_BODY {
        return body;
    }
    let mut end = MAX_LOGGED_BODY;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let left_out = body.len() - end;
    body.truncate(end);
    body.push_str(&format!("\u{2026} ({left_out} more bytes)"));
    body
}

/// A body, read as what it says it is, its secret fields replaced.
enum Body {
    /// No body.
    Empty,
    /// A form (`application/x-www-form-urlencoded`) whose every pair was read.
    Form(String),
    /// JSON, and whether a secret field was replaced.
    Json(Value, bool),
    /// Anything else (text, broken JSON, JSON sent as a form), as (lossy) text.
    Other(String),
}

impl Body {
    /// Reads the body of `req`, adding the values of its secret fields to `found`.
    fn read(req: &Request, found: &mut Vec<String>) -> Body {
        let text = String::from_utf8_lossy(&req.body);
        const FORM: &str = "application/x-www-form-urlencoded";
        let is_form = req
            .header("content-type")
            .and_then(|t| t.get(..FORM.len()))
            .is_some_and(|t| t.eq_ignore_ascii_case(FORM));
        if is_form {
            let (pairs, read) = redacted_pairs(&text, found);
            if read {
                return Body::Form(pairs);
            }
        } else if req.body.is_empty() {
            return Body::Empty;
        } else if let Ok(mut value) = serde_json::from_slice::<Value>(&req.body) {
            let replaced = redact_fields(&mut value, found);
            return Body::Json(value, replaced);
        }
        Body::Other(text.into_owned())
    }

    /// The body as logged, `words` hidden in it in decoded form: a form's names and values
    /// percent-decoded, a JSON body's strings (keys and values) as parsed. A JSON body with
    /// anything replaced is written anew (keys sorted, no spaces): its value may be written with
    /// escapes that a search of the text would miss. A body that could not be read (broken
    /// JSON, JSON nested too deep, JSON sent as a form) and names a secret field, or holds a
    /// word behind JSON escapes, is not logged: where its value ends is not known.
    fn logged(self, raw: &[u8], words: &Words) -> String {
        let text = match self {
            Body::Empty => String::new(),
            Body::Form(pairs) => hidden_in_pairs(&pairs, words),
            Body::Json(mut value, replaced) => {
                if hide_in_strings(&mut value, words) || replaced {
                    value.to_string()
                } else {
                    // Not a word in it: as sent.
                    String::from_utf8_lossy(raw).into_owned()
                }
            }
            Body::Other(text) => {
                let unreadable =
                    names_secret_field(&text) || words.any_in(&json_unescaped(&words.hide(&text)));
                if unreadable {
                    return format!(
                        "{REDACTED} (a body of {} bytes the sandbox could not read)",
                        raw.len()
                    );
                }
                hidden_in_pairs(&text, words)
            }
        };
        words.hide(&text)
    }
}
/// Whether `text` names a secret field, in any (ASCII) capitals, as written, JSON-unescaped
/// (`access\u0054oken`) or percent-decoded (`refresh%5Ftoken`).
fn names_secret_field(text: &str) -> bool {
    // ASCII capitals only: the sandbox itself reads field names exactly, so this is already a
    // margin; Unicode's case tables would add 16 KB to the emulator's wasm for no more of one.
    let names = |text: &str| {
        let text = text.to_ascii_lowercase();
        SECRET_FIELDS
            .iter()
            .any(|field| text.contains(&field.to_ascii_lowercase()))
    };
    names(text) || names(&json_unescaped(text)) || names(&decoded_lossy(text, true))
}

/// Whether a form part (as sent) names a secret field: decoded lossily, bytes that are not
/// UTF-8 left out (`refresh_token%FF` names `refresh_token`).
fn is_secret_name(name: &str) -> bool {
    let decoded = decoded_lossy(name, true);
    let name: String = decoded.chars().filter(|c| *c != '\u{fffd}').collect();
    SECRET_FIELDS.contains(&name.as_str())
}

/// `text` as form pairs (a form body, a query string) with the values of secret fields replaced,
/// those values added to `found`; and whether every pair was read (a name that does not decode,
/// or that holds JSON's quotes or braces, means the text is something else, e.g. JSON).
fn redacted_pairs(text: &str, found: &mut Vec<String>) -> (String, bool) {
    let mut read = true;
    let pairs = text
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) if is_secret_name(name) => {
                let value = decoded_lossy(value, true);
                // A byte that is not UTF-8 beside a token: the token itself is hidden too.
                found.extend(value.split('\u{fffd}').map(str::to_string));
                found.push(value.into_owned());
                [name, "=", REDACTED].concat()
            }
            _ => {
                read &= parse_pairs(pair)
                    .pop()
                    .is_some_and(|(name, _)| !name.contains(['"', '{', '}']))
                    || pair.is_empty();
                pair.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    (pairs, read)
}

/// Form pairs (a form body, a query string) with `words` hidden in each name and value as decoded:
/// a part that holds one only once decoded is written decoded, the words hidden, and encoded
/// anew; the others stay as sent.
fn hidden_in_pairs(text: &str, words: &Words) -> String {
    text.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => [
                hidden_in_part(name, words).as_ref(),
                "=",
                hidden_in_part(value, words).as_ref(),
            ]
            .concat(),
            None => hidden_in_part(pair, words).into_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Characters written encoded when a form part is written anew: what would change how the part
/// reads (`%`, `+`, the separators), spaces and controls.
const PART: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'%')
    .add(b'&')
    .add(b'=')
    .add(b'+')
    .add(b'#');

/// One form part (a name or a value, as sent) with `words` hidden in its decoded form.
fn hidden_in_part<'t>(part: &'t str, words: &Words) -> Cow<'t, str> {
    let decoded = decoded_lossy(part, true);
    if !words.any_in(&decoded) {
        Cow::Borrowed(part)
    } else if !part.contains(['%', '+']) {
        Cow::Owned(words.hide(part))
    } else {
        let hidden = words.hide(&decoded);
        let pieces: Vec<String> = hidden
            .split(REDACTED)
            .map(|piece| utf8_percent_encode(piece, PART).to_string())
            .collect();
        Cow::Owned(pieces.join(REDACTED))
    }
}

/// `text` percent-decoded (`+` a space when `plus`), bytes that are not UTF-8 replaced.
fn decoded_lossy(text: &str, plus: bool) -> Cow<'_, str> {
    if text.contains('%') || (plus && text.contains('+')) {
        Cow::Owned(String::from_utf8_lossy(&percent_decode_bytes(text, plus)).into_owned())
    } else {
        Cow::Borrowed(text)
    }
}

/// Hides `words` in every string of a JSON value, keys included; whether it changed any.
fn hide_in_strings(value: &mut Value, words: &Words) -> bool {
    match value {
        Value::String(text) if words.any_in(text) => {
            *text = words.hide(text);
            true
        }
        Value::Array(items) => items.iter_mut().fold(false, |changed, item| {
            hide_in_strings(item, words) | changed
        }),
        Value::Object(map) => {
            let mut changed = false;
            for v in map.values_mut() {
                changed |= hide_in_strings(v, words);
            }
            if map.keys().any(|k| words.any_in(k)) {
                // Inserted one by one: collecting would link a sort of its own.
                for (k, v) in std::mem::take(map) {
                    map.insert(words.hide(&k), v);
                }
                changed = true;
            }
            changed
        }
        _ => false,
    }
}

/// `text` with JSON's string escapes undone where they can be (`\u002d` is `-`; a lone
/// surrogate is U+FFFD; any other escaped character is itself), for a body that is no JSON.
fn json_unescaped(text: &str) -> Cow<'_, str> {
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let hex = rest
            .strip_prefix('u')
            .and_then(|r| r.get(..4))
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        if let Some(hex) = hex {
            let unit = u32::from_str_radix(hex, 16).unwrap_or(0xfffd);
            out.push(char::from_u32(unit).unwrap_or('\u{fffd}'));
            rest = &rest[5..];
        } else if let Some(c) = rest.chars().next() {
            out.push(match c {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                other => other,
            });
            rest = &rest[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Replaces the values of secret fields at any depth, keeping the strings they held; whether it
/// replaced any.
fn redact_fields(value: &mut Value, found: &mut Vec<String>) -> bool {
    let mut replaced = false;
    match value {
        Value::Array(items) => {
            for item in items {
                replaced |= redact_fields(item, found);
            }
        }
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if !SECRET_FIELDS.contains(&key.as_str()) {
                    replaced |= redact_fields(v, found);
                } else if !v.is_null() {
                    if let Value::String(text) = v {
                        found.push(std::mem::take(text));
                    }
                    *v = Value::String(REDACTED.into());
                    replaced = true;
                }
            }
        }
        _ => {}
    }
    replaced
}

/// `text` with each stretch that occurrences of the credentials cover replaced by one marker
/// (see [`Words::hide`]).
#[cfg(test)]
fn hide_credentials<'a>(text: &str, credentials: impl IntoIterator<Item = &'a str>) -> String {
    Words::new(credentials).hide(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logged(content_type: &str, body: &str) -> LoggedRequest {
        let mut req = Request::new("POST", "/oauth/token");
        req.headers = vec![
            ("content-type".into(), content_type.into()),
            ("authorization".into(), "Basic abc".into()),
        ];
        req.body = body.as_bytes().to_vec();
        let mut log = RequestLog::default();
        log.record(
            &req,
            None,
            ["admin-secret", "sandbox-service-token"],
            &|_| false,
        );
        let entry = log.entries().next().unwrap().clone();
        entry
    }

    #[test]
    fn form_secrets_and_configured_credentials_are_redacted() {
        let form = "application/x-www-form-urlencoded";
        let r = logged(
            form,
            "grant_type=password&client_id=web&username=root&password=root-pass",
        );
        assert_eq!(
            r.body,
            "grant_type=password&client_id=web&username=root&password=<redacted>"
        );
        assert_eq!(r.headers["authorization"], REDACTED);
        let r = logged(
            form,
            "client_secret=anything&refresh%5Ftoken=x&client_id=admin-client",
        );
        assert_eq!(
            r.body,
            "client_secret=<redacted>&refresh%5Ftoken=<redacted>&client_id=admin-client"
        );
        let r = logged(
            "application/json",
            r#"{"note":"admin-secret","token":"sandbox-service-token"}"#,
        );
        assert_eq!(r.body, r#"{"note":"<redacted>","token":"<redacted>"}"#);
        let r = logged("application/json", r#"{"description":"plain"}"#);
        assert_eq!(r.body, r#"{"description":"plain"}"#);
    }

    #[test]
    fn no_part_of_a_credential_is_left_and_markers_stay_whole() {
        let hide =
            |text: &str, credentials: &[&str]| hide_credentials(text, credentials.iter().copied());
        assert_eq!(hide("key s3cr3t.", &["s3", "s3cr3t"]), "key <redacted>.");
        assert_eq!(hide("xabcdx", &["ab", "bcd"]), "x<redacted>x");
        assert_eq!(hide("[aaa]", &["aa"]), "[<redacted>]");
        assert_eq!(
            hide("password=<redacted> t", &["t"]),
            "password=<redacted> <redacted>"
        );
        assert_eq!(hide("\u{e9}t\u{e9}", &["\u{e9}"]), "<redacted>t<redacted>");
        assert_eq!(hide("plain", &["", "x"]), "plain");
        // Touching, chained and reversed: one marker each stretch, whatever the words' order.
        assert_eq!(hide("-abcd-", &["cd", "ab"]), "-<redacted>-");
        assert_eq!(hide("abcdefg", &["efg", "cde", "abc"]), "<redacted>");
        assert_eq!(hide("ab-ab", &["b", "ab"]), "<redacted>-<redacted>");
        assert_eq!(hide("xy", &["y"]), "x<redacted>");
    }

    #[test]
    fn tokens_in_bodies_and_paths_are_left_out_and_remembered() {
        let mut log = RequestLog::default();
        let mut send = |method: &str, path: &str, content_type: &str, body: &str, token: bool| {
            let mut req = Request::new(method, path);
            req.headers = vec![("content-type".into(), content_type.into())];
            req.body = body.as_bytes().to_vec();
            // The provider finds the token of a HOPR delete.
            let found = token.then(|| path.split('/').rfind(|s| !s.is_empty()).unwrap_or_default());
            let (_, path) = log.record(&req, found, [], &|_| false);
            (path, log.entries().last().unwrap().body.clone())
        };
        let json = "application/json";
        let (_, body) = send(
            "POST",
            "/api/auth/token/update",
            json,
            r#"{"accessToken":"tok\u002fA","scopes":["openid"]}"#,
            false,
        );
        assert_eq!(body, r#"{"accessToken":"<redacted>","scopes":["openid"]}"#);
        let (_, body) = send(
            "POST",
            "/x",
            json,
            r#"{"n":[{"refreshToken":12345}]}"#,
            false,
        );
        assert_eq!(body, r#"{"n":[{"refreshToken":"<redacted>"}]}"#);
        let echo = r#"{"accessToken":"t9","note":"t9"}"#;
        let (_, body) = send("POST", "/x", json, echo, false);
        assert_eq!(body, r#"{"accessToken":"<redacted>","note":"<redacted>"}"#);
        let plain = r#"{ "subject": "s" }"#;
        assert_eq!(
            send("POST", "/api/auth/token/revoke", json, plain, false).1,
            plain
        );
        let form = "application/x-www-form-urlencoded";
        for (sent, logged) in [
            (
                "accessTokenIdentifier=t2&subject=s",
                "accessTokenIdentifier=<redacted>&subject=s",
            ),
            (
                "refreshTokenIdentifier=r2",
                "refreshTokenIdentifier=<redacted>",
            ),
            // Fields named like a secret field, and more, are no secret (and the form is read).
            (
                "accessToken=t3&accessTokenExpiresAt=5&accessTokenHash=h",
                "accessToken=<redacted>&accessTokenExpiresAt=5&accessTokenHash=h",
            ),
        ] {
            let (_, body) = send("POST", "/api/auth/token/revoke", form, sent, false);
            assert_eq!(body, logged);
        }
        // Named by the provider, or met before (a token deleted since, sent again).
        let (path, _) = send("DELETE", "/api/v3/tokens/t3/", "", "", true);
        assert_eq!(path, "/api/v3/tokens/<redacted>/");
        for (sent, logged) in [
            ("/api/v3/tokens/t3", "/api/v3/tokens/<redacted>"),
            (
                "/api/auth/token/delete/tok%2FA",
                "/api/auth/token/delete/<redacted>",
            ),
            (
                "/api/auth/token/delete/t2",
                "/api/auth/token/delete/<redacted>",
            ),
            (
                "/api/auth/token/delete/a%2Fb",
                "/api/auth/token/delete/a%2Fb",
            ),
        ] {
            assert_eq!(send("DELETE", sent, "", "", false).0, logged);
        }
        log.clear();
        assert_eq!(
            log.record(
                &Request::new("DELETE", "/api/v3/tokens/t3"),
                None,
                [],
                &|_| false
            )
            .1,
            "/api/v3/tokens/t3"
        );
    }

    /// The entry logged for one request, with the demo credentials `admin-secret` and
    /// `hopr-admin-token` configured and `live-token-1` held by the world.
    fn logged_request(
        target: &str,
        headers: &[(&str, &str)],
        content_type: &str,
        body: &str,
    ) -> LoggedRequest {
        let mut req = Request::new("POST", target);
        req.headers = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if !content_type.is_empty() {
            req.headers
                .push(("content-type".into(), content_type.into()));
        }
        req.body = body.as_bytes().to_vec();
        let mut log = RequestLog::default();
        let held = |value: &str| value == "live-token-1";
        log.record(&req, None, ["admin-secret", "hopr-admin-token"], &held);
        let entry = log.entries().next().unwrap().clone();
        entry
    }

    #[test]
    fn credentials_are_hidden_in_decoded_form() {
        let query = |q: &str| logged_request(&format!("/x?{q}"), &[], "", "").query;
        assert_eq!(
            query("subject=admin%2Dsecret&n=1"),
            "subject=<redacted>&n=1"
        );
        assert_eq!(
            query("note=my+admin%2dsecret%21&q=a%20b"),
            "note=my%20<redacted>!&q=a%20b"
        );
        assert_eq!(query("admin%2Dsecret=1"), "<redacted>=1");
        assert_eq!(query("plain=admin-secret"), "plain=<redacted>");
        let form = "application/x-www-form-urlencoded";
        let body =
            |content_type: &str, body: &str| logged_request("/x", &[], content_type, body).body;
        assert_eq!(
            body(form, "note=admin%2Dsecret&a=%41"),
            "note=<redacted>&a=%41"
        );
        assert_eq!(body("text/plain", "note=admin%2Dsecret"), "note=<redacted>");
        assert_eq!(body("text/plain", "an admin-secret\\n"), "an <redacted>\\n");
        let json = "application/json";
        assert_eq!(
            body(json, r#"{"description":"hopr\u002dadmin\u002dtoken"}"#),
            r#"{"description":"<redacted>"}"#
        );
        assert_eq!(
            body(
                json,
                r#"{"x":[{"admin\u002dsecret":"a\u0064min-secret!"}]}"#
            ),
            r#"{"x":[{"<redacted>":"<redacted>!"}]}"#
        );
        // Broken JSON that hides one behind escapes is not logged at all.
        assert_eq!(
            body(json, r#"{"d":"hopr\u002dadmin\u002dtoken""#),
            "<redacted> (a body of 33 bytes the sandbox could not read)"
        );
        // The rest stays as sent.
        assert_eq!(body(json, r#"{ "d": "\u0041" }"#), r#"{ "d": "\u0041" }"#);
        assert_eq!(body(form, "a=%41+b"), "a=%41+b");
    }

    #[test]
    fn a_header_holding_a_credential_or_a_held_token_is_redacted() {
        let headers = [
            ("x-api-key", "hopr-admin-token"),
            ("x-encoded", "admin%2Dsecret"),
            ("x-session", "id=live-token-1; path=/"),
            ("x-forwarded-authorization", "Bearer anything"),
            ("x-basic", "basic YWJjOmRlZg=="),
            ("user-agent", "curl/8"),
            ("x-live", "live-token-2"),
        ];
        let logged = logged_request("/x", &headers, "", "").headers;
        for (name, value) in [
            ("x-api-key", REDACTED),
            ("x-encoded", REDACTED),
            ("x-session", REDACTED),
            ("x-forwarded-authorization", REDACTED),
            ("x-basic", REDACTED),
            ("user-agent", "curl/8"),
            ("x-live", "live-token-2"),
        ] {
            assert_eq!(logged[name], value, "{name}");
        }
        // A secret field's value sent in a header too, as a word (a short one is no substring).
        let r = logged_request(
            "/x?password=4",
            &[("x-echo", "4"), ("content-length", "45")],
            "",
            "",
        );
        assert_eq!(r.headers["x-echo"], REDACTED);
        assert_eq!(r.headers["content-length"], "45");
    }

    #[test]
    fn a_long_body_is_cut_after_redaction_on_a_character_boundary() {
        let head = "a".repeat(MAX_LOGGED_BODY - 20);
        let body = [head.as_str(), "x", "admin-secret", &"y".repeat(100_000)].concat();
        let logged = logged_request("/x", &[], "text/plain", &body).body;
        let kept = [head.as_str(), "x", REDACTED, &"y".repeat(9)].concat();
        let left_out = body.len() - "admin-secret".len() + REDACTED.len() - kept.len();
        let expected = format!("{kept}\u{2026} ({left_out} more bytes)");
        assert!(logged == expected, "{}", &logged[logged.len() - 40..]);
        let body = ["a".repeat(MAX_LOGGED_BODY - 1).as_str(), "\u{e9}b"].concat();
        let logged = logged_request("/x", &[], "text/plain", &body).body;
        let expected = format!("{}\u{2026} (3 more bytes)", &body[..MAX_LOGGED_BODY - 1]);
        assert!(logged == expected, "{}", &logged[logged.len() - 40..]);
    }

    #[test]
    fn words_nested_over_and_over_hide_the_whole_text() {
        let words: Vec<String> = (1..=20).map(|n| "a".repeat(n)).collect();
        let text = ["b", &"a".repeat(1000), "b"].concat();
        assert_eq!(
            hide_credentials(&text, words.iter().map(String::as_str)),
            REDACTED
        );
        assert_eq!(
            hide_credentials("babab", ["a", "aa"]),
            "b<redacted>b<redacted>b"
        );
    }

    #[test]
    fn secret_fields_named_behind_escapes_capitals_or_bad_bytes_are_hidden() {
        let body =
            |content_type: &str, body: &str| logged_request("/x", &[], content_type, body).body;
        let unread =
            |n: usize| format!("{REDACTED} (a body of {n} bytes the sandbox could not read)");
        for broken in [
            r#"{"access\u0054oken":"live-1""#,
            r#"{"x":"\uD83D","ACCESS_TOKEN":"live-1"}"#,
            "refresh%5Ftoken=live-1",
        ] {
            assert_eq!(body("text/plain", broken), unread(broken.len()), "{broken}");
        }
        assert_eq!(
            body("Application/X-WWW-Form-Urlencoded", "password=live-1&a=b"),
            "password=<redacted>&a=b"
        );
        let query = |q: &str| logged_request(&format!("/x?{q}&n=live-1"), &[], "", "").query;
        assert_eq!(
            query("refresh_token=%FFlive-1"),
            "refresh_token=<redacted>&n=<redacted>"
        );
        assert_eq!(
            query("refresh_token%FF=live-1"),
            "refresh_token%FF=<redacted>&n=<redacted>"
        );
    }

    #[test]
    fn a_token_beside_a_byte_that_is_not_utf8_in_a_path_is_hidden() {
        let mut log = RequestLog::default();
        let held = |value: &str| value == "live-token";
        let mut path = |raw: &str| {
            log.record(&Request::new("GET", raw), None, ["cred"], &held)
                .1
        };
        assert_eq!(path("/api/v3/tokens/cred%FF"), "/api/v3/tokens/<redacted>");
        assert_eq!(path("/x/%C0live-token/y"), "/x/<redacted>/y");
        assert_eq!(path("/x/other%FF/y"), "/x/other%FF/y");
    }

    #[test]
    fn a_repeated_header_is_logged_with_all_its_values() {
        let mut log = RequestLog::default();
        let mut req = Request::new("GET", "/x");
        req.headers = vec![
            ("x-dup".into(), "first".into()),
            ("accept".into(), "*/*".into()),
            ("x-dup".into(), "second".into()),
            ("x-dup".into(), "cred".into()),
        ];
        log.record(&req, None, ["cred"], &|_| false);
        let headers = &log.entries().last().unwrap().headers;
        assert_eq!(headers["x-dup"], "first, second, <redacted>");
        assert_eq!(headers["accept"], "*/*");
    }

    #[test]
    fn a_credential_as_the_method_or_a_header_name_is_hidden() {
        let mut req = Request::new("admin-secret", "/x");
        req.headers = vec![("hopr-admin-token".into(), "1".into())];
        let mut log = RequestLog::default();
        let held = |_: &str| false;
        let (method, _) = log.record(&req, None, ["admin-secret", "hopr-admin-token"], &held);
        assert_eq!(method, REDACTED);
        let entry = log.entries().next().unwrap();
        assert_eq!(entry.method, REDACTED);
        assert_eq!(entry.headers.keys().collect::<Vec<_>>(), [REDACTED]);
    }

    #[test]
    fn keeps_the_last_entries() {
        let mut log = RequestLog::default();
        for i in 0..LOG_SIZE + 5 {
            log.record(&Request::new("GET", &format!("/{i}")), None, [], &|_| false);
        }
        assert_eq!(log.entries().count(), LOG_SIZE);
        assert_eq!(log.entries().next().unwrap().path, "/5");
    }
}
