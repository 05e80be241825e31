//! Knetik Cloud auth tokens (`/auth/tokens`) with OAuth2 from `/oauth/token`.

pub mod config;
pub mod models;
pub mod oauth;
pub mod requests;
pub mod shapes;

#[cfg(target_arch = "wasm32")]
pub mod client;
