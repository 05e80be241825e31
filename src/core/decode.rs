//! Turning an HTTP answer into a typed value or a typed [`ApiError`], never a panic.
//!
//! A success body is decoded into the response model by the build's JSON codec ([`json`]),
//! which checks it against the documented schema on the way (required fields, types, int64
//! ranges; unknown fields are kept in the model's `extra`). An error body becomes the
//! `ApiError`'s code, message and (redacted) body.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::error::{Answered, ApiError, ErrorKind, Provider};
use super::escape::escape;
use super::json::{self, DecodeFailure, Parsed, MAX_DEPTH};
use super::redact::{redact_value, scrub};
use super::retry::parse_retry_after;
use super::wire::Complete;

/// How much of a non-JSON error body is kept in `ApiError.body`.
const MAX_TEXT_BODY: usize = 1024;

/// What the transport hands over: status, body bytes and the `Retry-After` header.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawResponse {
    /// HTTP status; 0 for a redirect the browser hid (`opaqueredirect`).
    pub status: u16,
    /// The body, as it arrived.
    pub body: Vec<u8>,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
}

impl RawResponse {
    /// A response with a text body (for tests and for callers that have text).
    pub fn text(status: u16, body: &str) -> Self {
        RawResponse {
            status,
            body: body.as_bytes().to_vec(),
            retry_after: None,
        }
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body without a leading UTF-8 byte order mark (as `Response.text()` drops it).
    pub fn body_bytes(&self) -> &[u8] {
        self.body
            .strip_prefix(&[0xEF, 0xBB, 0xBF])
            .unwrap_or(&self.body)
    }

    /// The body as text, invalid UTF-8 replaced by U+FFFD (as `Response.text()` does).
    pub fn body_text(&self) -> Cow<'_, str> {
        let bytes = self.body_bytes();
        // Valid UTF-8 (nearly every body) is checked in one pass, without the lossy decoder's
        // chunking.
        std::str::from_utf8(bytes).map_or_else(|_| String::from_utf8_lossy(bytes), Cow::Borrowed)
    }
}

/// Where a provider keeps its error code and message in an error body.
pub type ErrorFields = fn(&Value) -> (Option<String>, Option<String>);

/// The context of one call, for building errors.
pub struct CallContext<'a> {
    /// The service.
    pub provider: Provider,
    /// The operationId.
    pub operation: &'a str,
    /// Secrets to scrub from anything the server sent back.
    pub secrets: &'a [&'a str],
    /// The provider's error-body reader.
    pub error_fields: ErrorFields,
}

