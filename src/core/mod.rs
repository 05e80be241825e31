//! Provider-neutral building blocks, plain Rust with no wasm dependency, so every rule here is
//! unit-tested natively with `cargo test`.

pub mod auth;
pub mod base64;
pub mod base_url;
pub mod config;
pub mod decode;
pub mod dry_run;
pub mod encode;
pub mod error;
pub mod escape;
pub mod int64;
pub mod json;
pub mod pages;
pub mod redact;
pub mod request;
pub mod retry;
pub mod strict;
pub mod wire;
