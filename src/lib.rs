//! tokenops: typed clients for the token APIs of HOPR (node API v3), Authlete (v2 and v3) and
//! Knetik Cloud, compiled to WebAssembly for browsers and Node.
//!
//! Two public APIs over one core:
//! - the typed Rust API (wasm32): `hopr::HoprClient`, `authlete::AuthleteClient` and
//!   `knetik::KnetikClient` (each in its service's module, a cargo feature), made from config
//!   structs (`hopr::HoprConfig`, ...), every operation taking typed models and a last
//!   [`CallOptions`] and returning a prepared call
//!   ([`http::Call`]): awaited, a `Result<Model, ApiError>`; its `dry_run()`, the request it
//!   would send. Every failure is an [`ApiError`]; [`ErrorKind`] lists when each kind occurs,
//!   and each operation's docs its errors.
//! - the JS API of the npm package (cargo feature `js`, off by default): the wasm-bindgen classes
//!   `HoprTokens`, `AuthleteTokens`, `KnetikTokens` of the module `js`, a thin shell over the
//!   Rust clients, with their TypeScript declarations. A Rust app that links tokenops without
//!   `js` gets none of them in its exports or its `.d.ts`.
//!
//! [`core`] and each provider's `config`, `models` and `requests` (its endpoints) are plain
//! Rust, tested natively, as are the call options; the rest of [`http`] (gloo-net, and
//! [`http::Call`]), the JS shell and the clients need wasm.
//!
//! Cargo features: `hopr`, `authlete`, `knetik` (all three by default), `js`, `testing` (the
//! module `testing`: the sandbox's control API for wasm-bindgen tests), `talc` (talc as the
//! wasm's allocator). In the wasm, JSON is the engine's (`JSON.parse`, `JSON.stringify`): an
//! int64 beyond 2^53 is exact where the engine has source text access (Chrome 114, Firefox 135,
//! Safari 18.4, Node 21) and otherwise a `Decode` error naming its field, never a rounded
//! number.
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")]
//! async fn read_mine() -> Result<(), tokenops::ApiError> {
//!     use tokenops::hopr::{HoprClient, HoprConfig};
//!     use tokenops::{CallOptions, ErrorKind};
//!
//!     let hopr = HoprClient::new(HoprConfig {
//!         base_url: "http://127.0.0.1:8787".into(),
//!         api_token: "hopr-demo-token".into(),
//!         ..Default::default()
//!     })?;
//!     match hopr.get_token(&CallOptions::default()).await {
//!         Ok(token) => println!("{} may call {} endpoints", token.id, token.capabilities.len()),
//!         Err(e) if e.kind() == ErrorKind::Http && e.status() == Some(401) => println!("bad token"),
//!         Err(e) => return Err(e),
//!     }
//!     Ok(())
//! }
//! ```
#![deny(missing_docs)]
// `ApiError` is returned only on the cold path of a failed call; boxing it would cost an
// allocation on every error for no measurable gain.
#![allow(clippy::result_large_err)]

#[cfg(feature = "authlete")]
pub mod authlete;
pub mod core;
#[cfg(feature = "hopr")]
pub mod hopr;
#[cfg(feature = "knetik")]
pub mod knetik;

pub mod http;
#[cfg(all(feature = "js", target_arch = "wasm32"))]
pub mod js;
#[cfg(all(feature = "testing", target_arch = "wasm32"))]
pub mod testing;

/// The allocator of the package's wasm (feature `talc`): talc instead of Rust's default dlmalloc,
/// for size (README "Performance" has the figure). Single-threaded builds only, as talc's wasm
/// allocator is. Off by default: an app that links this crate chooses its own allocator.
#[cfg(all(
    feature = "talc",
    target_arch = "wasm32",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The examples of the crate's README (README.crate.md, its page on crates.io), compiled as
/// doctests for wasm32 (`cargo test --doc --target wasm32-unknown-unknown`), where the clients are.
#[cfg(all(doctest, target_arch = "wasm32"))]
#[doc = include_str!("../README.crate.md")]
pub struct ReadmeExamples;

pub use crate::core::dry_run::{DryRun, CREDENTIAL_PLACEHOLDER};
pub use crate::core::error::{ApiError, ErrorKind, Provider};
pub use crate::core::retry::{Retry, RetryPolicy};
pub use crate::http::CallOptions;
#[cfg(target_arch = "wasm32")]
pub use crate::http::Fetch;
