//! The JS API (wasm): the exported classes, each a thin shell over a typed Rust client. Every
//! method converts its arguments with serde-wasm-bindgen into the Rust models (strictly, see
//! [`crate::core::strict`]), calls the client, and converts the result back.

mod convert;
mod error;
mod interned;
mod iterator;
mod op;

mod authlete_tokens;
mod hopr_tokens;
mod knetik_tokens;

pub use authlete_tokens::AuthleteTokens;
pub use error::set_api_error_factory;
pub use hopr_tokens::HoprTokens;
pub use iterator::TokenIterator;
pub use knetik_tokens::KnetikTokens;

/// Declarations derivation cannot express (see README "TypeScript types").
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const HAND_WRITTEN_TYPES: &str = include_str!("types.d.ts");
