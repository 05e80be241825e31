//! A typed helper for the sandbox's control API (feature `testing`, wasm32), for Rust apps that
//! test with wasm-bindgen-test against the emulator (`tokenops sandbox -- wasm-pack test ...`,
//! or `tokenops-sandbox` from crates.io): reset it, move its clock, script faults, read its
//! request log, and give each test a session of its own.
//!
//! The control API is described here on its own, as the client side of the sandbox's
//! `/_sandbox/...` endpoints; the emulator keeps its own description (it shares no model with
//! this crate).
//!
//! ```no_run
//! # async fn demo() -> Result<(), tokenops::testing::SandboxError> {
//! use tokenops::testing::{Fault, Sandbox};
//!
//! let sandbox = Sandbox::from_env(); // TOKENOPS_SANDBOX_URL at build time, else :8787
//! let session = sandbox.session().await?; // an isolated, seeded world; its url() is the base URL
//! session.advance_clock(61_000).await?; // every expiry follows the sandbox's clock
//! session
//!     .fault(&Fault { path: "/api/v3/token".into(), status: Some(503), ..Fault::default() })
//!     .await?;
//! session.close().await?;
//! # Ok(())
//! # }
//! ```

use gloo_net::http::Request;
use serde::{Deserialize, Serialize};

/// The sandbox's URL when none is given: `TOKENOPS_SANDBOX_URL` when this crate was built (the
/// `tokenops sandbox -- <command>` mode sets it), else the sandbox's default address.
pub const DEFAULT_URL: &str = match option_env!("TOKENOPS_SANDBOX_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8787",
};

/// A control call that failed: the sandbox did not answer, or refused the call (its message
/// names the field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SandboxError(pub String);

impl std::fmt::Display for SandboxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SandboxError {}

/// One scripted fault: the next `count` requests to `path` get it (`POST /_sandbox/faults`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// Exact path (no query), e.g. `/api/v3/token`; in a session, the path after its prefix.
    pub path: String,
    /// Only this method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// How many requests it applies to (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Answer with this status (200 to 599).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Answer with this body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body's content type (default `application/json`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Wait this long first, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// Send this `Retry-After`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    /// Send this `Location` (with a 3xx status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Close the connection without answering.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    /// Send half the body, then close.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncate: bool,
    /// Send half the body, then nothing more.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stall: bool,
    /// Send a body of this many bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_bytes: Option<u64>,
}

/// One request the sandbox received (`GET /_sandbox/requests`), credentials and tokens redacted.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct LoggedRequest {
    /// Method.
    pub method: String,
    /// Path as received, without the query (in a session, after its prefix); a segment that is
    /// a token `<redacted>`.
    pub path: String,
    /// Query string, without `?`.
    pub query: String,
    /// Headers (lower-case names), credential values `<redacted>`.
    pub headers: std::collections::BTreeMap<String, String>,
    /// Body text, credentials and tokens `<redacted>`.
    pub body: String,
}

/// The control API of a sandbox (or of one of its sessions) at a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sandbox {
    url: String,
}

/// An isolated, seeded world of a sandbox, under its own URL; its control calls touch only it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    id: String,
    control: Sandbox,
}

#[derive(Deserialize)]
struct Made {
    id: String,
    url: String,
}

#[derive(Deserialize)]
struct Clock {
    now: u64,
}

impl Sandbox {
    /// The sandbox at `url` (its origin, e.g. `http://127.0.0.1:8787`).
    pub fn new(url: impl Into<String>) -> Sandbox {
        let mut url = url.into();
        while url.ends_with('/') {
            url.pop();
        }
        Sandbox { url }
    }

    /// The sandbox at [`DEFAULT_URL`].
    pub fn from_env() -> Sandbox {
        Sandbox::new(DEFAULT_URL)
    }

    /// Its URL: the base URL to give the clients.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Back to the seeded state: tokens, faults, the clock, counters and the request log.
    ///
    /// # Errors
    /// [`SandboxError`] when the sandbox does not answer or refuses the call.
    pub async fn reset(&self) -> Result<(), SandboxError> {
        self.call("POST", "/_sandbox/reset", None).await.map(drop)
    }

    /// Moves the sandbox's clock forward by `ms`; every expiry follows it.
    ///
    /// # Errors
    /// [`SandboxError`] when the sandbox does not answer or refuses `ms` (too large).
    pub async fn advance_clock(&self, ms: u64) -> Result<(), SandboxError> {
        let body = format!("{{\"advanceMs\":{ms}}}");
        self.call("POST", "/_sandbox/clock", Some(body))
            .await
            .map(drop)
    }

