//! Reads the caller's own HOPR token with tokenops and says what it may do.

use tokenops::hopr::{HoprClient, HoprConfig};
use tokenops::CallOptions;
use wasm_bindgen::prelude::*;

/// `"<id> may call <n> endpoints"`, or the error's one-line message.
#[wasm_bindgen]
pub async fn read_token(base_url: String, api_token: String) -> Result<String, JsValue> {
    let fail = |e: tokenops::ApiError| JsValue::from_str(&e.to_string());
    let hopr = HoprClient::new(HoprConfig {
        base_url,
        api_token: api_token.into(),
        ..Default::default()
    })
    .map_err(fail)?;
    let token = hopr.get_token(&CallOptions::default()).await.map_err(fail)?;
    Ok(format!(
        "{} may call {} endpoints",
        token.id,
        token.capabilities.len()
    ))
}
