//! Reads the caller's own HOPR token with gloo-net + serde and says what it may do: the app of
//! bench/rust-app/tokenops without tokenops.

use gloo_net::http::Request;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// `TokenCapabilityLimit_conditions`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Conditions {
    max: Option<u64>,
}

/// `TokenCapabilityLimit`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Limit {
    #[serde(rename = "type")]
    kind: String,
    conditions: Option<Conditions>,
    used: Option<u64>,
}

/// `TokenCapability`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Capability {
    endpoint: String,
    limits: Option<Vec<Limit>>,
}

/// `Token`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Token {
    id: String,
    description: Option<String>,
    valid_until: Option<i64>,
    capabilities: Vec<Capability>,
}

/// `"<id> may call <n> endpoints"`, or the error's one-line message.
#[wasm_bindgen]
pub async fn read_token(base_url: String, api_token: String) -> Result<String, JsValue> {
    let fail = |e: gloo_net::Error| JsValue::from_str(&e.to_string());
    let url = format!("{}/api/v3/token", base_url.trim_end_matches('/'));
    let res = Request::get(&url)
        .header("x-auth-token", &api_token)
        .send()
        .await
        .map_err(fail)?;
    if !res.ok() {
        return Err(JsValue::from_str(&format!("HTTP {}", res.status())));
    }
    let token: Token = res.json().await.map_err(fail)?;
    Ok(format!(
        "{} may call {} endpoints",
        token.id,
        token.capabilities.len()
    ))
}
