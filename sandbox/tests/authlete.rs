//! Authlete token operations as the two documents have them: update's fields left out, null, 0
//! or negative (the token's value stays, as the official Python library sends every field),
//! v3's alternatives (`clientIdentifier` on create, `accessTokenHash` on update), form bodies,
//! persistent tokens, int32 list bounds, int64 expiries, and authentication before a service
//! id is looked up; one trailing slash.

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
    // v2's document has no refreshTokenExpiresAt: the v2 service does not act on it.
    assert_eq!(r["refreshTokenExpiresAt"], refresh_expires);
    assert_eq!(r["scopes"], json!([]));
}

const V2: &str = "/api/auth/token";
const V3: &str = "/api/715948317/auth/token";
const FORM: &str = "application/x-www-form-urlencoded";

/// The credentials of the API a path prefix belongs to.
fn auth_for(prefix: &str) -> String {
    if prefix == V2 {
        basic("sandbox-key", "sandbox-secret")
    } else {
        "Bearer sandbox-service-token".to_string()
    }
}

/// A call of `{prefix}/{op}` in process with the right credentials; (status, body).
fn call(core: &mut Core, prefix: &str, op: &str, content_type: &str, body: &str) -> (u16, Value) {
    let auth = auth_for(prefix);
    let method = if op.starts_with("get/") {
        "GET"
    } else {
        "POST"
    };
    let r = core.send(
        method,
        &format!("{prefix}/{op}"),
        &[("authorization", &auth), ("content-type", content_type)],
        body,
    );
    (r.status, body_json(&r))
}

/// A JSON call.
fn call_json(core: &mut Core, prefix: &str, op: &str, body: &Value) -> (u16, Value) {
    call(core, prefix, op, "application/json", &body.to_string())
}

/// The hash a list shows of the token `subject` holds (its only one).
fn listed_hash(core: &mut Core, prefix: &str, subject: &str) -> String {
    let (status, list) = call(core, prefix, &format!("get/list?subject={subject}"), "", "");
    assert_eq!(status, 200, "{list}");
    list["accessTokens"][0]["accessTokenHash"]
        .as_str()
        .expect("a hash")
        .to_string()
}

#[test]
fn v3_create_names_the_client_by_client_identifier() {
    let mut core = Core::new();
    let made = |core: &mut Core, body: Value| call_json(core, V3, "create", &body);
    for (identifier, id) in [
        (json!("demo-batch"), json!(1002)),
        (json!("1001"), json!(1001)),
        (json!("9007199254740993"), json!(9007199254740993_u64)),
    ] {
        let (status, r) = made(
            &mut core,
            json!({"grantType": "CLIENT_CREDENTIALS", "clientIdentifier": identifier}),
        );
        assert_eq!((status, &r["clientId"]), (200, &id), "{r}");
    }
    // Both, naming the same client; a Java or Python library's unset clientId (0) is no name.
    for client_id in [json!(1001), json!(0), Value::Null] {
        let (status, r) = made(
            &mut core,
            json!({"grantType": "CLIENT_CREDENTIALS", "clientId": client_id, "clientIdentifier": "demo-web"}),
        );
        assert_eq!((status, &r["clientId"]), (200, &json!(1001)), "{r}");
    }
    // Two different clients, an unknown one, a number where a string belongs, none.
    for body in [
        json!({"grantType": "CLIENT_CREDENTIALS", "clientId": 1001, "clientIdentifier": "demo-batch"}),
        json!({"grantType": "CLIENT_CREDENTIALS", "clientIdentifier": "nobody"}),
        json!({"grantType": "CLIENT_CREDENTIALS", "clientIdentifier": 1001}),
    ] {
        let (status, r) = made(&mut core, body.clone());
        assert_eq!(
            (status, &r["action"]),
            (400, &json!("BAD_REQUEST")),
            "{body}: {r}"
        );
    }
    let (status, r) = made(&mut core, json!({"grantType": "CLIENT_CREDENTIALS"}));
    assert_eq!(status, 400);
    assert_eq!(
        r["resultMessage"],
        "[A001204] /auth/token/create, clientId or clientIdentifier is required."
    );
    // A form; and v2, whose document requires clientId, is unchanged.
    let (status, r) = call(
        &mut core,
        V3,
        "create",
        FORM,
        "grantType=CLIENT_CREDENTIALS&clientIdentifier=1002",
    );
    assert_eq!((status, &r["clientId"]), (200, &json!(1002)), "{r}");
    let (status, r) = call_json(
        &mut core,
        V2,
        "create",
        &json!({"grantType": "CLIENT_CREDENTIALS", "clientIdentifier": "demo-web"}),
    );
    assert_eq!(status, 400, "{r}");
    assert_eq!(
        r["resultMessage"],
        "[A001204] /auth/token/create, clientId is required and must be an integer."
    );
}

