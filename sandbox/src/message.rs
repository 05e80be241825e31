//! The emulator's view of HTTP: a request as data in, a response as data out. No sockets here;
//! each shell (the std server, Node's http server, the in-process `fetch`) fills a [`Request`]
//! from what it received and sends the [`Response`] its own way.

/// A request, as a shell hands it to the emulator.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Method, as sent (methods are case-sensitive).
    pub method: String,
    /// `HTTP/1.1` or `HTTP/1.0` (the std server; the other shells say `HTTP/1.1`).
    pub version: String,
    /// The path as received (still percent-encoded), without the query.
    pub raw_path: String,
    /// The path percent-decoded (invalid UTF-8 replaced); see [`Request::segments`] to split it
    /// safely, since a decoded `%2F` is indistinguishable from a separator here.
    pub path: String,
    /// The raw query string (without `?`).
    pub raw_query: String,
    /// Decoded query pairs (`+` is a space; bytes that are not UTF-8 become U+FFFD).
    pub query: Vec<(String, String)>,
    /// Headers with lower-case names, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// Where the caller reached the emulator, `http://host:port` (the `Host` header, or the URL
    /// the in-process `fetch` was given): session URLs are made from it.
    pub origin: String,
}

impl Request {
    /// A request for `target` (path and optional `?query`, as on a request line).
    pub fn new(method: &str, target: &str) -> Request {
        let mut req = Request {
            method: method.to_string(),
            version: "HTTP/1.1".to_string(),
            ..Request::default()
        };
        req.set_target(target);
        req
    }

    /// Sets the path and query from a request target (`/a/b?x=1`).
    pub fn set_target(&mut self, target: &str) {
        let (raw_path, raw_query) = target.split_once('?').unwrap_or((target, ""));
        self.raw_path = raw_path.to_string();
        self.path = String::from_utf8_lossy(&percent_decode_bytes(raw_path, false)).into_owned();
        self.raw_query = raw_query.to_string();
        // Lossy, so that a filter whose value does not decode stays a filter (that matches
        // nothing) rather than vanishing and widening a list to every token.
        self.query = raw_query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                let lossy =
                    |s: &str| String::from_utf8_lossy(&percent_decode_bytes(s, true)).into_owned();
                (lossy(k), lossy(v))
            })
            .collect();
    }

    /// The first header of that (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first query value of that name.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path's segments, split on the raw `/` and then percent-decoded (`None` when a segment
    /// is not valid UTF-8). `/a/b%2Fc` gives `["a", "b/c"]`; `/x/` gives `["x", ""]`.
    pub fn segments(&self) -> Option<Vec<String>> {
        self.raw_path
            .split('/')
            .skip(1)
            .map(|s| percent_decode(s, false))
            .collect()
    }

    /// The body as form pairs (`application/x-www-form-urlencoded`), for the providers that take
    /// form bodies.
    pub fn form(&self) -> Vec<(String, String)> {
        parse_pairs(&String::from_utf8_lossy(&self.body))
    }
}

/// An answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers besides the ones a transport adds itself (`content-length`, `connection`).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a content type (empty for none) and body.
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        let mut headers = Vec::new();
        if !content_type.is_empty() {
            headers.push(("content-type".to_string(), content_type.to_string()));
        }
        Response {
            status,
            headers,
            body,
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The first header of that (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Statuses that never carry a body.
pub fn bodiless(status: u16) -> bool {
    status < 200 || status == 204 || status == 304
}

/// Decodes `%XX` (and `+` as space when `plus` is set); `None` on invalid UTF-8. A `%` not
/// followed by two hex digits is kept as is (percent-encoding's rule).
pub fn percent_decode(s: &str, plus: bool) -> Option<String> {
    String::from_utf8(percent_decode_bytes(s, plus)).ok()
}

/// Decodes `%XX` (and `+` as space when `plus` is set) into bytes, which need not be UTF-8.
pub(crate) fn percent_decode_bytes(s: &str, plus: bool) -> Vec<u8> {
    if plus && s.contains('+') {
        percent_encoding::percent_decode_str(&s.replace('+', " ")).collect()
    } else {
        percent_encoding::percent_decode_str(s).collect()
    }
}

/// Parses `a=1&b=2` into decoded pairs (`+` is a space; pairs that are not UTF-8 are skipped).
pub fn parse_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((percent_decode(k, true)?, percent_decode(v, true)?))
        })
        .collect()
}

/// The reason phrase of a status.
pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_and_plus() {
        assert_eq!(percent_decode("a%2Fb%20c", false).unwrap(), "a/b c");
        assert_eq!(percent_decode("a+b", true).unwrap(), "a b");
        assert_eq!(percent_decode("a+b", false).unwrap(), "a+b");
        assert_eq!(percent_decode("%C3%A9", false).unwrap(), "é");
        assert_eq!(percent_decode("100%", false).unwrap(), "100%");
        assert_eq!(percent_decode("%zz", false).unwrap(), "%zz");
        assert_eq!(percent_decode("%4", false).unwrap(), "%4");
        assert_eq!(percent_decode("%41%", false).unwrap(), "A%");
        assert!(percent_decode("%FF", false).is_none());
    }

    #[test]
    fn a_query_value_that_does_not_decode_stays_a_value() {
        let req = Request::new("GET", "/api/auth/token/get/list?subject=%ff&start=1");
        assert_eq!(req.query_value("subject"), Some("\u{fffd}"));
        assert_eq!(req.query_value("start"), Some("1"));
    }

    #[test]
    fn parses_pairs() {
        assert_eq!(
            parse_pairs("a=1&b=x%26y&c&d=e+f"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x&y".into()),
                ("c".into(), "".into()),
                ("d".into(), "e f".into())
            ]
        );
    }

    #[test]
    fn segments_split_before_decoding() {
        let req = Request::new("DELETE", "/api/v3/tokens/a%2Fb?x=1");
        assert_eq!(req.segments().unwrap(), vec!["api", "v3", "tokens", "a/b"]);
        assert_eq!(req.raw_query, "x=1");
        assert_eq!(req.query_value("x"), Some("1"));
    }
}
