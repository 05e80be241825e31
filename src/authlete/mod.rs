//! Authlete token operations (API v2 `/api/auth/token/...` and v3 `/api/{serviceId}/auth/token/...`).
//!
//! [`models`], [`config`] and [`requests`] are plain Rust; [`AuthleteClient`] (wasm) sends them.

pub mod config;
pub mod models;
pub mod requests;

#[cfg(target_arch = "wasm32")]
mod client;

#[cfg(target_arch = "wasm32")]
pub use client::{AuthleteClient, ListAll};
pub use config::{ApiVersion, AuthleteConfig, AuthleteDescription};
pub use models::*;
pub use requests::{ContentType, TokenListAllQuery, TokenListQuery};
