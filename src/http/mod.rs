//! The wasm-only HTTP layer on gloo-net: one exchange per attempt with its timeout and the
//! caller's abort signal ([`exchange`]), sent with the global `fetch` or the client's own
//! ([`fetch`]), abortable waits ([`wait`]), and the retry loop that turns answers into success
//! bodies or provider errors ([`caller`]).
//!
//! Requests never follow redirects (`redirect: "manual"`), never send cookies
//! (`credentials: "omit"`) and are never cached (`cache: "no-store"`).

pub mod caller;
pub mod exchange;
pub mod fetch;
pub mod wait;

pub use caller::Caller;
pub use fetch::Fetch;
