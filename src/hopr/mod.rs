//! HOPR node API v3 token operations: `tokensCreate`, `tokensGetToken`, `tokensDelete`.

pub mod config;
pub mod models;
pub mod requests;
pub mod shapes;

#[cfg(target_arch = "wasm32")]
pub mod client;
