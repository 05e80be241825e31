//! `RequestSpec`: everything needed to send one API call, built without touching the network.

use super::auth::{Auth, Secret};
use super::encode::{encode_pairs, percent_encode_into};

/// HTTP methods the three APIs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Whether repeating the call cannot do more than doing it once (GET, PUT, DELETE).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// No body.
    None,
    /// A JSON document, already serialized.
    Json(String),
    /// `application/x-www-form-urlencoded` pairs.
    Form(Vec<(String, String)>),
}

impl Body {
    /// The `Content-Type` header value, if the body has one.
    pub fn content_type(&self) -> Option<&'static str> {
        match self {
            Body::None => None,
            Body::Json(_) => Some("application/json"),
            Body::Form(_) => Some("application/x-www-form-urlencoded"),
        }
    }

    /// The body as the text to send.
    pub fn to_text(&self) -> Option<String> {
        match self {
            Body::None => None,
            Body::Json(text) => Some(text.clone()),
            Body::Form(pairs) => Some(encode_pairs(pairs)),
        }
    }
}

/// Error from [`PathBuilder::segment`]: the value cannot be a path segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentError {
    /// The value is empty, which would address a different resource.
    Empty,
    /// The value is `.` or `..`, which URL parsers resolve as a relative step even when encoded.
    DotSegment,
}

impl SegmentError {
    /// Human words for the problem.
    pub fn describe(self) -> &'static str {
        match self {
            SegmentError::Empty => "must not be empty",
            SegmentError::DotSegment => "must not be `.` or `..`",
        }
    }
}

/// Builds a path from literal parts written as the spec writes them and caller values that are
/// each encoded as exactly one segment.
#[derive(Clone, Debug, Default)]
pub struct PathBuilder {
    path: String,
}

impl PathBuilder {
    /// Starts with a literal path such as `/api/v3/tokens/`.
    pub fn new(literal: &str) -> Self {
        PathBuilder {
            path: literal.to_string(),
        }
    }

    /// Appends a literal part unchanged.
    pub fn literal(mut self, literal: &str) -> Self {
        self.path.push_str(literal);
        self
    }

    /// Appends one caller-supplied segment, percent-encoded. Refuses values that would change
    /// which resource the path names.
    pub fn segment(mut self, value: &str) -> Result<Self, SegmentError> {
        if value.is_empty() {
            return Err(SegmentError::Empty);
        }
        if value == "." || value == ".." {
            return Err(SegmentError::DotSegment);
        }
        percent_encode_into(&mut self.path, value);
        Ok(self)
    }

    /// The finished path.
    pub fn build(self) -> String {
        self.path
    }
}

/// One API call, ready for the transport: method, path below the base URL, query, extra headers
/// and body. Credentials are added by the transport, never stored here.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestSpec {
    /// HTTP method.
    pub method: Method,
    /// Path below the base URL, already encoded (see [`PathBuilder`]).
    pub path: String,
    /// Query pairs, not yet encoded.
    pub query: Vec<(String, String)>,
    /// Extra headers (not credentials).
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Body,
    /// The provider's operationId, for errors.
    pub operation: &'static str,
    /// Secrets among the caller's values (a token named in the path or the body), scrubbed from
    /// errors like the credential's own.
    pub secrets: Vec<Secret>,
}

impl RequestSpec {
    /// A request with no query, headers or body.
    pub fn new(method: Method, path: String, operation: &'static str) -> Self {
        RequestSpec {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
            operation,
            secrets: Vec::new(),
        }
    }

    /// Marks `value`, if given and not empty, as a secret of this call (see
    /// [`RequestSpec::secrets`]).
    pub fn secret(mut self, value: Option<&str>) -> Self {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            self.secrets.push(Secret::new(value));
        }
        self
    }

    /// Every secret of this call, to scrub from its errors: the credential's and this
    /// request's own ([`RequestSpec::secrets`]).
    pub fn secrets_with<'a>(&'a self, auth: &'a Auth) -> Vec<&'a str> {
        let mut secrets = auth.secrets();
        secrets.extend(self.secrets.iter().map(Secret::expose));
        secrets
    }

    /// Adds a query pair.
    pub fn query(mut self, key: &str, value: impl Into<String>) -> Self {
        self.query.push((key.to_string(), value.into()));
        self
    }

    /// Adds a query pair when `value` is given.
    pub fn query_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(key, v.to_string()),
            None => self,
        }
    }

    /// Sets the body.
    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    /// `base` (no trailing slash) + path, without the query.
    pub fn url_without_query(&self, base: &str) -> String {
        let mut url = String::with_capacity(base.len() + self.path.len() + 16);
        url.push_str(base);
        url.push_str(&self.path);
        url
    }

    /// The full URL as it goes on the wire: `base` (no trailing slash) + path + encoded query.
    pub fn url(&self, base: &str) -> String {
        let mut url = self.url_without_query(base);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&encode_pairs(&self.query));
        }
        url
    }
}

