//! The sandbox, as a Rust app's wasm-bindgen-test would drive it: its URL (compile-time
//! `TOKENOPS_SANDBOX_URL`, set by scripts/test.sh) and its control endpoints, called with
//! gloo-net.
#![allow(dead_code)]

use gloo_net::http::Request;
use wasm_bindgen::JsValue;

/// Where the sandbox listens.
pub const URL: &str = match option_env!("TOKENOPS_SANDBOX_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8790",
};

async fn control(method: &str, path: &str, body: Option<&str>) -> serde_json::Value {
    let url = format!("{URL}{path}");
    let request = match method {
        "GET" => Request::get(&url).build(),
        _ => match body {
            Some(json) => Request::post(&url)
                .header("content-type", "application/json")
                .body(json),
            None => Request::post(&url).build(),
        },
    }
    .expect("a control request");
    let response = request.send().await.expect("the sandbox answers");
    assert!(response.ok(), "{method} {path}: {}", response.status());
    let text = response.text().await.expect("a body");
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

/// Forgets every token made by earlier tests and every scripted fault.
pub async fn reset() {
    control("POST", "/_sandbox/reset", None).await;
}

/// Scripts the next answers of a path (see README "The sandbox").
pub async fn fault(fault: serde_json::Value) {
    control("POST", "/_sandbox/faults", Some(&fault.to_string())).await;
}

/// How many `METHOD path` requests the sandbox has seen since the last reset.
pub async fn count(method_and_path: &str) -> u64 {
    let stats = control("GET", "/_sandbox/stats", None).await;
    stats["requests"][method_and_path].as_u64().unwrap_or(0)
}

/// Waits `ms`.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo_timers::callback::Timeout::new(ms, move || {
            let _ = resolve.call0(&JsValue::NULL);
        })
        .forget();
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}
