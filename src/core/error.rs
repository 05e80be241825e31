//! The data of an `ApiError`: what went wrong, where, and what the server said (secrets removed).
//!
//! The JS layer turns this into an instance of the `ApiError` class (a real `Error` subclass); the
//! Rust side only decides the fields and a one-line message.

use serde::Serialize;
use std::fmt;

use super::escape::{is_terminal_control, push_visible};

/// What kind of failure happened ([`ApiError::kind`]). Serialized as the snake_case names of
/// the JS `kind` property.
///
/// | kind | JS `kind` | when | `status()` | retried by default |
/// |---|---|---|---|---|
/// | `Http` | `"http"` | the server answered with a status that is not a success (4xx, 5xx; a 3xx, which is never followed); an Authlete create, update or revoke answered 200 with an `action` other than `OK` | the status (200 in that Authlete case) | 429, 502, 503, 504, for idempotent calls, honouring `Retry-After` |
/// | `Network` | `"network"` | no answer: connection refused or reset, DNS, TLS, CORS, offline, or the client's `fetch` threw | `None` | yes, for idempotent calls |
/// | `Timeout` | `"timeout"` | one attempt got no complete answer within its `timeout_ms` (default 30,000) | `None` | yes, for idempotent calls |
/// | `Aborted` | `"aborted"` | the call's `signal` fired: before sending, during an attempt, a retry backoff, or a wait for Knetik's shared token request | `None` | never |
/// | `Decode` | `"decode"` | a success whose body is not the documented model (not JSON, another shape, more than 127 levels deep, or an integer beyond 2^53 on an engine that cannot read it exactly, the message naming its field) | the status | never |
/// | `InvalidArgument` | `"invalid_argument"` | an argument, config option or call option was refused before anything was sent; the message names it (`request.capabilities[0].endpoint`, `options.timeoutMs`) | `None` | nothing was sent |
/// | `InsecureUrl` | `"insecure_url"` | the config's `base_url` is plain `http:` to a host that is not loopback, without `allow_insecure_http` (the client's `new`) | `None` | nothing was sent |
///
/// Idempotent calls are the GETs and DELETEs; [`crate::CallOptions::retry`] changes the rule
/// for one call. A retried call fails with the error of its last attempt.
///
/// ```
/// use tokenops::ErrorKind;
///
/// /// Whether trying again later may help.
/// fn transient(kind: ErrorKind) -> bool {
///     matches!(kind, ErrorKind::Network | ErrorKind::Timeout)
/// }
/// assert!(transient(ErrorKind::Timeout));
/// assert!(!transient(ErrorKind::InvalidArgument));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The server answered with a status that is not a success (or a redirect, never followed).
    Http,
    /// The request never got an answer: connection refused or dropped, DNS, CORS.
    Network,
    /// The call (one attempt) took longer than its `timeoutMs`.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// A success status whose body is not what the API documents.
    Decode,
    /// A caller-supplied argument or option was refused before any request was sent.
    InvalidArgument,
    /// The base URL is plain `http:` on a host that is not loopback, without `allowInsecureHttp`.
    InsecureUrl,
}

/// Which service a client talks to ([`ApiError::provider`]).
///
/// ```
/// use tokenops::Provider;
///
/// assert_eq!(Provider::Knetik.display_name(), "Knetik");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// HOPR node API v3.
    Hopr,
    /// Authlete token operations (v2 and v3).
    Authlete,
    /// Knetik Cloud auth tokens.
    Knetik,
}

impl Provider {
    /// The name shown in messages.
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::Hopr => "HOPR",
            Provider::Authlete => "Authlete",
            Provider::Knetik => "Knetik",
        }
    }
}

/// Why a call failed: what every typed client returns as its error, and what the JS `ApiError`
/// class carries (the JS shell serializes it field for field, camelCase). Never holds a
/// credential: messages are built from our own words, status codes and server bodies that went
/// through [`crate::core::redact`].
///
/// [`ErrorKind`] has the table of kinds: when each occurs, what `status()` holds, and which are
/// retried.
///
/// ```
/// use tokenops::{ApiError, ErrorKind};
///
/// fn describe(err: &ApiError) -> String {
///     match (err.kind(), err.status(), err.code()) {
///         (ErrorKind::Http, Some(401), _) => "check the credential".into(),
///         (ErrorKind::Http, Some(429), _) => match err.retry_after_ms() {
///             Some(ms) => format!("rate limited, try again in {ms} ms"),
///             None => "rate limited".into(),
///         },
///         (ErrorKind::Http, _, Some(code)) => format!("{} refused: {code}", err.operation()),
///         (ErrorKind::Timeout | ErrorKind::Network, _, _) => "try again later".into(),
///         _ => err.to_string(), // the message: one line, no secrets
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    /// The failure class.
    pub(crate) kind: ErrorKind,
    /// HTTP status when the server answered.
    pub(crate) status: Option<u16>,
    /// The provider's own error code (HOPR `status`, Authlete `resultCode`, Knetik `code`/OAuth `error`).
    pub(crate) code: Option<String>,
    /// The service.
    pub(crate) provider: Provider,
    /// The provider's operationId, e.g. `tokensGetToken`.
    pub(crate) operation: String,
    /// One line, no secrets, no raw control character (service text in it is escaped).
    pub(crate) message: String,
    /// The parsed error body (or its text when not JSON), secrets removed.
    #[serde(serialize_with = "super::int64::serialize_opt_value")]
    pub(crate) body: Option<serde_json::Value>,
    /// How long the server asked us to wait (`Retry-After`), in milliseconds.
    #[serde(serialize_with = "super::int64::serialize_opt")]
    pub(crate) retry_after_ms: Option<u64>,
}

