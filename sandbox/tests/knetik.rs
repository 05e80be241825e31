//! Knetik: getToken answers with a live token, expired tokens leave lists and counts, 405s name
//! the methods a path takes, and `size` is any int32 from 1.

mod common;

use common::*;
use serde_json::{json, Value};

const FORM: &str = "application/x-www-form-urlencoded";

/// An OAuth grant in process: the answer's body.
fn grant(core: &mut Core, form: &str) -> Value {
    let r = core.send("POST", "/oauth/token", &[("content-type", FORM)], form);
    assert_eq!(r.status, 200, "{}", body_json(&r));
    body_json(&r)
}

/// root's password grant (TOKENS_ADMIN): (access token, refresh token).
fn root(core: &mut Core) -> (String, String) {
    let g = grant(
        core,
        "grant_type=password&client_id=web&username=root&password=root-pass",
    );
    (
        g["access_token"].as_str().unwrap().to_string(),
        g["refresh_token"].as_str().unwrap().to_string(),
    )
}

/// A GET of `target` with a bearer token: (status, body).
fn get(core: &mut Core, target: &str, token: &str) -> (u16, Value) {
    let auth = format!("Bearer {token}");
    let r = core.send("GET", target, &[("authorization", &auth)], "");
    (r.status, body_json(&r))
}

#[test]
fn get_token_answers_with_the_newest_live_token_and_lists_drop_expired_ones() {
    let mut core = Core::new();
    let (first, refresh) = root(&mut core);
    let (_, all) = get(&mut core, "/auth/tokens?filter_username=root", &first);
    assert_eq!(all["total_elements"], 2, "the seeded one and ours: {all}");
    // The newest live one, not the first stored.
    let (second, _) = root(&mut core);
    let (status, one) = get(&mut core, "/auth/tokens/root/web", &second);
    assert_eq!((status, &one["token"]), (200, &json!(second)), "{one}");
    // An hour on, every token above has expired: gone from getToken, lists and counts.
    core.advance(3_600_001);
    let (third, _) = root(&mut core);
    let (status, one) = get(&mut core, "/auth/tokens/root/web", &third);
    assert_eq!((status, &one["token"]), (200, &json!(third)), "{one}");
    let (_, page) = get(&mut core, "/auth/tokens?filter_username=root", &third);
    assert_eq!(page["total_elements"], 1, "{page}");
    let (_, page) = get(&mut core, "/auth/tokens", &third);
    assert_eq!(
        page["total_elements"], 1,
        "only the newest grant lives: {page}"
    );
    let (status, gone) = get(&mut core, "/auth/tokens/alice/web", &third);
    assert_eq!(status, 404, "{gone}");
    let auth = format!("Bearer {third}");
    let r = core.send(
        "DELETE",
        "/auth/tokens?username=alice",
        &[("authorization", &auth)],
        "",
    );
    assert_eq!(r.status, 404, "no live token of alice's to delete");
    // An expired access token's refresh token still refreshes it (a token store keeps it).
    let g = grant(
        &mut core,
        &format!("grant_type=refresh_token&client_id=web&refresh_token={refresh}"),
    );
    let (_, page) = get(&mut core, "/auth/tokens?filter_username=root", &third);
    assert_eq!(page["total_elements"], 2, "{g} {page}");
}

#[test]
fn a_405_names_the_methods_the_path_takes() {
    let mut core = Core::new();
    let (token, _) = root(&mut core);
    let auth = format!("Bearer {token}");
    for (method, path, allow) in [
        ("GET", "/oauth/token", "POST"),
        ("PUT", "/auth/tokens", "GET, DELETE"),
        ("POST", "/auth/tokens/root/web", "GET"),
    ] {
        let r = core.send(method, path, &[("authorization", &auth)], "");
        assert_eq!(
            (r.status, r.header("allow")),
            (405, Some(allow)),
            "{method} {path}"
        );
    }
}

#[test]
fn size_is_any_int32_from_1() {
    let mut core = Core::new();
    let (token, _) = root(&mut core);
    for (query, elements) in [
        ("size=10001", 5),
        ("size=2147483647", 5),
        ("size=2147483647&page=2147483647", 0),
        ("size=2&page=2147483647", 0),
    ] {
        let (status, page) = get(&mut core, &format!("/auth/tokens?{query}"), &token);
        assert_eq!(status, 200, "{query}: {page}");
        assert_eq!(page["number_of_elements"], elements, "{query}: {page}");
    }
    for query in ["size=0", "size=2147483648", "size=-1"] {
        let (status, page) = get(&mut core, &format!("/auth/tokens?{query}"), &token);
        assert_eq!(status, 400, "{query}: {page}");
    }
}