#[test]
fn v3_update_finds_a_token_by_its_hash() {
    let mut core = Core::new();
    for subject in ["hash-a", "hash-b"] {
        let (status, _) = call_json(
            &mut core,
            V3,
            "create",
            &json!({"grantType": "PASSWORD", "clientId": 1001, "subject": subject}),
        );
        assert_eq!(status, 200);
    }
    let hash = listed_hash(&mut core, V3, "hash-a");
    let (status, r) = call_json(
        &mut core,
        V3,
        "update",
        &json!({"accessTokenHash": hash, "scopes": ["by-hash"], "accessToken": null}),
    );
    assert_eq!((status, &r["action"]), (200, &json!("OK")), "{r}");
    assert_eq!(r["scopes"], json!(["by-hash"]));
    assert!(
        r.get("accessToken").is_none(),
        "the value is not known: {r}"
    );
    let (_, list) = call(&mut core, V3, "get/list?subject=hash-a", "", "");
    assert_eq!(list["accessTokens"][0]["scopes"], json!(["by-hash"]));
    // A form too; an unknown hash is NOT_FOUND; nothing to name the token by is a 400.
    let (status, r) = call(
        &mut core,
        V3,
        "update",
        FORM,
        &format!("accessTokenHash={hash}&scopes=f"),
    );
    assert_eq!((status, &r["scopes"]), (200, &json!(["f"])), "{r}");
    let (status, r) = call_json(
        &mut core,
        V3,
        "update",
        &json!({"accessTokenHash": "no-such-hash"}),
    );
    assert_eq!((status, &r["action"]), (200, &json!("NOT_FOUND")), "{r}");
    for body in [
        json!({}),
        json!({"accessTokenHash": ""}),
        json!({"scopes": ["x"]}),
    ] {
        let (status, r) = call_json(&mut core, V3, "update", &body);
        assert_eq!(
            (status, &r["action"]),
            (400, &json!("BAD_REQUEST")),
            "{body}: {r}"
        );
    }
    // v2's document requires accessToken.
    let (status, r) = call_json(&mut core, V2, "update", &json!({"accessTokenHash": hash}));
    assert_eq!((status, &r["action"]), (400, &json!("BAD_REQUEST")), "{r}");
}

#[test]
fn forms_carry_signed_int64_fields_and_booleans_only_where_typed() {
    let mut core = Core::new();
    let (status, created) = call(
        &mut core,
        V3,
        "create",
        FORM,
        "grantType=PASSWORD&clientId=1001&subject=true&accessTokenPersistent=false",
    );
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["subject"], "true");
    let token = created["accessToken"].as_str().unwrap().to_string();
    let expires = created["expiresAt"].clone();
    let (status, r) = call(
        &mut core,
        V3,
        "update",
        FORM,
        &format!("accessToken={token}&accessTokenExpiresAt=-1&refreshTokenExpiresAt=4102444800001"),
    );
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["accessTokenExpiresAt"], expires);
    assert_eq!(r["refreshTokenExpiresAt"], 4102444800001_u64);
    // A boolean field holds a boolean.
    let (status, r) = call(
        &mut core,
        V3,
        "update",
        FORM,
        &format!("accessToken={token}&accessTokenPersistent=maybe"),
    );
    assert_eq!((status, &r["action"]), (400, &json!("BAD_REQUEST")), "{r}");
}

