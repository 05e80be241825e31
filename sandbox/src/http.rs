//! A minimal HTTP/1.1 server connection loop: parse requests, hand them to the router, write
//! answers (or scripted faults), keep the connection alive.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::state::Shared;
use crate::Config;

/// Largest accepted request body.
pub const MAX_BODY: usize = 1024 * 1024;
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// A parsed request.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Method, upper case as sent.
    pub method: String,
    /// The path as received (still percent-encoded), without the query.
    pub raw_path: String,
    /// The raw query string (without `?`).
    pub raw_query: String,
    /// Decoded query pairs (`+` is a space).
    pub query: Vec<(String, String)>,
    /// Headers with lower-case names.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
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

    /// The path's segments, percent-decoded (`None` when a segment is not valid UTF-8).
    pub fn segments(&self) -> Option<Vec<String>> {
        self.raw_path
            .split('/')
            .skip(1)
            .map(|s| percent_decode(s, false))
            .collect()
    }
}

/// An answer.
#[derive(Clone, Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Extra headers.
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
}

/// What to do with the connection.
#[derive(Clone, Debug)]
pub enum Action {
    /// Answer normally.
    Respond(Response),
    /// Close without answering.
    Drop,
    /// Send the headers and half the body, then close.
    Truncate(Response),
    /// Send the headers and half the body, then wait without finishing.
    Stall(Response),
    /// A 200-style answer with a body of this many `x` bytes, streamed.
    Huge(u16, u64),
}

/// Decodes `%XX` (and `+` as space when `plus` is set); `None` on invalid UTF-8.
pub fn percent_decode(s: &str, plus: bool) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Parses `a=1&b=2` into decoded pairs (invalid pairs are skipped).
pub fn parse_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((percent_decode(k, true)?, percent_decode(v, true)?))
        })
        .collect()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// Reads one request; `Ok(None)` when the peer closed, `Err(status)` for a malformed one.
fn read_request(reader: &mut BufReader<TcpStream>) -> Result<Option<Request>, u16> {
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(0) => return Ok(None),
        Ok(_) => {}
        Err(_) => return Ok(None),
    }
    let line = line.trim_end();
    if line.is_empty() {
        // Tolerate a stray CRLF between requests.
        return read_request(reader);
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(_version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    let (raw_path, raw_query) = target.split_once('?').unwrap_or((target, ""));
    let mut req = Request {
        method: method.to_string(),
        raw_path: raw_path.to_string(),
        raw_query: raw_query.to_string(),
        query: parse_pairs(raw_query),
        ..Request::default()
    };
    let mut header_bytes = 0;
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(n) => header_bytes += n,
        }
        if header_bytes > MAX_HEADER_BYTES {
            return Err(431);
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            req.headers
                .push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    if req
        .header("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        return Err(411);
    }
    let len: usize = match req.header("content-length") {
        Some(v) => v.parse().map_err(|_| 400u16)?,
        None => 0,
    };
    if len > MAX_BODY {
        return Err(413);
    }
    req.body = vec![0; len];
    reader.read_exact(&mut req.body).map_err(|_| 400u16)?;
    Ok(Some(req))
}

fn head(status: u16, headers: &[(String, String)], content_length: u64, close: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("access-control-allow-origin: *\r\n");
    out.push_str("access-control-expose-headers: Retry-After, Content-Length\r\n");
    out.push_str(&format!("content-length: {content_length}\r\n"));
    out.push_str(if close {
        "connection: close\r\n\r\n"
    } else {
        "connection: keep-alive\r\n\r\n"
    });
    out.into_bytes()
}

/// Writes an action; returns whether the connection may be reused.
fn write_action(stream: &mut TcpStream, action: Action, close: bool) -> bool {
    match action {
        Action::Respond(r) => {
            let mut bytes = head(r.status, &r.headers, r.body.len() as u64, close);
            bytes.extend_from_slice(&r.body);
            stream.write_all(&bytes).is_ok() && !close
        }
        Action::Drop => false,
        Action::Truncate(r) => {
            let mut bytes = head(r.status, &r.headers, r.body.len() as u64 + 64, true);
            bytes.extend_from_slice(&r.body[..r.body.len() / 2]);
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
            false
        }
        Action::Stall(r) => {
            let mut bytes = head(r.status, &r.headers, r.body.len() as u64 + 64, true);
            bytes.extend_from_slice(&r.body[..r.body.len() / 2]);
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
            std::thread::sleep(Duration::from_secs(60));
            false
        }
        Action::Huge(status, n) => {
            let headers = vec![("content-type".to_string(), "application/json".to_string())];
            if stream.write_all(&head(status, &headers, n, true)).is_err() {
                return false;
            }
            let chunk = vec![b'x'; 64 * 1024];
            let mut left = n;
            while left > 0 {
                let take = left.min(chunk.len() as u64) as usize;
                if stream.write_all(&chunk[..take]).is_err() {
                    break;
                }
                left -= take as u64;
            }
            false
        }
    }
}

/// Serves requests on one connection until it closes.
pub fn handle_connection(stream: TcpStream, shared: &Shared, config: &Config) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let req = match read_request(&mut reader) {
            Ok(Some(req)) => req,
            Ok(None) => return,
            Err(status) => {
                let r = Response::new(status, "text/plain", reason(status).as_bytes().to_vec());
                write_action(&mut writer, Action::Respond(r), true);
                return;
            }
        };
        let close = req
            .header("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"));
        let action = crate::router::route(&req, shared, config);
        if !write_action(&mut writer, action, close) {
            let _ = writer.shutdown(std::net::Shutdown::Both);
            return;
        }
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
        assert!(percent_decode("%FF", false).is_none());
    }

    #[test]
    fn parses_pairs() {
        assert_eq!(
            parse_pairs("a=1&b=x%26y&c"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x&y".into()),
                ("c".into(), "".into())
            ]
        );
    }
}