impl CallContext<'_> {
    /// An error of the given kind with `message` after the usual prefix, and what the server
    /// answered. Whatever `message` quotes from outside (a server's words, an exception's) is
    /// scrubbed by its caller; our own words are not, so that a short secret cannot be read off
    /// where markers would cut them.
    pub fn answered(&self, kind: ErrorKind, message: &str, answer: Answered) -> ApiError {
        let text = format!(
            "{} {} failed: {message}",
            self.provider.display_name(),
            self.operation
        );
        ApiError::answered(kind, self.provider, self.operation, text, answer)
    }

    /// `text` from outside the client (a server's, an exception's) without the call's secrets.
    pub fn scrub(&self, text: &str) -> String {
        scrub(text, self.secrets)
    }

    /// An error of the given kind with `message` after the usual prefix.
    pub fn error(&self, kind: ErrorKind, message: &str) -> ApiError {
        self.answered(kind, message, Answered::default())
    }

    /// The error for a non-success answer: status, provider code, server message, body, Retry-After.
    pub fn http_error(&self, resp: &RawResponse, now_ms: f64) -> ApiError {
        if resp.status == 0 || (300..400).contains(&resp.status) {
            // Browsers hide a redirect they were told not to follow behind status 0.
            let status = (resp.status != 0).then_some(resp.status);
            let shown = status.map_or(String::new(), |s| format!(" (HTTP {s})"));
            let message = format!("the server answered with a redirect{shown}, which is not followed so that credentials stay with the configured origin");
            let answer = Answered {
                status,
                ..Answered::default()
            };
            return self.answered(ErrorKind::Http, &message, answer);
        }
        let text = resp.body_text();
        let (body, is_json) = parse_body(&text, self.secrets);
        let (code, server_message) = match &body {
            Some(v @ Value::Object(_)) => (self.error_fields)(v),
            _ => (None, None),
        };
        let reason = reason_phrase(resp.status).map_or(String::new(), |r| format!(" {r}"));
        // The service's code and message are quoted escaped (a control character shows as
        // `\u001b`), so they cannot drive the terminal that prints the message; `code` and
        // `body` keep them as they came.
        let code_part = code
            .as_ref()
            .map_or(String::new(), |c| format!(" ({})", escape(c)));
        let said = match &server_message {
            Some(m) if !m.is_empty() => format!(": {}", escape(m)),
            _ if !is_json && !text.trim().is_empty() => ": the body is not JSON".to_string(),
            _ => String::new(),
        };
        let message = format!("HTTP {}{reason}{code_part}{said}", resp.status);
        let answer = Answered {
            status: Some(resp.status),
            code,
            body,
            retry_after_ms: resp
                .retry_after
                .as_deref()
                .and_then(|v| parse_retry_after(v, now_ms)),
        };
        self.answered(ErrorKind::Http, &message, answer)
    }

    /// Decodes a success body as `T`; a body that does not match is a `decode` error whose
    /// message says why without quoting the body.
    pub fn decode<T: DeserializeOwned + Complete + Serialize>(
        &self,
        resp: &RawResponse,
    ) -> Result<T, ApiError> {
        self.decode_parsed(resp).map(|(model, _)| model)
    }

    /// [`CallContext::decode`], with the engine's value the model was read from (see
    /// [`json::Parsed`]), completed as the model reads it ([`Complete`]).
    pub fn decode_parsed<T: DeserializeOwned + Complete + Serialize>(
        &self,
        resp: &RawResponse,
    ) -> Result<(T, Parsed), ApiError> {
        let text = resp.body_text();
        json::take_null();
        let decoded = json::decode::<T>(&text).and_then(|(model, parsed)| {
            // Only the JS shell, which reads known fields, hands the engine's value on as the
            // model's (feature `js`).
            if !(cfg!(feature = "js") && json::known_fields_only() && json::take_null()) {
                T::complete(&parsed);
                return Ok((model, parsed));
            }
            // An optional field sent as `null`, which the model and its TypeScript type have as
            // no field: the model's own value instead, read in full (the fields it keeps
            // unknown included).
            let (model, _) = json::reading_fields(false, || json::decode::<T>(&text))?;
            json::to_parsed(&model)
                .map(|parsed| (model, parsed))
                .ok_or(DecodeFailure::NotANumber)
        });
        decoded.map_err(|failure| self.decode_failure(resp.status, &text, failure))
    }

    /// The `decode` error of an answer (`text`) its model could not read; not generic, so that
    /// every model's [`CallContext::decode_parsed`] shares it.
    fn decode_failure(&self, status: u16, text: &str, failure: DecodeFailure) -> ApiError {
        let what = match failure {
            _ if text.trim().is_empty() => "the body is empty".to_string(),
            DecodeFailure::Syntax => "the body is not valid JSON".to_string(),
            DecodeFailure::TooDeep => format!("the body nests deeper than {MAX_DEPTH} levels"),
            DecodeFailure::Inexact(field) => format!("the body holds an integer beyond 2^53 in `{}`, which this JavaScript engine cannot read exactly (JSON.parse source text access is missing)", escape(&self.scrub(&field))),
            DecodeFailure::NotANumber => "the body holds an integer beyond 2^53 where the documented schema has a number".to_string(),
            DecodeFailure::Schema(text, field) => {
                let text = text.split(" at line ").next().unwrap_or_default();
                let at = field.map_or(String::new(), |f| format!("`{f}`: "));
                format!("the body does not match the documented schema: {at}{}", super::serde_text::describe(text))
            }
        };
        self.decode_error(status, &what)
    }

    /// A `decode` error: `HTTP <status> but <what>`.
    pub fn decode_error(&self, status: u16, what: &str) -> ApiError {
        let answer = Answered {
            status: Some(status),
            ..Answered::default()
        };
        self.answered(
            ErrorKind::Decode,
            &format!("HTTP {status} but {what}"),
            answer,
        )
    }
}

/// The body as JSON, or as text capped after it is scrubbed (a cut must not leave the head of a
/// secret), or `None` when empty, with every secret removed; and whether it was JSON.
fn parse_body(text: &str, secrets: &[&str]) -> (Option<Value>, bool) {
    if text.trim().is_empty() {
        return (None, false);
    }
    match json::parse_value(text) {
        Some(mut v) => {
            redact_value(&mut v, secrets);
            (Some(v), true)
        }
        None => {
            let mut text = scrub(text, secrets);
            let mut end = text.len().min(MAX_TEXT_BODY);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            (Some(Value::String(text)), false)
        }
    }
}

