//! Knetik Cloud auth tokens (`/auth/tokens`) with OAuth2 from `/oauth/token`.
//!
//! [`models`], [`config`], [`requests`] and [`oauth`] (the token cache's rules) are plain Rust;
//! [`KnetikClient`] and its token source (wasm) apply them.

pub mod config;
pub mod models;
pub mod oauth;
pub mod requests;

#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(target_arch = "wasm32")]
mod token_source;

#[cfg(target_arch = "wasm32")]
pub use client::{KnetikClient, ListAll};
pub use config::{Grant, KnetikConfig, KnetikDescription};
pub use models::{OauthAccessTokenResource, Order, PageResource};
pub use requests::{DeleteFilter, TokensListAllQuery, TokensQuery};
