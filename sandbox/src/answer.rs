//! What the emulator answers: a response, or a scripted network fault as data, after an
//! optional delay. Each shell carries it out on its own transport (sockets, Node's http server,
//! a `Response` object), so the core never sleeps, writes or closes anything itself.

use crate::message::Response;

/// The emulator's answer to one request.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// Wait this long before carrying out [`Answer::outcome`] (a scripted delay), ms.
    pub delay_ms: u64,
    /// What to send.
    pub outcome: Outcome,
}

/// What the transport does.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Answer normally.
    Respond(Response),
    /// Close the connection without answering (a `fetch` sees a network error).
    Drop,
    /// Send the headers (announcing more than the body) and half the body, then close.
    Truncate(Response),
    /// Send the headers (announcing more than the body) and half the body, then send nothing
    /// more: the std server keeps the connection for 60 s, the other shells until the caller
    /// gives up (closes, or aborts its signal).
    Stall(Response),
    /// Send these headers and a body of this many `x` bytes.
    Huge(Response, u64),
    /// No emulated API has this path: a shell that serves files (the std server's `www/` and
    /// `pkg/`) answers it; the others answer [`not_found`].
    Unrouted,
}

impl Answer {
    /// An immediate answer.
    pub fn now(outcome: Outcome) -> Answer {
        Answer {
            delay_ms: 0,
            outcome,
        }
    }

    /// An immediate response.
    pub fn respond(response: Response) -> Answer {
        Answer::now(Outcome::Respond(response))
    }
}

/// The headers every answer carries: callers on other origins (the admin console, a test page)
/// may read it and its `Retry-After`. Added once: an answer that has them keeps them as they are
/// (a browser refuses `Access-Control-Allow-Origin: *, *`).
pub fn with_cors(response: Response) -> Response {
    if response.header("access-control-allow-origin").is_some() {
        return response;
    }
    response
        .with_header("access-control-allow-origin", "*")
        .with_header(
            "access-control-expose-headers",
            "Retry-After, Content-Length",
        )
}

/// The CORS preflight answer (for any path).
pub fn preflight() -> Response {
    Response::new(204, "", Vec::new())
        .with_header(
            "access-control-allow-methods",
            "GET, POST, PUT, PATCH, DELETE, OPTIONS",
        )
        .with_header(
            "access-control-allow-headers",
            "authorization, x-auth-token, content-type, accept",
        )
        .with_header("access-control-max-age", "600")
        .with_header("access-control-allow-private-network", "true")
}

/// The answer to a path nothing serves.
pub fn not_found() -> Response {
    with_cors(Response::new(404, "", Vec::new()))
}