impl ApiError {
    /// The failure class.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The HTTP status, when the server answered (200 for an Authlete answer whose `action` is
    /// not `OK`).
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The provider's own error code: HOPR `status`, Authlete `resultCode`, Knetik `code` or
    /// OAuth `error`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// How long the server asked to wait before trying again (`Retry-After`), in ms.
    pub fn retry_after_ms(&self) -> Option<u64> {
        self.retry_after_ms
    }

    /// The service.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The provider's operationId, e.g. `tokensGetToken`.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// One line saying what happened, without secrets. Service text it quotes (a provider's
    /// code and message) is escaped by [`super::escape::escape`], and no other character a
    /// terminal acts on stays raw either, so the message is safe to print; [`ApiError::code`] and
    /// [`ApiError::body`] keep the service's text as it came.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The server's error body (parsed JSON, or its text up to 1 KiB), secrets removed.
    pub fn body(&self) -> Option<&serde_json::Value> {
        self.body.as_ref()
    }

    /// A failure with no HTTP answer attached.
    pub fn new(
        kind: ErrorKind,
        provider: Provider,
        operation: &str,
        message: impl Into<String>,
    ) -> Self {
        ApiError::answered(kind, provider, operation, message, Answered::default())
    }

    /// A failure about what the server answered: its status, the provider's code, the
    /// (redacted) body and `Retry-After`.
    pub fn answered(
        kind: ErrorKind,
        provider: Provider,
        operation: &str,
        message: impl Into<String>,
        answer: Answered,
    ) -> Self {
        ApiError {
            kind,
            status: answer.status,
            code: answer.code,
            provider,
            operation: operation.to_string(),
            message: one_line(&message.into()),
            body: answer.body,
            retry_after_ms: answer.retry_after_ms,
        }
    }

    /// An `invalid_argument` error naming the offending field.
    pub fn invalid_argument(
        provider: Provider,
        operation: &str,
        field: &str,
        problem: &str,
    ) -> Self {
        let message = format!(
            "{} {operation}: invalid argument `{field}`: {problem}",
            provider.display_name()
        );
        ApiError::new(ErrorKind::InvalidArgument, provider, operation, message)
    }

    /// An `insecure_url` error: `field` is plain `http:` to a host that is not loopback.
    pub fn insecure_url(provider: Provider, operation: &str, field: &str, problem: &str) -> Self {
        ApiError {
            kind: ErrorKind::InsecureUrl,
            ..ApiError::invalid_argument(provider, operation, field, problem)
        }
    }
}

/// What the server answered, as an [`ApiError`] carries it (see [`ApiError::answered`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answered {
    /// The HTTP status.
    pub status: Option<u16>,
    /// The provider's own error code.
    pub code: Option<String>,
    /// The parsed error body, secrets removed.
    pub body: Option<serde_json::Value>,
    /// The server's `Retry-After`, in ms.
    pub retry_after_ms: Option<u64>,
}

/// The message ([`ApiError::message`]): one line, safe to print to a terminal.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

/// Folds a text to one line of at most 300 characters, so a server's multi-line page cannot
/// turn an error message into a wall of text: runs of whitespace (newlines included) become one
/// space, and any other character a terminal acts on (ESC, BEL, a C1 control, a bidirectional
/// override) is shown escaped (`\u001b`, see [`super::escape`]), never kept raw.
pub fn one_line(text: &str) -> String {
    const MAX: usize = 300;
    let mut out = String::with_capacity(text.len().min(MAX + 3));
    let mut last_space = false;
    for (count, c) in text.chars().enumerate() {
        if count >= MAX {
            out.push_str("...");
            break;
        }
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        if is_terminal_control(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_folds_newlines_and_runs_of_space() {
        assert_eq!(one_line("a\n\n  b\r\tc "), "a b c");
    }

    #[test]
    fn one_line_shows_terminal_controls_escaped() {
        assert_eq!(
            one_line("a\u{1b}[2J\u{7}\u{9b}\u{202e}b\u{85}c\\d"),
            "a\\u001b[2J\\u0007\\u009b\\u202eb c\\d"
        );
    }

    #[test]
    fn one_line_caps_length() {
        let long = "x".repeat(1000);
        let folded = one_line(&long);
        assert_eq!(folded.chars().count(), 303);
        assert!(folded.ends_with("..."));
    }

    #[test]
    fn serializes_with_js_names() {
        let mut e =
            ApiError::invalid_argument(Provider::Hopr, "tokensDelete", "id", "must not be empty");
        e.retry_after_ms = Some(5);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["kind"], "invalid_argument");
        assert_eq!(json["provider"], "hopr");
        assert_eq!(json["retryAfterMs"], 5);
        assert_eq!(
            json["message"],
            "HOPR tokensDelete: invalid argument `id`: must not be empty"
        );
    }
}
