//! The core exported to JavaScript (feature `js`, wasm32): what the npm package's
//! `tokenops/sandbox` entry wraps. Its Node http server and its in-process `fetch` hand each
//! request and the time to [`Core::handle`] and carry out the [`Reply`] (a response, or a
//! scripted fault: delay, drop, truncate, stall, a huge body) on their own transport.
//!
//! Plain values cross the boundary (strings, numbers, byte arrays, string arrays), so the glue
//! stays small; the shells' JavaScript gives them their shape.

use wasm_bindgen::prelude::*;

use crate::answer::Outcome;
use crate::config::{Options, MAX_SEED};
use crate::emulator::{credentials_text, Emulator};
use crate::message::{Request, Response};

/// The emulator, as the JavaScript shells hold it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Core {
    emulator: Emulator,
}

/// Milliseconds from JavaScript (`Date.now()`), as the core reads them.
fn millis(ms: f64) -> u64 {
    if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    }
}

#[wasm_bindgen]
impl Core {
    /// A fresh emulator: `options` is the JSON of `{ seed?, knetikTokenTtl? }`; `seed_hi` and
    /// `seed_lo` are 64 random bits for its token values (the core reads no entropy); `now` is
    /// `Date.now()`. Throws an `Error` naming the bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, seed_hi: u32, seed_lo: u32, now: f64) -> Result<Core, JsError> {
        let options = Options::parse(options.as_bytes(), &Options::default(), MAX_SEED)
            .map_err(|e| JsError::new(&e))?;
        let entropy = (u64::from(seed_hi) << 32) | u64::from(seed_lo);
        Ok(Core {
            emulator: Emulator::new(&options, entropy, millis(now)),
        })
    }

    /// Answers one request: `target` is the path and query (`/api/v3/token?x=1`), `headers`
    /// alternate names and values, `origin` is `http://host:port`, `now` is `Date.now()`.
    pub fn handle(
        &mut self,
        method: &str,
        target: &str,
        headers: Vec<String>,
        body: Vec<u8>,
        origin: &str,
        now: f64,
    ) -> Reply {
        let mut req = Request::new(method, target);
        req.headers = headers
            .chunks_exact(2)
            .map(|pair| (pair[0].to_ascii_lowercase(), pair[1].clone()))
            .collect();
        req.body = body;
        req.origin = origin.to_string();
        let answer = self.emulator.handle(&req, millis(now));
        let (kind, response, huge) = match answer.outcome {
            Outcome::Respond(r) => ("respond", Some(r), 0),
            Outcome::Drop => ("drop", None, 0),
            Outcome::Truncate(r) => ("truncate", Some(r), 0),
            Outcome::Stall(r) => ("stall", Some(r), 0),
            Outcome::Huge(r, n) => ("huge", Some(r), n),
            Outcome::Unrouted => ("respond", Some(crate::answer::not_found()), 0),
        };
        let Response {
            status,
            headers,
            body,
        } = response.unwrap_or_else(|| Response::new(0, "", Vec::new()));
        Reply {
            kind,
            delay_ms: answer.delay_ms as f64,
            status,
            headers: headers.into_iter().flat_map(|(k, v)| [k, v]).collect(),
            body,
            huge_bytes: huge as f64,
        }
    }
}

/// The startup banner's credential lines for `options` (the JSON of `{ seed?, knetikTokenTtl? }`).
#[wasm_bindgen(js_name = credentialsText)]
pub fn credentials_text_of(options: &str) -> Result<String, JsError> {
    let options = Options::parse(options.as_bytes(), &Options::default(), MAX_SEED)
        .map_err(|e| JsError::new(&e))?;
    Ok(credentials_text(&options))
}

/// One answer, as the JavaScript shells carry it out.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Reply {
    kind: &'static str,
    delay_ms: f64,
    status: u16,
    headers: Vec<String>,
    body: Vec<u8>,
    huge_bytes: f64,
}

#[wasm_bindgen]
impl Reply {
    /// `respond`, `drop`, `truncate`, `stall` or `huge`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.kind.to_string()
    }

    /// Wait this long first, ms.
    #[wasm_bindgen(getter, js_name = delayMs)]
    pub fn delay_ms(&self) -> f64 {
        self.delay_ms
    }

    /// The status (0 for `drop`).
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status's reason phrase.
    #[wasm_bindgen(getter, js_name = statusText)]
    pub fn status_text(&self) -> String {
        crate::message::reason(self.status).to_string()
    }

    /// Header names and values, alternating.
    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> Vec<String> {
        self.headers.clone()
    }

    /// The body (for `huge`, empty: send [`Reply::huge_bytes`] bytes of `x`).
    #[wasm_bindgen(getter)]
    pub fn body(&self) -> Vec<u8> {
        self.body.clone()
    }

    /// For `huge`: how many bytes of body to send.
    #[wasm_bindgen(getter, js_name = hugeBytes)]
    pub fn huge_bytes(&self) -> f64 {
        self.huge_bytes
    }
}

/// The demo credentials as JSON, by provider, each entry spreadable into a client's options.
#[wasm_bindgen]
pub fn credentials() -> String {
    serde_json::json!(crate::emulator::credentials()).to_string()
}

/// Whether `authority` is a `host[:port]` a session URL may name (see
/// [`crate::util::is_host`]): the Node server takes the caller's origin by the std server's rule.
#[wasm_bindgen(js_name = isHost)]
pub fn is_host(authority: &str) -> bool {
    crate::util::is_host(authority)
}

/// The environment of a command run inside the sandbox, names and values alternating (an empty
/// value: remove that variable). See [`crate::exec_env`].
#[wasm_bindgen(js_name = execEnv)]
pub fn exec_env(url: &str) -> Vec<String> {
    crate::exec_env(url)
        .into_iter()
        .flat_map(|(k, v)| [k.to_string(), v])
        .collect()
}
