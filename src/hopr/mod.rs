//! HOPR node API v3 token operations: `tokensCreate`, `tokensGetToken`, `tokensDelete`.
//!
//! [`models`], [`config`] and [`requests`] are plain Rust; [`HoprClient`] (wasm) sends them.

pub mod config;
pub mod models;
pub mod requests;

#[cfg(target_arch = "wasm32")]
mod client;

#[cfg(target_arch = "wasm32")]
pub use client::HoprClient;
pub use config::{AuthScheme, HoprConfig, HoprDescription};
pub use models::{
    Token, TokenCapability, TokenCapabilityLimit, TokenCapabilityLimitConditions,
    TokensCreate201Response, TokensCreateRequest, ENDPOINTS,
};
