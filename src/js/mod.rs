//! The JS API (wasm): the exported classes, each a thin shell over a typed Rust client. Every
//! method converts its arguments with serde-wasm-bindgen into the Rust models (strictly, see
//! [`crate::core::strict`]), calls the client, and converts the result back.

mod convert;
mod error;
#[cfg(any(feature = "authlete", feature = "knetik"))]
mod iterator;
mod op;
mod options;

#[cfg(feature = "authlete")]
mod authlete_tokens;
#[cfg(feature = "hopr")]
mod hopr_tokens;
#[cfg(feature = "knetik")]
mod knetik_tokens;

#[cfg(feature = "authlete")]
pub use authlete_tokens::AuthleteTokens;
pub use error::set_api_error_factory;
#[cfg(feature = "hopr")]
pub use hopr_tokens::HoprTokens;
#[cfg(any(feature = "authlete", feature = "knetik"))]
pub use iterator::TokenIterator;
#[cfg(feature = "knetik")]
pub use knetik_tokens::KnetikTokens;

/// Declarations derivation cannot express (see README "TypeScript types").
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const HAND_WRITTEN_TYPES: &str = include_str!("types.d.ts");
