//! Authlete token update: what a field left out, null, 0 or negative means (Authlete's
//! reference: the token's value stays), as the official Python library sends every field.

mod common;

use common::*;
use serde_json::{json, Value};

fn post(s: &Server, path: &str, body: &Value) -> Value {
    let auth = basic("sandbox-key", "sandbox-secret");
    let r = s.req(
        "POST",
        &format!("/api/auth/token/{path}"),
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        &body.to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

#[test]
fn update_leaves_what_is_absent_null_or_not_positive() {
    let s = start();
    let created = post(
        &s,
        "create",
        &json!({"grantType": "AUTHORIZATION_CODE", "clientId": 1001, "subject": "u",
                "scopes": ["openid"], "properties": [{"key": "k", "value": "v"}]}),
    );
    let token = created["accessToken"].as_str().unwrap();
    let expires = created["expiresAt"].as_u64().unwrap();
    let refresh_expires = post(&s, "update", &json!({"accessToken": token}))
        ["refreshTokenExpiresAt"]
        .as_u64()
        .unwrap();

    // What the Python library sends for an update of the scopes only.
    let r = post(
        &s,
        "update",
        &json!({"accessToken": token, "scopes": ["openid", "email"], "accessTokenExpiresAt": 0,
                "refreshTokenExpiresAt": 0, "properties": null, "accessTokenPersistent": false}),
    );
    assert_eq!(r["action"], "OK");
    assert_eq!(r["scopes"], json!(["openid", "email"]));
    assert_eq!(r["accessTokenExpiresAt"], expires);
    assert_eq!(r["refreshTokenExpiresAt"], refresh_expires);
    assert_eq!(r["properties"], json!([{"key": "k", "value": "v"}]));

    let r = post(
        &s,
        "update",
        &json!({"accessToken": token, "scopes": null, "accessTokenExpiresAt": -5}),
    );
    assert_eq!(r["scopes"], json!(["openid", "email"]));
    assert_eq!(r["accessTokenExpiresAt"], expires);

    let r = post(
        &s,
        "update",
        &json!({"accessToken": token, "accessTokenExpiresAt": 4102444800000_u64,
                "refreshTokenExpiresAt": 4102444800001_u64, "scopes": []}),
    );
    assert_eq!(r["accessTokenExpiresAt"], 4102444800000_u64);
    assert_eq!(r["refreshTokenExpiresAt"], 4102444800001_u64);
    assert_eq!(r["scopes"], json!([]));
}
