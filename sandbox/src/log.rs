//! The request log and counters of one world, for tests to assert on (`GET /_sandbox/requests`,
//! `GET /_sandbox/stats`). Credentials never enter it: credential headers are replaced, and so
//! are the secret fields of form bodies (OAuth's `client_secret`, `password`, `refresh_token`)
//! and any of the sandbox's configured credentials wherever they appear in a body.

use std::collections::{BTreeMap, VecDeque};

use crate::message::{parse_pairs, Request};

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

/// Form fields whose values are credentials.
const SECRET_FORM_FIELDS: &[&str] = &[
    "client_secret",
    "password",
    "refresh_token",
    "client_assertion",
];

/// One logged request (credentials redacted).
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(all(feature = "js", target_arch = "wasm32"), derive(tsify::Tsify))]
pub struct LoggedRequest {
    /// Method.
    pub method: String,
    /// Path as received (not decoded), without the query; within a session, the path after the
    /// session's prefix.
    pub path: String,
    /// Raw query string (without `?`).
    pub query: String,
    /// Headers (lower-case names), credential values replaced by `<redacted>`.
    #[cfg_attr(
        all(feature = "js", target_arch = "wasm32"),
        tsify(type = "Record<string, string>")
    )]
    pub headers: BTreeMap<String, String>,
    /// Body as (lossy) UTF-8 text, credentials replaced by `<redacted>`.
    pub body: String,
}

/// The last [`LOG_SIZE`] requests.
#[derive(Clone, Debug, Default)]
pub struct RequestLog {
    entries: VecDeque<LoggedRequest>,
}

impl RequestLog {
    /// Logs a request; `credentials` are the sandbox's configured secrets.
    pub fn record<'a>(&mut self, req: &Request, credentials: impl IntoIterator<Item = &'a str>) {
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
            path: req.raw_path.clone(),
            query: req.raw_query.clone(),
            headers,
            body: redacted_body(req, credentials),
        });
    }

    /// The logged requests, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &LoggedRequest> {
        self.entries.iter()
    }

    /// Forgets every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// The body as text, with form secrets and configured credentials replaced.
fn redacted_body<'a>(req: &Request, credentials: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::from_utf8_lossy(&req.body).into_owned();
    let is_form = req
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if is_form {
        text = text
            .split('&')
            .map(|pair| {
                let name = pair.split_once('=').map_or(pair, |(k, _)| k);
                let secret = parse_pairs(name)
                    .first()
                    .is_some_and(|(k, _)| SECRET_FORM_FIELDS.contains(&k.as_str()));
                if secret {
                    [name, "=", REDACTED].concat()
                } else {
                    pair.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("&");
    }
    hide_credentials(&text, credentials)
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
        log.record(&req, ["admin-secret", "sandbox-service-token"]);
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
    fn keeps_the_last_entries() {
        let mut log = RequestLog::default();
        for i in 0..LOG_SIZE + 5 {
            log.record(&Request::new("GET", &format!("/{i}")), []);
        }
        assert_eq!(log.entries().count(), LOG_SIZE);
        assert_eq!(log.entries().next().unwrap().path, "/5");
    }
}
