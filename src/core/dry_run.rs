//! [`DryRun`]: the request a call would send (method, URL, headers, body), built by the same
//! request builders and header rules as the real send, with the credential replaced by
//! [`CREDENTIAL_PLACEHOLDER`]. Nothing is sent.

use serde::ser::{Serialize, SerializeMap, Serializer};
#[cfg(feature = "js")]
use tsify::Tsify;

use super::request::{wire_headers, RequestSpec};

/// What stands where the credential would be: the whole value of an API key header, or the
/// part after `Basic ` / `Bearer ` of an `authorization` header.
pub const CREDENTIAL_PLACEHOLDER: &str = "<credential>";

/// The headers of a request in the order they are set, as a JS object (`Record<string,
/// string>`); names are lower case.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[cfg_attr(feature = "js", tsify(type = "Record<string, string>"))]
pub struct DryRunHeaders(pub Vec<(&'static str, String)>);

impl DryRunHeaders {
    /// The value of header `name` (lower case), if the request carries it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Serialize for DryRunHeaders {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The request a call would send, nothing sent: what `dryRun: true` resolves to in JS and what
/// `dry_run()` of a typed client's prepared call returns. The credential appears only as
/// [`CREDENTIAL_PLACEHOLDER`]; everything else (path, query, body) is exactly what would go on
/// the wire. (A typed client's call gives one with its `dry_run()`: see [`crate::http::Call`].)
///
/// ```
/// # #[cfg(feature = "hopr")] {
/// use tokenops::{DryRun, CREDENTIAL_PLACEHOLDER};
///
/// let spec = tokenops::hopr::requests::delete_token("a/b")?;
/// let shown = DryRun::new(&spec, "https://node.example", Some(("x-auth-token", CREDENTIAL_PLACEHOLDER)));
/// assert_eq!(shown.url, "https://node.example/api/v3/tokens/a%2Fb");
/// assert_eq!(shown.headers.get("x-auth-token"), Some("<credential>"));
/// assert_eq!(shown.body, None);
/// # }
/// # Ok::<(), tokenops::ApiError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
pub struct DryRun {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    #[cfg_attr(
        feature = "js",
        tsify(type = "\"GET\" | \"POST\" | \"PUT\" | \"DELETE\"")
    )]
    pub method: &'static str,
    /// The full URL, query included (encoded as `URLSearchParams` encodes it).
    pub url: String,
    /// Every header the call sets, the credential's with the placeholder.
    pub headers: DryRunHeaders,
    /// The body text (JSON or `application/x-www-form-urlencoded`); absent without a body.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub body: Option<String>,
}

impl DryRun {
    /// The request of `spec` below `base_url` (no trailing slash), carrying `credential`: the
    /// header name and its placeholder value (see [`crate::core::auth::Credential::shown`]).
    pub fn new(
        spec: &RequestSpec,
        base_url: &str,
        credential: Option<(&'static str, &'static str)>,
    ) -> DryRun {
        let headers = wire_headers(spec, credential)
            .into_iter()
            .map(|(name, value)| (name, value.to_string()))
            .collect();
        DryRun {
            method: spec.method.as_str(),
            url: spec.url(base_url),
            headers: DryRunHeaders(headers),
            body: spec.body.to_text(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::request::{Body, Method};

    #[test]
    fn dry_runs_are_the_request_with_the_credential_replaced() {
        let spec = RequestSpec::new(Method::Post, "/api/a%2Fb".into(), "op")
            .query("subject", "a b&c")
            .body(Body::Form(vec![("scopes".into(), "x y".into())]));
        let run = DryRun::new(
            &spec,
            "https://h.example/p",
            Some(("authorization", "Basic <credential>")),
        );
        assert_eq!(run.method, "POST");
        assert_eq!(run.url, "https://h.example/p/api/a%2Fb?subject=a+b%26c");
        assert_eq!(
            run.headers.0,
            vec![
                ("accept", "application/json".to_string()),
                (
                    "content-type",
                    "application/x-www-form-urlencoded".to_string()
                ),
                ("authorization", "Basic <credential>".to_string()),
            ]
        );
        assert_eq!(run.body.as_deref(), Some("scopes=x+y"));
    }

    #[test]
    fn headers_serialize_as_one_object_in_order() {
        let spec = RequestSpec::new(Method::Get, "/t".into(), "op");
        let run = DryRun::new(
            &spec,
            "http://127.0.0.1:1",
            Some(("x-auth-token", "<credential>")),
        );
        assert_eq!(
            serde_json::to_string(&run).unwrap(),
            r#"{"method":"GET","url":"http://127.0.0.1:1/t","headers":{"accept":"application/json","x-auth-token":"<credential>"}}"#
        );
        assert_eq!(
            run.headers.get("x-auth-token"),
            Some(CREDENTIAL_PLACEHOLDER)
        );
    }
}
