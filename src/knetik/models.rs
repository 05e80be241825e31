//! Knetik models with the spec's snake_case wire names (`client_id`, `total_elements`,
//! `expires_in`).
//!
//! Nothing in the spec is `required`, so every field is optional; fields a newer server adds are
//! kept in `extra` and passed through to JS. List items carry no `token` value (only getToken
//! returns it; see the spec README), which is why `token` is optional too.
//!
//! These structs are the one description of each model, declared with [`crate::model!`] (each
//! field's wire name written once, for serde and for the reader that keeps unknown fields);
//! tsify derives the TypeScript declarations of those that reach JS.

use serde::{Deserialize, Serialize};
use serde_json::Value;
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::core::int64::Int64;
use crate::core::json;
use crate::core::wire::Defaulted;
use crate::model;

model! {
    /// `OauthAccessTokenResource`: one issued access token (examples: [`PageResource`],
    /// [`KnetikClient::get_token`](crate::knetik::KnetikClient::get_token)).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct OauthAccessTokenResource {
        /// The OAuth client the token belongs to.
        "client_id" client_id: Option<String>,
        /// The access token value (getToken only; list items leave it out).
        "token" token: Option<String>,
        /// The user the token belongs to.
        "username" username: Option<String>,
        ..
    }

    /// `Order`: one sort criterion of a page (its `sort`; read like [`PageResource`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct Order {
        /// Whether the direction is ascending.
        "ascending" ascending: Option<bool>,
        /// Whether the direction is descending.
        "descending" descending: Option<bool>,
        /// `ASC` or `DESC` (kept as text so a newer value passes through).
        "direction" direction: Option<String>,
        /// Whether the comparison ignores case.
        "ignore_case" ignore_case: Option<bool>,
        /// `NATIVE`, `NULLS_FIRST` or `NULLS_LAST`.
        "null_handling" null_handling: Option<String>,
        /// The property sorted by.
        "property" property: Option<String>,
        ..
    }

    /// `PageResource_OauthAccessTokenResource`: one page of getTokens. Every model reads and
    /// writes the spec's wire names (snake_case); fields a newer service adds are kept in
    /// `extra`.
    ///
    /// ```
    /// use tokenops::knetik::PageResource;
    ///
    /// let page: PageResource = serde_json::from_str(r#"{
    ///     "content": [{"client_id": "web", "username": "alice"}],
    ///     "number": 0, "size": 25, "total_elements": 1, "last": true,
    ///     "sort": [{"property": "username", "direction": "ASC"}]
    /// }"#).unwrap();
    /// assert_eq!(page.content[0].username.as_deref(), Some("alice"));
    /// assert_eq!(page.content[0].token, None); // lists carry no token value
    /// assert_eq!(page.sort.unwrap()[0].direction.as_deref(), Some("ASC"));
    /// ```
    ///
    /// `content` is always present once decoded (an empty list when the server left it out), so
    /// JS code can read `page.content` without a check; every other field is passed on as sent.
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct PageResource {
        /// The tokens of this page (`[]` when the answer leaves them out or sends `null`).
        "content" content: Defaulted<Vec<OauthAccessTokenResource>>,
        /// Whether this is the first page.
        "first" first: Option<bool>,
        /// Whether this is the last page.
        "last" last: Option<bool>,
        /// The page number as the server reports it (whether it counts from 0 or 1 is unverified).
        "number" number: Option<i64>,
        /// How many tokens this page holds.
        "number_of_elements" number_of_elements: Option<i64>,
        /// The page size.
        "size" size: Option<i64>,
        /// The sort criteria, when the request had an `order`.
        "sort" sort: Option<Vec<Order>>,
        /// How many tokens match in total (above 2^53 it reaches JS as a `BigInt`).
        "total_elements" total_elements: Option<Int64>,
        /// How many pages there are.
        "total_pages" total_pages: Option<i64>,
        ..
    }

    /// `ErrorResource`: one error of a [`KnetikResult`] (an error body: see
    /// [`ApiError::body`](crate::ApiError::body); read like [`PageResource`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    pub struct ErrorResource {
        /// Extra details, if any.
        "details" details: Option<Value>,
        /// The field the error refers to, if any.
        "field" field: Option<Value>,
        /// What went wrong.
        "message" message: Option<String>,
        ..
    }

    /// The spec's `Result`: the error body of the `/auth/tokens` operations (see
    /// [`ApiError::body`](crate::ApiError::body); read like [`PageResource`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    pub struct KnetikResult {
        /// Error code.
        "code" code: Option<i64>,
        /// Id of the request, for support.
        "request_id" request_id: Option<String>,
        /// The individual errors.
        "result" result: Option<Vec<ErrorResource>>,
        ..
    }
}

