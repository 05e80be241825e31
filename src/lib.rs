//! tokenops: typed clients for the token APIs of HOPR (node API v3), Authlete (v2 and v3) and
//! Knetik Cloud, compiled to WebAssembly for browsers and Node.
//!
//! [`core`] and each provider's `config`, `models` and `requests` are plain Rust, tested natively;
//! `transport`, the `js_*` modules and each provider's `client` need wasm.

#![deny(missing_docs)]
// `ApiError` is returned only on the cold path of a failed call and moved once to JS; boxing it
// would cost an allocation on every error for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod authlete;
pub mod core;
pub mod hopr;
pub mod knetik;

#[cfg(target_arch = "wasm32")]
pub mod js_call;
#[cfg(target_arch = "wasm32")]
pub mod js_caller;
#[cfg(target_arch = "wasm32")]
pub mod js_error;
#[cfg(target_arch = "wasm32")]
pub mod js_fields;
#[cfg(target_arch = "wasm32")]
pub mod transport;

/// Size of the wasm linear memory in bytes, for the soak test and benchmarks (not public API).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = __wasmMemoryBytes, skip_typescript)]
pub fn wasm_memory_bytes() -> f64 {
    (::core::arch::wasm32::memory_size(0) as f64) * 65536.0
}

/// Decodes a success body exactly as a call would (the bytes into wasm memory and through the
/// engine's UTF-8 decoder, shape check, `JSON.parse`), so the benchmark can time decoding alone
/// (not public API). `shape` is `authlete.list` or `knetik.page`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = __decodeForBench, skip_typescript)]
pub fn decode_for_bench(
    shape: &str,
    body: js_sys::Uint8Array,
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let shape = match shape {
        "authlete.list" => &authlete::shapes::LIST,
        "knetik.page" => &knetik::shapes::PAGE,
        _ => return Err("unknown shape".into()),
    };
    let answer = transport::body_answer(&body, 200, None);
    let report = core::shape::check(&answer.raw.body, shape).map_err(|e| format!("{e:?}"))?;
    js_caller::checked_body_to_js(&answer, &report, shape).ok_or_else(|| "not JSON".into())
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const COMMON_TYPES: &str = include_str!("js/common.d.ts");
