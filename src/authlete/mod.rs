//! Authlete token operations (API v2 `/api/auth/token/...` and v3 `/api/{serviceId}/auth/token/...`).

pub mod config;
pub mod models;
pub mod requests;
pub mod shapes;

#[cfg(target_arch = "wasm32")]
pub mod client;
