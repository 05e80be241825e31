//! The HTTP layer on gloo-net (wasm; its call options build anywhere): the one generic path of
//! every operation's call ([`call`]), one exchange per attempt with its timeout and the
//! caller's abort signal ([`exchange`]), sent with the global `fetch` or the client's own
//! ([`fetch`]), the per-call options ([`options`]), abortable waits on Rust futures ([`wait`]),
//! the retry loop that turns answers into success bodies or provider errors ([`caller`]), and
//! the engine's JSON codec (`json`).
//!
//! Requests never follow redirects (`redirect: "manual"`), never send cookies
//! (`credentials: "omit"`) and are never cached (`cache: "no-store"`).

#[cfg(target_arch = "wasm32")]
pub mod call;
#[cfg(target_arch = "wasm32")]
pub mod caller;
#[cfg(target_arch = "wasm32")]
pub mod exchange;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod json;
pub mod options;
#[cfg(target_arch = "wasm32")]
pub mod wait;

#[cfg(target_arch = "wasm32")]
pub use call::{Call, Client};
#[cfg(target_arch = "wasm32")]
pub use caller::Caller;
#[cfg(target_arch = "wasm32")]
pub use fetch::Fetch;
pub use options::CallOptions;
