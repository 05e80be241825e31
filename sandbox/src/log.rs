//! The request log and counters of one world, for tests to assert on (`GET /_sandbox/requests`,
//! `GET /_sandbox/stats`). Credentials and tokens never enter it: credential headers are
//! replaced, and so are the secret fields (`SECRET_FIELDS`) of bodies and query strings, in a
//! form or a query by name and in a JSON body at any depth; a body that cannot be read and names
//! a secret field, whole; any of the sandbox's configured credentials in a body, a query or a
//! path segment; and a path segment that is a token (a HOPR token's id is the token, an Authlete
//! delete may name the token itself), told by the provider or met before in a secret field.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet, VecDeque};

use serde_json::Value;

use crate::message::{parse_pairs, percent_decode, Request};

/// How many requests the log keeps.
pub const LOG_SIZE: usize = 1000;

/// What a secret is replaced with.
pub const REDACTED: &str = "<redacted>";

/// Headers whose values are credentials.
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
    /// Raw query string (without `?`).
    pub query: String,
    /// Headers (lower-case names), credential values replaced by `<redacted>`.
    #[cfg_attr(
        all(feature = "js", target_arch = "wasm32"),
        tsify(type = "Record<string, string>")
    )]
    pub headers: BTreeMap<String, String>,
    /// Body as (lossy) UTF-8 text, credentials and tokens replaced by `<redacted>`.
    pub body: String,
}

/// The last [`LOG_SIZE`] requests.
#[derive(Clone, Debug, Default)]
pub struct RequestLog {
    entries: VecDeque<LoggedRequest>,
    /// Token values met in secret fields or token segments: hidden wherever a path names them
    /// again (a token deleted since, deleted once more).
    hidden: HashSet<String>,
}