/// The expiry of a token that never expires: the largest int64.
const NEVER: u64 = i64::MAX as u64;

#[test]
fn a_persistent_access_token_never_expires() {
    let mut core = Core::new();
    for prefix in [V2, V3] {
        let (status, r) = call_json(
            &mut core,
            prefix,
            "create",
            &json!({"grantType": "CLIENT_CREDENTIALS", "clientId": 1002, "accessTokenPersistent": true,
                    "accessTokenDuration": 60}),
        );
        assert_eq!((status, &r["expiresAt"]), (200, &json!(NEVER)), "{r}");
        let (status, r) = call(
            &mut core,
            prefix,
            "create",
            FORM,
            "grantType=PASSWORD&clientId=1001&subject=persistent&accessTokenPersistent=true",
        );
        assert_eq!((status, &r["expiresAt"]), (200, &json!(NEVER)), "{r}");
        // An update makes one persistent and then ignores accessTokenExpiresAt.
        let (_, made) = call_json(
            &mut core,
            prefix,
            "create",
            &json!({"grantType": "PASSWORD", "clientId": 1001, "subject": "made-persistent"}),
        );
        let (status, r) = call_json(
            &mut core,
            prefix,
            "update",
            &json!({"accessToken": made["accessToken"], "accessTokenPersistent": true,
                    "accessTokenExpiresAt": 4102444800000_u64}),
        );
        assert_eq!(
            (status, &r["accessTokenExpiresAt"]),
            (200, &json!(NEVER)),
            "{r}"
        );
    }
    // A year on, the persistent tokens are still valid.
    core.advance(365 * 86_400_000);
    let (_, valid) = call(
        &mut core,
        V3,
        "get/list?clientIdentifier=1002&tokenStatus=VALID&end=100",
        "",
        "",
    );
    assert_eq!(valid["totalCount"], 2, "{valid}");
    let (_, valid) = call(
        &mut core,
        V3,
        "get/list?subject=made-persistent&tokenStatus=VALID",
        "",
        "",
    );
    assert_eq!(valid["totalCount"], 2, "{valid}");
}

#[test]
fn v2_update_ignores_the_fields_only_v3_documents() {
    let mut core = Core::new();
    let (_, created) = call_json(
        &mut core,
        V2,
        "create",
        &json!({"grantType": "PASSWORD", "clientId": 1001, "subject": "v2-only"}),
    );
    let token = created["accessToken"].clone();
    let (_, before) = call_json(&mut core, V2, "update", &json!({"accessToken": token}));
    let (status, after) = call_json(
        &mut core,
        V2,
        "update",
        &json!({"accessToken": token, "refreshTokenExpiresAt": 4102444800001_u64}),
    );
    assert_eq!(status, 200, "{after}");
    assert_eq!(
        after["refreshTokenExpiresAt"],
        before["refreshTokenExpiresAt"]
    );
    let (status, after) = call(
        &mut core,
        V2,
        "update",
        FORM,
        &format!(
            "accessToken={}&refreshTokenExpiresAt=4102444800001",
            token.as_str().unwrap()
        ),
    );
    assert_eq!(status, 200, "{after}");
    assert_eq!(
        after["refreshTokenExpiresAt"],
        before["refreshTokenExpiresAt"]
    );
}