/// A short reason phrase for common statuses.
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// A string field of an object, if present and a string.
pub fn string_field(v: &Value, name: &str) -> Option<String> {
    v.get(name).and_then(Value::as_str).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    fn fields(v: &Value) -> (Option<String>, Option<String>) {
        (string_field(v, "status"), string_field(v, "error"))
    }

    const SECRETS: &[&str] = &["s3cret-token"];

    fn ctx() -> CallContext<'static> {
        CallContext {
            provider: Provider::Hopr,
            operation: "tokensGetToken",
            secrets: SECRETS,
            error_fields: fields,
        }
    }

    fn resp(status: u16, body: &str) -> RawResponse {
        RawResponse::text(status, body)
    }

    #[test]
    fn http_error_carries_code_message_and_body() {
        let e = ctx().http_error(
            &resp(
                401,
                r#"{"status":"UNAUTHORIZED","error":"authentication failed"}"#,
            ),
            0.0,
        );
        assert_eq!(e.kind, ErrorKind::Http);
        assert_eq!(e.status, Some(401));
        assert_eq!(e.code.as_deref(), Some("UNAUTHORIZED"));
        assert_eq!(
            e.message,
            "HOPR tokensGetToken failed: HTTP 401 Unauthorized (UNAUTHORIZED): authentication failed"
        );
        assert_eq!(e.body.unwrap()["error"], "authentication failed");
    }

    #[test]
    fn empty_and_html_bodies() {
        let e = ctx().http_error(&resp(404, ""), 0.0);
        assert_eq!(e.message, "HOPR tokensGetToken failed: HTTP 404 Not Found");
        assert_eq!(e.body, None);
        let html = format!("<html>{}</html>", "x".repeat(5000));
        let e = ctx().http_error(&resp(502, &html), 0.0);
        assert_eq!(
            e.message,
            "HOPR tokensGetToken failed: HTTP 502 Bad Gateway: the body is not JSON"
        );
        assert_eq!(e.body.unwrap().as_str().unwrap().len(), 1024);
    }

    #[test]
    fn echoed_secrets_are_removed() {
        let e = ctx().http_error(
            &resp(
                401,
                r#"{"status":"s3cret-token","error":"bad token s3cret-token"}"#,
            ),
            0.0,
        );
        let all = serde_json::to_string(&e).unwrap();
        assert!(!all.contains("s3cret-token"), "{all}");
    }

    #[test]
    fn quoted_service_text_carries_no_control_character_and_the_body_keeps_it() {
        let body =
            r#"{"status":"A\u001b[2J","error":"\u001b]0;pwned\u0007 bad\r\nfake\u009b\u202e"}"#;
        let e = ctx().http_error(&resp(400, body), 0.0);
        assert_eq!(
            e.message,
            "HOPR tokensGetToken failed: HTTP 400 Bad Request (A\\u001b[2J): \\u001b]0;pwned\\u0007 bad\\r\\nfake\\u009b\\u202e"
        );
        assert_eq!(e.to_string(), e.message);
        assert_eq!(e.code.as_deref(), Some("A\u{1b}[2J"));
        assert_eq!(
            e.body.unwrap()["error"],
            "\u{1b}]0;pwned\u{7} bad\r\nfake\u{9b}\u{202e}"
        );
    }

    #[test]
    fn retry_after_is_parsed() {
        let mut r = resp(429, "");
        r.retry_after = Some("3".into());
        assert_eq!(ctx().http_error(&r, 0.0).retry_after_ms, Some(3000));
    }

    #[test]
    fn redirects_are_reported_not_followed() {
        for status in [0, 301, 302, 307, 308] {
            let e = ctx().http_error(&resp(status, ""), 0.0);
            assert_eq!(e.kind, ErrorKind::Http);
            assert!(e.message.contains("redirect"));
            // A browser's hidden redirect has no status to show.
            assert_eq!(e.status, (status != 0).then_some(status));
            assert!(!e.message.contains("HTTP 0"), "{}", e.message);
        }
    }

    #[derive(Deserialize, Serialize, Debug)]
    #[allow(dead_code)]
    struct T {
        id: String,
    }

    impl Complete for T {}

    #[test]
    fn decode_errors_say_why() {
        let c = ctx();
        assert!(c
            .decode::<T>(&resp(200, ""))
            .unwrap_err()
            .message
            .contains("the body is empty"));
        assert!(c
            .decode::<T>(&resp(200, "{\"id\":"))
            .unwrap_err()
            .message
            .contains("not valid JSON"));
        let e = c.decode::<T>(&resp(200, "{\"id\":5}")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
        assert!(e.message.contains("does not match"), "{}", e.message);
        assert!(!e.message.contains("line"), "{}", e.message);
        assert_eq!(c.decode::<T>(&resp(200, "{\"id\":\"a\"}")).unwrap().id, "a");
    }

    #[test]
    fn multibyte_text_body_is_cut_on_a_char_boundary() {
        let text = "é".repeat(2000);
        let e = ctx().http_error(&resp(500, &text), 0.0);
        assert!(e.body.unwrap().as_str().unwrap().len() <= 1024);
    }
}
