//! The example against the sandbox (`TOKENOPS_SANDBOX_URL` at compile time).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test;

const URL: &str = match option_env!("TOKENOPS_SANDBOX_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8790",
};

#[wasm_bindgen_test]
async fn rotates_a_dashboard_token() {
    let id = rust_hopr_example::rotate(URL, "hopr-admin-token")
        .await
        .expect("the rotation works");
    assert!(!id.is_empty());
}

#[wasm_bindgen_test]
async fn a_wrong_admin_token_is_an_http_401() {
    let err = rust_hopr_example::rotate(URL, "not-a-token")
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), tokenops::ErrorKind::Http);
    assert_eq!(err.status(), Some(401));
}
