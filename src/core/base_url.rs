//! The base URL rules: absolute `http(s)`, no credentials, query or fragment in it; `https:`
//! unless the host is loopback or the caller allowed insecure HTTP. A trailing slash is ignored.

/// Why a base URL was refused. The text never repeats the URL, which could hold a secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseUrlError {
    /// Not a usable absolute URL; the text says why.
    Invalid(&'static str),
    /// Plain `http:` to a host that is not loopback.
    Insecure,
}

/// A validated base URL, kept without its trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    url: String,
    origin_len: usize,
}

impl BaseUrl {
    /// Parses and checks `input`.
    pub fn parse(input: &str, allow_insecure_http: bool) -> Result<BaseUrl, BaseUrlError> {
        if input.is_empty() {
            return Err(BaseUrlError::Invalid("must not be empty"));
        }
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(BaseUrlError::Invalid(
                "must not contain white space or control characters",
            ));
        }
        if input.contains('\\') {
            return Err(BaseUrlError::Invalid("must not contain a backslash"));
        }
        if input.contains('?') || input.contains('#') {
            return Err(BaseUrlError::Invalid("must not have a query or a fragment"));
        }
        let (scheme, rest) = input.split_once("://").ok_or(BaseUrlError::Invalid(
            "must be an absolute URL such as https://host",
        ))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return Err(BaseUrlError::Invalid("must use http: or https:"));
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(BaseUrlError::Invalid(
                "must not contain credentials; pass them as options instead",
            ));
        }
        // URL parsers resolve these (`%2e` is a dot too), so the request would go elsewhere than
        // a dry run shows.
        const DOTS: [&str; 6] = [".", "%2e", "..", ".%2e", "%2e.", "%2e%2e"];
        if path
            .split('/')
            .any(|segment| DOTS.iter().any(|dots| segment.eq_ignore_ascii_case(dots)))
        {
            return Err(BaseUrlError::Invalid(
                "must not have `.` or `..` path segments",
            ));
        }
        let host = host_of(authority)?.to_ascii_lowercase();
        if scheme == "http" && !allow_insecure_http && !is_loopback(&host) {
            return Err(BaseUrlError::Insecure);
        }
        let origin = format!("{scheme}://{}", authority.to_ascii_lowercase());
        let origin_len = origin.len();
        let url = origin + path.trim_end_matches('/');
        Ok(BaseUrl { url, origin_len })
    }

    /// The URL without trailing slash, ready to have a path appended.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// `scheme://host[:port]`, safe to show in messages.
    pub fn origin(&self) -> &str {
        &self.url[..self.origin_len]
    }
}

/// Splits `host[:port]` (with `[v6]` literals) and checks both parts; returns the host.
fn host_of(authority: &str) -> Result<&str, BaseUrlError> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6
            .find(']')
            .ok_or(BaseUrlError::Invalid("has an unclosed IPv6 bracket"))?;
        let after = &v6[end + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err(BaseUrlError::Invalid("has characters after the IPv6 host")),
        };
        (&authority[..end + 2], port)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() || host == "[]" {
        return Err(BaseUrlError::Invalid("has no host"));
    }
    // The WHATWG URL standard's forbidden host code points (outside an IPv6 literal).
    if !host.starts_with('[') && host.chars().any(|c| " #%/:<>?@[\\]^|".contains(c)) {
        return Err(BaseUrlError::Invalid(
            "has a character that cannot be in a host name",
        ));
    }
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port
                .parse::<u32>()
                .map(|p| (1..=65535).contains(&p))
                .unwrap_or(false);
        if !valid {
            return Err(BaseUrlError::Invalid("has an invalid port"));
        }
    }
    Ok(host)
}

/// Loopback hosts: `localhost`, `*.localhost`, `127.0.0.0/8` and `[::1]`.
pub fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") || host == "[::1]" {
        return true;
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts[0] == "127"
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> String {
        BaseUrl::parse(input, false).unwrap().as_str().to_string()
    }

    #[test]
    fn trailing_slashes_are_ignored_and_prefix_kept() {
        assert_eq!(ok("https://node.example/"), "https://node.example");
        assert_eq!(
            ok("https://node.example/proxy/hopr//"),
            "https://node.example/proxy/hopr"
        );
        assert_eq!(ok("HTTPS://Node.Example:8443"), "https://node.example:8443");
    }

    #[test]
    fn http_is_allowed_only_on_loopback() {
        assert_eq!(ok("http://127.0.0.1:8787"), "http://127.0.0.1:8787");
        assert_eq!(ok("http://localhost:3000/"), "http://localhost:3000");
        assert_eq!(ok("http://[::1]:8787"), "http://[::1]:8787");
        assert_eq!(ok("http://127.1.2.3"), "http://127.1.2.3");
        for insecure in [
            "http://example.com",
            "http://10.0.0.1",
            "http://127.0.0.1.evil.com",
            "http://localhost.evil.com",
            "http://[::2]",
        ] {
            assert_eq!(
                BaseUrl::parse(insecure, false),
                Err(BaseUrlError::Insecure),
                "{insecure}"
            );
        }
        assert!(BaseUrl::parse("http://example.com", true).is_ok());
    }

    #[test]
    fn malformed_urls_are_refused() {
        for bad in [
            "",
            "node.example",
            "/api",
            "ftp://node.example",
            "javascript://x",
            "https://",
            "https://:443",
            "https://user:pw@node.example",
            "https://node.example?x=1",
            "https://node.example/#frag",
            "https://node.example:0",
            "https://node.example:99999",
            "https://node.example:8a",
            "https://node example",
            "https://node.example\\@evil",
            "https://[::1",
            "https://[::1]x",
            "https://a^b",
            "https://a|b.example",
            "https://a%41.example",
            "https://node.example/hoprd/../admin",
            "https://node.example/admin/./",
            "https://node.example/%2E%2e/admin",
        ] {
            assert!(
                matches!(BaseUrl::parse(bad, true), Err(BaseUrlError::Invalid(_))),
                "{bad:?} should be invalid"
            );
        }
    }

    #[test]
    fn origin_leaves_out_the_path() {
        let b = BaseUrl::parse("https://h.example:1/p/q", false).unwrap();
        assert_eq!(b.origin(), "https://h.example:1");
    }
}