#[test]
fn an_unknown_service_is_named_only_to_an_authenticated_caller() {
    let mut core = Core::new();
    for headers in [vec![], vec![("authorization", "Bearer wrong")]] {
        let r = core.send("GET", "/api/123/auth/token/get/list", &headers, "");
        assert_eq!(r.status, 401, "{headers:?}: {}", body_json(&r));
        assert_eq!(
            body_json(&r)["resultCode"].as_str().map(|c| &c[..5]),
            Some("A0012")
        );
    }
    let r = core.send(
        "GET",
        "/api/123/auth/token/get/list",
        &[("authorization", "Bearer sandbox-service-token")],
        "",
    );
    assert_eq!(
        (r.status, body_json(&r)["resultCode"].clone()),
        (404, json!("A001101"))
    );
}

#[test]
fn list_bounds_are_int32() {
    let mut core = Core::new();
    for prefix in [V2, V3] {
        for query in [
            "end=99999999999",
            "start=2147483648&end=2147483649",
            "end=2147483648",
        ] {
            let (status, r) = call(&mut core, prefix, &format!("get/list?{query}"), "", "");
            assert_eq!(status, 400, "{query}: {r}");
        }
        let (status, r) = call(
            &mut core,
            prefix,
            "get/list?start=2147483646&end=2147483647",
            "",
            "",
        );
        assert_eq!((status, &r["end"]), (200, &json!(2147483647)), "{r}");
    }
}

#[test]
fn no_answer_leaves_int64() {
    let mut core = Core::new();
    for prefix in [V2, V3] {
        for field in ["accessTokenDuration", "refreshTokenDuration"] {
            for value in [
                json!(18446744073709551615_u64),
                json!(9223372036854775807_u64),
                json!(9223372036854775_u64),
            ] {
                let mut body = json!({"grantType": "PASSWORD", "clientId": 1001, "subject": "big"});
                body[field] = value.clone();
                let (status, r) = call_json(&mut core, prefix, "create", &body);
                assert_eq!(
                    (status, &r["action"]),
                    (400, &json!("BAD_REQUEST")),
                    "{field} {value}: {r}"
                );
            }
        }
        // A century is fine.
        let (status, r) = call_json(
            &mut core,
            prefix,
            "create",
            &json!({"grantType": "PASSWORD", "clientId": 1001, "subject": "century",
                    "accessTokenDuration": 3_155_760_000_u64, "refreshTokenDuration": 3_155_760_000_u64}),
        );
        assert_eq!(
            (status, &r["expiresIn"]),
            (200, &json!(3_155_760_000_u64)),
            "{r}"
        );
    }
}

#[test]
fn one_trailing_slash_is_ignored_and_the_prefix_is_read_once() {
    let mut core = Core::new();
    for prefix in [V2, V3] {
        let (status, r) = call(&mut core, prefix, "get/list/?subject=alice", "", "");
        assert_eq!(status, 200, "{prefix}: {r}");
        let body = json!({"grantType": "PASSWORD", "clientId": 1001, "subject": "dave"});
        let (status, r) = call_json(&mut core, prefix, "create/", &body);
        assert_eq!(status, 200, "{prefix}: {r}");
        let token = r["accessToken"].as_str().unwrap().to_string();
        let auth = auth_for(prefix);
        let r = core.send(
            "DELETE",
            &format!("{prefix}/delete/{token}/"),
            &[("authorization", &auth)],
            "",
        );
        assert_eq!(r.status, 204, "{prefix}");
    }
    let (status, _) = call(&mut core, V3, "auth/token/get/list", "", "");
    assert_eq!(status, 404);
}

#[test]
fn create_refuses_an_empty_access_token_value() {
    let mut core = Core::new();
    for prefix in [V2, V3] {
        let body = json!({"grantType": "PASSWORD", "clientId": 1001, "subject": "erin", "accessToken": ""});
        let (status, r) = call_json(&mut core, prefix, "create", &body);
        assert_eq!(status, 400, "{prefix}: {r}");
        let (_, list) = call(&mut core, prefix, "get/list?subject=erin", "", "");
        assert_eq!(list["accessTokens"], json!([]), "{prefix}: {list}");
    }
}
