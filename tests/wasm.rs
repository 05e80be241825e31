//! wasm-bindgen-test suite: the exported classes, inside wasm, against a running sandbox.
//! Runs in Node (`wasm-pack test --node`) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --chrome --headless`); scripts/test.sh starts the
//! sandbox at `TOKENOPS_SANDBOX_URL` (compile-time, default http://127.0.0.1:8790) first.
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Promise, Reflect};
use tokenops::hopr::client::HoprTokens;
use tokenops::js_error::set_api_error_factory;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const SANDBOX: &str = match option_env!("TOKENOPS_SANDBOX_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8790",
};

fn setup() {
    // Errors arrive as plain objects with the ApiError fields.
    let f = Closure::<dyn Fn(String) -> JsValue>::new(|json: String| {
        js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
    });
    set_api_error_factory(f.as_ref().clone().into());
    f.forget();
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).ok();
    }
    o.into()
}

fn client(token: &str, scheme: &str) -> HoprTokens {
    HoprTokens::new(options(&[
        ("baseUrl", SANDBOX.into()),
        ("apiToken", token.into()),
        ("authScheme", scheme.into()),
    ]))
    .unwrap_or_else(|_| panic!("client options are valid"))
}

fn field(v: &JsValue, name: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

async fn settle(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

#[wasm_bindgen_test]
async fn get_token_with_both_schemes() {
    setup();
    for scheme in ["header", "basic"] {
        let token = settle(client("hopr-demo-token", scheme).get_token(None))
            .await
            .unwrap();
        assert_eq!(field(&token, "id").as_string().as_deref(), Some("demo"));
    }
}

#[wasm_bindgen_test]
async fn create_then_delete() {
    setup();
    let admin = client("hopr-admin-token", "header");
    let req =
        js_sys::JSON::parse(r#"{"capabilities":[{"endpoint":"tokensGetToken"}],"lifetime":60}"#)
            .unwrap();
    let created = settle(admin.create_token(req, None)).await.unwrap();
    let value = field(&created, "token").as_string().unwrap();
    let own = settle(client(&value, "basic").get_token(None))
        .await
        .unwrap();
    let id = field(&own, "id");
    let deleted = settle(admin.delete_token(id, None)).await.unwrap();
    assert!(deleted.is_undefined());
    let gone = settle(client(&value, "header").get_token(None))
        .await
        .unwrap_err();
    assert_eq!(field(&gone, "status").as_f64(), Some(401.0));
}

#[wasm_bindgen_test]
async fn http_errors_are_typed() {
    setup();
    let err = settle(client("wrong", "header").get_token(None))
        .await
        .unwrap_err();
    assert_eq!(field(&err, "kind").as_string().as_deref(), Some("http"));
    assert_eq!(
        field(&err, "code").as_string().as_deref(),
        Some("UNAUTHORIZED")
    );
    let err = settle(client("hopr-demo-token", "header").delete_token("missing".into(), None))
        .await
        .unwrap_err();
    assert_eq!(field(&err, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn bad_arguments_reject_without_a_request() {
    setup();
    let c = client("hopr-demo-token", "header");
    let err = settle(c.delete_token("..".into(), None)).await.unwrap_err();
    assert_eq!(
        field(&err, "kind").as_string().as_deref(),
        Some("invalid_argument")
    );
    let insecure = HoprTokens::new(options(&[
        ("baseUrl", "http://example.com".into()),
        ("apiToken", "x".into()),
    ]));
    let Err(err) = insecure else {
        panic!("http to a remote host must be refused")
    };
    assert_eq!(
        field(&err, "kind").as_string().as_deref(),
        Some("insecure_url")
    );
}

#[wasm_bindgen_test]
async fn abort_and_network_errors_then_recovery() {
    setup();
    let c = client("hopr-demo-token", "header");
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let opts = options(&[("signal", controller.signal().into())]);
    let err = settle(c.get_token(Some(opts))).await.unwrap_err();
    assert_eq!(field(&err, "kind").as_string().as_deref(), Some("aborted"));
    let closed = HoprTokens::new(options(&[
        ("baseUrl", "http://127.0.0.1:9".into()),
        ("apiToken", "x".into()),
        ("retry", false.into()),
    ]))
    .unwrap_or_else(|_| panic!("valid options"));
    let err = settle(closed.get_token(None)).await.unwrap_err();
    assert_eq!(field(&err, "kind").as_string().as_deref(), Some("network"));
    let ok = settle(c.get_token(None)).await.unwrap();
    assert_eq!(field(&ok, "id").as_string().as_deref(), Some("demo"));
}
