//! tokenops-sandbox: a stateful, in-memory emulator of the HOPR (node API v3), Authlete (v2 and
//! v3) and Knetik Cloud token APIs, for testing clients without an account anywhere.
//!
//! One core with no IO, three shells:
//! - the core ([`Emulator`]): a request and the current time in, an [`Answer`] out: a response,
//!   or a scripted network fault as data (delay, drop, truncate, stall, a huge body). Providers,
//!   state, faults, the clock, sessions and the control API (`/_sandbox/...`) live here; time
//!   and randomness are handed in, never read;
//! - [`server`] (native): a std HTTP/1.1 server (the `tokenops-sandbox` binary), which also
//!   serves the admin console and the built package as static files;
//! - `js` (feature `js`, wasm32): the core exported to the npm package's `tokenops/sandbox`
//!   entry, whose Node http server and in-process `fetch` carry out the answers.
//!
//! The emulator keeps its own description of each API, independent of the tokenops client
//! crate's models (an emulator that shared them could not catch their mistakes); both are held to
//! the same OpenAPI documents.
//!
//! ```
//! use tokenops_sandbox::{Emulator, Options, Outcome, Request};
//!
//! let mut emulator = Emulator::new(&Options::default(), 7, 1_700_000_000_000);
//! let mut req = Request::new("GET", "/api/v3/token");
//! req.headers.push(("x-auth-token".into(), "hopr-demo-token".into()));
//! let answer = emulator.handle(&req, 1_700_000_000_000);
//! let Outcome::Respond(response) = answer.outcome else { unreachable!() };
//! assert_eq!(response.status, 200);
//! ```
//!
//! The modules point one way: `message`, `answer`, `util`, `clock`, `log`, `faults` <- the
//! providers (`hopr`, `authlete`, `knetik`: each its state and its answers) <- `state` <-
//! `control`, `sessions` <- `emulator` <- the shells.

#![warn(missing_docs)]

pub mod answer;
pub mod authlete;
pub mod clock;
pub mod config;
pub mod control;
pub mod emulator;
pub mod faults;
pub mod hopr;
pub mod knetik;
pub mod log;
pub mod message;
pub mod sessions;
pub mod state;
pub mod util;

#[cfg(all(feature = "js", target_arch = "wasm32"))]
pub mod js;
#[cfg(not(target_arch = "wasm32"))]
pub mod server;

pub use answer::{Answer, Outcome};
pub use config::{Config, Options};
pub use emulator::Emulator;
pub use message::{Request, Response};
#[cfg(not(target_arch = "wasm32"))]
pub use server::{serve, ServerHandle};

/// The environment a command run inside the sandbox gets (`tokenops-sandbox -- <command>`,
/// `tokenops sandbox -- <command>`): the sandbox's URL under `TOKENOPS_SANDBOX_URL` and each
/// service's `TOKENOPS_<SERVICE>_URL`, and the demo credentials under the names the `tokenops`
/// command reads, so that `tokenops` works inside as it is. Variables given an empty value are
/// to be removed (credentials of another kind that the command would otherwise prefer).
pub fn exec_env(url: &str) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("TOKENOPS_SANDBOX_URL", url.to_string()),
        ("TOKENOPS_HOPR_URL", url.to_string()),
        ("TOKENOPS_AUTHLETE_URL", url.to_string()),
        ("TOKENOPS_KNETIK_URL", url.to_string()),
        ("TOKENOPS_HOPR_TOKEN", "hopr-demo-token".to_string()),
        ("TOKENOPS_AUTHLETE_API_KEY", authlete::API_KEY.to_string()),
        (
            "TOKENOPS_AUTHLETE_API_SECRET",
            authlete::API_SECRET.to_string(),
        ),
        (
            "TOKENOPS_AUTHLETE_SERVICE_ID",
            authlete::SERVICE_ID.to_string(),
        ),
        (
            "TOKENOPS_AUTHLETE_ACCESS_TOKEN",
            authlete::SERVICE_TOKEN.to_string(),
        ),
        (
            "TOKENOPS_KNETIK_CLIENT_ID",
            knetik::ADMIN_CLIENT.0.to_string(),
        ),
        (
            "TOKENOPS_KNETIK_CLIENT_SECRET",
            knetik::ADMIN_CLIENT.1.to_string(),
        ),
    ];
    for unset in [
        "TOKENOPS_KNETIK_ACCESS_TOKEN",
        "TOKENOPS_KNETIK_USERNAME",
        "TOKENOPS_KNETIK_PASSWORD",
    ] {
        env.push((unset, String::new()));
    }
    env
}
