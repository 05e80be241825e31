//! Provider-neutral building blocks in plain Rust: no wasm code (no web-sys, js-sys or
//! serde-wasm-bindgen), so every rule here is unit-tested natively with `cargo test`. Two seams
//! to the wasm layer are named here, not implemented: a client's `fetch` option
//! (`crate::http::Fetch`) and, in the builds that decode with the engine, the JSON codec
//! (`crate::http::json`).

pub mod auth;
pub mod base64;
pub mod base_url;
pub mod config;
pub mod decode;
pub mod dry_run;
pub mod encode;
pub mod endpoint;
pub mod error;
pub mod escape;
pub mod int64;
pub mod json;
pub mod pages;
pub mod redact;
pub mod request;
pub mod retry;
pub mod serde_text;
// Only the JS shell reads caller input strictly; the unit tests of the providers' input checks
// read JSON through it too.
#[cfg(any(feature = "js", test))]
pub mod strict;
pub mod wire;