    /// The sandbox's clock, ms since the epoch.
    ///
    /// # Errors
    /// [`SandboxError`] when the sandbox does not answer.
    pub async fn now(&self) -> Result<u64, SandboxError> {
        let text = self.call("GET", "/_sandbox/clock", None).await?;
        parse::<Clock>(&text).map(|c| c.now)
    }

    /// Scripts the next answers of a path.
    ///
    /// # Errors
    /// [`SandboxError`] when the sandbox does not answer or refuses the fault (naming the field).
    pub async fn fault(&self, fault: &Fault) -> Result<(), SandboxError> {
        let body = crate::core::json::to_text(fault)
            .map_err(|_| SandboxError("the fault cannot be written as JSON".into()))?;
        self.call("POST", "/_sandbox/faults", Some(body))
            .await
            .map(drop)
    }

    /// The requests received so far, oldest first.
    ///
    /// # Errors
    /// [`SandboxError`] when the sandbox does not answer.
    pub async fn requests(&self) -> Result<Vec<LoggedRequest>, SandboxError> {
        let text = self.call("GET", "/_sandbox/requests", None).await?;
        parse(&text)
    }

    /// A new session: a fresh, seeded world under its own URL.
    ///
    /// # Errors
    /// [`SandboxError`] when the sandbox does not answer.
    pub async fn session(&self) -> Result<Session, SandboxError> {
        let text = self.call("POST", "/_sandbox/sessions", None).await?;
        let made: Made = parse(&text)?;
        Ok(Session {
            id: made.id,
            control: Sandbox::new(made.url),
        })
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> Result<String, SandboxError> {
        let url = format!("{}{path}", self.url);
        let builder = match method {
            "GET" => Request::get(&url),
            "DELETE" => Request::delete(&url),
            _ => Request::post(&url),
        };
        let request = match body {
            Some(json) => builder
                .header("content-type", "application/json")
                .body(json),
            None => builder.build(),
        }
        .map_err(|e| SandboxError(e.to_string()))?;
        let response = request.send().await.map_err(|e| {
            SandboxError(format!("the sandbox at {} did not answer: {e}", self.url))
        })?;
        let text = response
            .text()
            .await
            .map_err(|e| SandboxError(e.to_string()))?;
        if response.ok() {
            return Ok(text);
        }
        let why = crate::core::json::parse_value(&text)
            .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
            .unwrap_or_else(|| format!("HTTP {}", response.status()));
        Err(SandboxError(format!("{method} {path}: {why}")))
    }
}

impl Session {
    /// The session's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its URL: the base URL to give the clients.
    pub fn url(&self) -> &str {
        self.control.url()
    }

    /// Back to the seeded state (this session only).
    ///
    /// # Errors
    /// As [`Sandbox::reset`].
    pub async fn reset(&self) -> Result<(), SandboxError> {
        self.control.reset().await
    }

    /// Moves this session's clock forward by `ms`.
    ///
    /// # Errors
    /// As [`Sandbox::advance_clock`].
    pub async fn advance_clock(&self, ms: u64) -> Result<(), SandboxError> {
        self.control.advance_clock(ms).await
    }

    /// This session's clock, ms since the epoch.
    ///
    /// # Errors
    /// As [`Sandbox::now`].
    pub async fn now(&self) -> Result<u64, SandboxError> {
        self.control.now().await
    }

    /// Scripts the next answers of a path of this session.
    ///
    /// # Errors
    /// As [`Sandbox::fault`].
    pub async fn fault(&self, fault: &Fault) -> Result<(), SandboxError> {
        self.control.fault(fault).await
    }

    /// The requests this session received, oldest first.
    ///
    /// # Errors
    /// As [`Sandbox::requests`].
    pub async fn requests(&self) -> Result<Vec<LoggedRequest>, SandboxError> {
        self.control.requests().await
    }

    /// Ends the session: its state is gone and its URL answers 404.
    ///
    /// # Errors
    /// [`SandboxError`] when the sandbox does not answer or the session was already gone.
    pub async fn close(self) -> Result<(), SandboxError> {
        self.control.call("DELETE", "", None).await.map(drop)
    }
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, SandboxError> {
    crate::core::json::from_text(text)
        .map_err(|e| SandboxError(format!("an answer the helper cannot read: {e:?}")))
}