impl RequestLog {
    /// Logs a request and returns its path as logged. `path_token`: a token the world holds that
    /// the provider found in the path (decoded); `credentials` are the sandbox's configured
    /// secrets.
    pub fn record<'a, C>(
        &mut self,
        req: &Request,
        path_token: Option<&str>,
        credentials: C,
    ) -> String
    where
        C: IntoIterator<Item = &'a str> + Clone,
    {
        let (body, mut found) = redacted_body(req, credentials.clone());
        let (query, _) = redacted_pairs(&req.raw_query, &mut found);
        let query = hide_credentials(&query, credentials.clone());
        for secret in found.iter().map(String::as_str).chain(path_token) {
            self.remember(secret);
        }
        let path = self.logged_path(&req.raw_path, credentials);
        let headers = req
            .headers
            .iter()
            .map(|(k, v)| {
                let value = if SECRET_HEADERS.contains(&k.as_str()) {
                    REDACTED.to_string()
                } else {
                    v.clone()
                };
                (k.clone(), value)
            })
            .collect();
        while self.entries.len() >= LOG_SIZE {
            self.entries.pop_front();
        }
        self.entries.push_back(LoggedRequest {
            method: req.method.clone(),
            path: path.clone(),
            query,
            headers,
            body,
        });
        path
    }

    /// `raw` with each segment that is a token replaced: any this log has hidden (the one the
    /// provider found included), and any that holds a configured credential.
    fn logged_path<'a>(
        &self,
        raw: &str,
        credentials: impl IntoIterator<Item = &'a str> + Clone,
    ) -> String {
        let logged: Vec<&str> = raw
            .split('/')
            .map(|segment| {
                // Decoded only when it has something to decode (most paths have not).
                let decoded = if segment.contains('%') {
                    Cow::Owned(percent_decode(segment, false).unwrap_or_default())
                } else {
                    Cow::Borrowed(segment)
                };
                let secret = !decoded.is_empty()
                    && (self.hidden.contains(decoded.as_ref())
                        || credentials
                            .clone()
                            .into_iter()
                            .any(|c| !c.is_empty() && decoded.contains(c)));
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

/// The body as text, the values of its secret fields (wherever they appear) and the configured
/// `credentials` replaced,
/// and those values (decoded: a form's as sent, a JSON body's as parsed). A JSON body that holds
/// a secret field is logged written anew (keys sorted, no spaces): its value may be written with
/// escapes that a search of the text would miss.
fn redacted_body<'a>(
    req: &Request,
    credentials: impl IntoIterator<Item = &'a str>,
) -> (String, Vec<String>) {
    let mut text = String::from_utf8_lossy(&req.body).into_owned();
    let mut found = Vec::new();
    let is_form = req
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    // Whether the body was read as what it says it is, so that its secret fields were found.
    let read = if is_form {
        let (pairs, read) = redacted_pairs(&text, &mut found);
        text = pairs;
        read
    } else if req.body.is_empty() {
        true
    } else if let Ok(mut value) = serde_json::from_slice::<Value>(&req.body) {
        if redact_fields(&mut value, &mut found) {
            text = value.to_string();
        }
        true
    } else {
        false
    };
    // A body that could not be read (broken JSON, JSON nested too deep, JSON sent as a form)
    // and names a secret field is not logged: where its value ends is not known.
    if !read && SECRET_FIELDS.iter().any(|field| text.contains(field)) {
        text = format!(
            "{REDACTED} (a body of {} bytes the sandbox could not read)",
            req.body.len()
        );
    }
    found.retain(|v| !v.is_empty());
    // A secret field's value echoed in another field is hidden there too.
    let secrets = found.iter().map(String::as_str);
    // The identity map lets the configured credentials' items live as short as `found`'s.
    #[allow(clippy::map_identity)]
    let text = hide_credentials(&text, secrets.chain(credentials.into_iter().map(|c| c)));
    (text, found)
}

/// `text` as form pairs (a form body, a query string) with the values of secret fields replaced,
/// those values added to `found`; and whether every pair was read (a name that does not decode,
/// or that holds JSON's quotes or braces, means the text is something else, e.g. JSON).
fn redacted_pairs(text: &str, found: &mut Vec<String>) -> (String, bool) {
    let mut read = true;
    let pairs = text
        .split('&')
        .map(|pair| match parse_pairs(pair).pop() {
            Some((name, value)) if SECRET_FIELDS.contains(&name.as_str()) => {
                found.push(value);
                let name = pair.split_once('=').map_or(pair, |(k, _)| k);
                [name, "=", REDACTED].concat()
            }
            parsed => {
                read &= parsed.is_some_and(|(name, _)| !name.contains(['"', '{', '}']))
                    || pair.is_empty();
                pair.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    (pairs, read)
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

/// `text` with each stretch that occurrences of the credentials cover (overlapping ones, one
/// inside another) replaced by one marker, so no part of a credential is left beside a marker;
/// an occurrence inside a marker already there (a one-letter credential in a redacted form
/// field) is left alone.
fn hide_credentials<'a>(text: &str, credentials: impl IntoIterator<Item = &'a str>) -> String {
    let found: Vec<&str> = credentials
        .into_iter()
        .filter(|c| !c.is_empty() && text.contains(*c))
        .collect();
    if found.is_empty() {
        return text.to_string();
    }
    let markers: Vec<usize> = text.match_indices(REDACTED).map(|(at, _)| at).collect();
    let in_marker = |at: usize, len: usize| {
        markers
            .iter()
            .any(|&m| m <= at && at + len <= m + REDACTED.len())
    };
    let mut hidden = vec![false; text.len()];
    for (at, _) in text.char_indices() {
        for credential in &found {
            if text[at..].starts_with(credential) && !in_marker(at, credential.len()) {
                hidden[at..at + credential.len()].fill(true);
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if !hidden[at] {
            out.push(c);
        } else if at == 0 || !hidden[at - 1] {
            out.push_str(REDACTED);
        }
    }
    out
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
        log.record(&req, None, ["admin-secret", "sandbox-service-token"]);
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
            let path = log.record(&req, found, []);
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
            log.record(&Request::new("DELETE", "/api/v3/tokens/t3"), None, []),
            "/api/v3/tokens/t3"
        );
    }

    #[test]
    fn keeps_the_last_entries() {
        let mut log = RequestLog::default();
        for i in 0..LOG_SIZE + 5 {
            log.record(&Request::new("GET", &format!("/{i}")), None, []);
        }
        assert_eq!(log.entries().count(), LOG_SIZE);
        assert_eq!(log.entries().next().unwrap().path, "/5");
    }
}