/// The headers a request carries, in the order they are set: `accept`, the operation's own,
/// the body's `content-type`, then the credential's. The transport sends exactly these; a dry
/// run shows them.
pub fn wire_headers<'a>(
    spec: &'a RequestSpec,
    credential: Option<(&'static str, &'a str)>,
) -> Vec<(&'static str, &'a str)> {
    let mut headers = Vec::with_capacity(spec.headers.len() + 3);
    headers.push(("accept", "application/json"));
    headers.extend(
        spec.headers
            .iter()
            .map(|(name, value)| (*name, value.as_str())),
    );
    if let Some(ct) = spec.body.content_type() {
        headers.push(("content-type", ct));
    }
    headers.extend(credential);
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_is_encoded_as_one_segment() {
        let path = PathBuilder::new("/api/v3/tokens/")
            .segment("a/b?c#d")
            .unwrap()
            .build();
        assert_eq!(path, "/api/v3/tokens/a%2Fb%3Fc%23d");
    }

    #[test]
    fn unicode_segment_is_utf8_encoded() {
        let path = PathBuilder::new("/x/").segment("ünï").unwrap().build();
        assert_eq!(path, "/x/%C3%BCn%C3%AF");
    }

    #[test]
    fn empty_and_dot_segments_are_refused() {
        assert_eq!(
            PathBuilder::new("/x/").segment("").unwrap_err(),
            SegmentError::Empty
        );
        assert_eq!(
            PathBuilder::new("/x/").segment(".").unwrap_err(),
            SegmentError::DotSegment
        );
        assert_eq!(
            PathBuilder::new("/x/").segment("..").unwrap_err(),
            SegmentError::DotSegment
        );
        // Three dots, or dots with other characters, are ordinary names.
        assert_eq!(
            PathBuilder::new("/x/").segment("...").unwrap().build(),
            "/x/..."
        );
        assert_eq!(
            PathBuilder::new("/x/").segment("..a").unwrap().build(),
            "/x/..a"
        );
    }

    #[test]
    fn percent_sign_cannot_smuggle_an_encoded_slash() {
        let path = PathBuilder::new("/x/").segment("%2F..%2F").unwrap().build();
        assert_eq!(path, "/x/%252F..%252F");
    }

    #[test]
    fn url_joins_base_path_and_query() {
        let spec = RequestSpec::new(Method::Get, "/auth/tokens".into(), "getTokens")
            .query("filter_username", "a b&c")
            .query("page", "1");
        assert_eq!(
            spec.url("https://h.example/prefix"),
            "https://h.example/prefix/auth/tokens?filter_username=a+b%26c&page=1"
        );
    }

    #[test]
    fn url_without_query_has_no_question_mark() {
        let spec = RequestSpec::new(Method::Get, "/api/v3/token".into(), "tokensGetToken");
        assert_eq!(
            spec.url("http://127.0.0.1:8787"),
            "http://127.0.0.1:8787/api/v3/token"
        );
    }

    #[test]
    fn body_content_types() {
        assert_eq!(Body::None.content_type(), None);
        assert_eq!(
            Body::Json("{}".into()).content_type(),
            Some("application/json")
        );
        let form = Body::Form(vec![("grant_type".into(), "password".into())]);
        assert_eq!(
            form.content_type(),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(form.to_text().unwrap(), "grant_type=password");
    }

    #[test]
    fn only_post_is_not_idempotent() {
        assert!(Method::Get.is_idempotent());
        assert!(Method::Delete.is_idempotent());
        assert!(Method::Put.is_idempotent());
        assert!(!Method::Post.is_idempotent());
    }
}