/// `expires_in` as sent: a number or a string of digits.
///
/// ```
/// use tokenops::knetik::models::OAuth2Resource;
///
/// let answer: OAuth2Resource = serde_json::from_str(r#"{"access_token": "t", "expires_in": "3599"}"#).unwrap();
/// assert_eq!(answer.expires_in.unwrap().seconds(), Some(3599.0));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ExpiresIn {
    /// `3599`
    Number(serde_json::Number),
    /// `"3599"`
    Text(String),
}

impl ExpiresIn {
    /// The lifetime in seconds, if it is a finite, non-negative number (a string is trimmed and
    /// parsed). Anything else gives `None`: the token's lifetime is then unknown (example:
    /// [`ExpiresIn`]).
    pub fn seconds(&self) -> Option<f64> {
        let s = match self {
            ExpiresIn::Number(n) => n.as_f64()?,
            // The JSON codec's number parser (already linked) rather than `str::parse::<f64>`.
            ExpiresIn::Text(t) => json::parse_number(t)?,
        };
        (s.is_finite() && s >= 0.0).then_some(s)
    }
}

model! {
    /// `OAuth2Resource`: the token endpoint's success answer, which the client reads itself
    /// (example: [`ExpiresIn`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    pub struct OAuth2Resource {
        /// The issued access token.
        "access_token" access_token: Option<String>,
        /// Token type, normally `bearer`.
        "token_type" token_type: Option<String>,
        /// Lifetime in seconds, as a number or a string.
        "expires_in" expires_in: Option<ExpiresIn>,
        /// Refresh token, when one is issued.
        "refresh_token" refresh_token: Option<String>,
        /// Space-separated granted scopes.
        "scope" scope: Option<String>,
        ..
    }

    /// `OAuth2Error`: the token endpoint's error answer (an error body: see
    /// [`ApiError::body`](crate::ApiError::body); read like [`PageResource`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    pub struct OAuth2Error {
        /// OAuth2 error code, e.g. `invalid_grant`.
        "error" error: Option<String>,
        /// Human-readable explanation.
        "error_description" error_description: Option<String>,
        ..
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use serde_json::json;

    fn round_trip<T: DeserializeOwned + Serialize>(v: Value) -> T {
        let parsed: T = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), v);
        parsed
    }

    #[test]
    fn page_round_trips_the_spec_example() {
        let page: PageResource = round_trip(json!({
            "content": [
                {"client_id": "web-app", "username": "jdoe"},
                {"client_id": "web-app", "username": "asmith"}
            ],
            "first": true,
            "last": true,
            "number_of_elements": 2,
            "size": 25,
            "total_elements": 2,
            "total_pages": 1
        }));
        assert_eq!(page.content.len(), 2);
        assert_eq!(page.content[1].username.as_deref(), Some("asmith"));
        assert_eq!(page.content[0].token, None);
        assert_eq!(page.sort, None);
        assert_eq!(page.total_pages, Some(1));
    }

    #[test]
    fn page_with_sort_and_unknown_fields_round_trips() {
        let page: PageResource = round_trip(json!({
            "content": [{"client_id": "web", "username": "alice", "created": 1700000000}],
            "first": false,
            "last": false,
            "number": 1,
            "number_of_elements": 1,
            "size": 1,
            "sort": [{
                "ascending": true, "descending": false, "direction": "ASC",
                "ignore_case": false, "null_handling": "NATIVE", "property": "username",
                "collation": "en"
            }],
            "total_elements": 4,
            "total_pages": 4,
            "pageable": {"offset": 1}
        }));
        let sort = page.sort.as_ref().unwrap();
        assert_eq!(sort[0].direction.as_deref(), Some("ASC"));
        assert_eq!(sort[0].extra["collation"], "en");
        assert_eq!(page.extra["pageable"]["offset"], 1);
        assert_eq!(page.content[0].extra["created"], 1_700_000_000);
    }

    #[test]
    fn page_without_content_gets_an_empty_list() {
        let page: PageResource = serde_json::from_value(json!({"total_elements": 0})).unwrap();
        assert!(page.content.is_empty());
        let null: PageResource =
            serde_json::from_value(json!({"content": null, "total_elements": 0})).unwrap();
        assert_eq!(null, page);
        assert_eq!(
            serde_json::to_value(&page).unwrap(),
            json!({"content": [], "total_elements": 0})
        );
    }

    #[test]
    fn huge_total_elements_stays_exact() {
        let page: PageResource =
            serde_json::from_str(r#"{"content":[],"total_elements":9007199254740993}"#).unwrap();
        let text = serde_json::to_string(&page).unwrap();
        assert!(
            text.contains(r#""total_elements":9007199254740993"#),
            "{text}"
        );
    }

    #[test]
    fn token_resource_round_trips_the_get_token_example() {
        let t: OauthAccessTokenResource = round_trip(json!({
            "client_id": "web-app",
            "token": "7c1e2a9d-1b7f-4c55-9a0e-3f2d5c8b6e41",
            "username": "jdoe"
        }));
        assert_eq!(
            t.token.as_deref(),
            Some("7c1e2a9d-1b7f-4c55-9a0e-3f2d5c8b6e41")
        );
    }

    #[test]
    fn result_bodies_round_trip() {
        for example in [
            "A request parameter is invalid",
            "Full authentication is required to access this resource",
            "Access is denied",
            "Resource not found",
        ] {
            let r: KnetikResult = round_trip(json!({
                "request_id": "3f6c2b1e-0000-4000-8000-000000000000",
                "result": [{"message": example}]
            }));
            assert_eq!(r.result.unwrap()[0].message.as_deref(), Some(example));
        }
        let r: KnetikResult = round_trip(json!({
            "code": 400,
            "result": [{"message": "m", "field": {"name": "size"}, "details": {"max": 10}, "hint": "h"}],
            "trace": "t"
        }));
        assert_eq!(r.code, Some(400));
        let e = &r.result.as_ref().unwrap()[0];
        assert_eq!(e.field.as_ref().unwrap()["name"], "size");
        assert_eq!(e.extra["hint"], "h");
        assert_eq!(r.extra["trace"], "t");
    }

    #[test]
    fn oauth_resource_round_trips_with_both_expires_in_forms() {
        let r: OAuth2Resource = round_trip(json!({
            "access_token": "7c1e2a9d-1b7f-4c55-9a0e-3f2d5c8b6e41",
            "token_type": "bearer",
            "expires_in": 3599,
            "refresh_token": "0b8d4f3e-6a2c-4e1b-8f7d-2c9a1e5b3d60",
            "scope": "read write"
        }));
        assert_eq!(r.expires_in.unwrap().seconds(), Some(3599.0));
        let r: OAuth2Resource = round_trip(json!({
            "access_token": "a", "expires_in": "3599", "jti": "x"
        }));
        assert_eq!(r.expires_in.unwrap().seconds(), Some(3599.0));
        assert_eq!(r.extra["jti"], "x");
    }

    #[test]
    fn expires_in_parsing() {
        let n = |v: Value| serde_json::from_value::<ExpiresIn>(v).unwrap().seconds();
        assert_eq!(n(json!(0)), Some(0.0));
        assert_eq!(n(json!(2)), Some(2.0));
        assert_eq!(n(json!(1.5)), Some(1.5));
        assert_eq!(n(json!(" 60 ")), Some(60.0));
        assert_eq!(n(json!("60")), Some(60.0));
        assert_eq!(n(json!("-1")), None);
        assert_eq!(n(json!(-1)), None);
        assert_eq!(n(json!("soon")), None);
        assert_eq!(n(json!("")), None);
        assert_eq!(n(json!("NaN")), None);
        assert_eq!(n(json!("inf")), None);
        assert!(serde_json::from_value::<ExpiresIn>(json!(true)).is_err());
        assert!(serde_json::from_value::<ExpiresIn>(json!(null)).is_err());
    }

    #[test]
    fn oauth_error_round_trips() {
        for (error, description) in [
            ("invalid_grant", "Bad credentials"),
            ("invalid_client", "Bad client credentials"),
        ] {
            let e: OAuth2Error =
                round_trip(json!({"error": error, "error_description": description}));
            assert_eq!(e.error.as_deref(), Some(error));
        }
        let e: OAuth2Error = round_trip(json!({"error": "x", "error_uri": "https://e"}));
        assert_eq!(e.extra["error_uri"], "https://e");
    }
}
