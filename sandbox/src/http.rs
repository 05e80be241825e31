//! A minimal HTTP/1.1 server connection loop: parse requests, hand them to the handler it is
//! given (the router), write answers (or scripted faults), keep the connection alive.
//!
//! Every read is bounded (line length, header size, body size) and every parse error becomes an
//! HTTP error answer or a closed connection, never a panic.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

/// Largest accepted request body (larger ones get 413).
pub const MAX_BODY: usize = 1024 * 1024;
/// Largest accepted request line (longer ones get 414).
const MAX_REQUEST_LINE: usize = 16 * 1024;
/// Largest accepted header block (larger ones get 431).
const MAX_HEADER_BYTES: usize = 64 * 1024;
/// Blank lines tolerated before a request line.
const MAX_BLANK_LINES: usize = 8;
/// How long an idle keep-alive connection (or a slow sender) is kept.
const READ_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a write may block on a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a stalled answer keeps the connection open.
const STALL: Duration = Duration::from_secs(60);

/// A parsed request.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Method, as sent (methods are case-sensitive).
    pub method: String,
    /// `HTTP/1.1` or `HTTP/1.0`.
    pub version: String,
    /// The path as received (still percent-encoded), without the query.
    pub raw_path: String,
    /// The path percent-decoded (invalid UTF-8 replaced); see [`Request::segments`] to split it
    /// safely, since a decoded `%2F` is indistinguishable from a separator here.
    pub path: String,
    /// The raw query string (without `?`).
    pub raw_query: String,
    /// Decoded query pairs (`+` is a space).
    pub query: Vec<(String, String)>,
    /// Headers with lower-case names, in the order received.
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
#[derive(Clone, Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers besides the ones the server adds itself (CORS, `content-length`, `connection`).
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
    /// Send the headers (announcing more than the body) and half the body, then close.
    Truncate(Response),
    /// Send the headers (announcing more than the body) and half the body, then keep the
    /// connection open without sending anything for 60 s.
    Stall(Response),
    /// Send these headers and a streamed body of this many `x` bytes, then close.
    Huge(Response, u64),
}

/// Decodes `%XX` (and `+` as space when `plus` is set); `None` on invalid UTF-8. A `%` not
/// followed by two hex digits is kept as is (percent-encoding's rule).
pub fn percent_decode(s: &str, plus: bool) -> Option<String> {
    String::from_utf8(percent_decode_bytes(s, plus)).ok()
}

fn percent_decode_bytes(s: &str, plus: bool) -> Vec<u8> {
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

/// Why no request could be read.
enum ReadError {
    /// The peer closed (or timed out) between or inside requests: close quietly.
    Closed,
    /// A malformed request: answer with this status and close.
    Bad(u16),
}

/// Reads one line (with its `\n`) of at most `limit` bytes. `Ok(None)` on a clean EOF before any
/// byte; `Err(Closed)` on EOF inside the line; `Err(Bad(too_long))` when the line is too long.
fn read_line(
    reader: &mut BufReader<TcpStream>,
    limit: usize,
    too_long: u16,
) -> Result<Option<Vec<u8>>, ReadError> {
    let mut line = Vec::new();
    match reader
        .by_ref()
        .take(limit as u64)
        .read_until(b'\n', &mut line)
    {
        Ok(0) => Ok(None),
        Ok(_) if line.ends_with(b"\n") => Ok(Some(line)),
        Ok(_) if line.len() >= limit => Err(ReadError::Bad(too_long)),
        Ok(_) | Err(_) => Err(ReadError::Closed),
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Reads one request; answers `100 Continue` on the way when asked to.
fn read_request(
    reader: &mut BufReader<TcpStream>,
    writer: &mut TcpStream,
) -> Result<Request, ReadError> {
    let mut blank = 0;
    let line = loop {
        let Some(line) = read_line(reader, MAX_REQUEST_LINE, 414)? else {
            return Err(ReadError::Closed);
        };
        if !trim_eol(&line).is_empty() {
            break line;
        }
        blank += 1;
        if blank > MAX_BLANK_LINES {
            return Err(ReadError::Bad(400));
        }
    };
    let line = std::str::from_utf8(trim_eol(&line)).map_err(|_| ReadError::Bad(400))?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400));
    };
    if !is_token(method) || !(target.starts_with('/') || target == "*") {
        return Err(ReadError::Bad(400));
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(ReadError::Bad(505));
    }
    let (raw_path, raw_query) = target.split_once('?').unwrap_or((target, ""));
    let mut req = Request {
        method: method.to_string(),
        version: version.to_string(),
        raw_path: raw_path.to_string(),
        path: String::from_utf8_lossy(&percent_decode_bytes(raw_path, false)).into_owned(),
        raw_query: raw_query.to_string(),
        query: parse_pairs(raw_query),
        ..Request::default()
    };
    let mut header_bytes = 0;
    loop {
        let left = MAX_HEADER_BYTES.saturating_sub(header_bytes).max(1);
        let Some(h) = read_line(reader, left, 431)? else {
            return Err(ReadError::Closed);
        };
        header_bytes += h.len();
        let h = trim_eol(&h);
        if h.is_empty() {
            break;
        }
        let h = String::from_utf8_lossy(h);
        let Some((k, v)) = h.split_once(':') else {
            return Err(ReadError::Bad(400));
        };
        let name = k.trim();
        if !is_token(name) || name.len() != k.len() {
            return Err(ReadError::Bad(400));
        }
        req.headers
            .push((name.to_ascii_lowercase(), v.trim().to_string()));
    }
    if req.header("transfer-encoding").is_some() {
        return Err(ReadError::Bad(411));
    }
    let mut lengths = req
        .headers
        .iter()
        .filter(|(k, _)| k == "content-length")
        .map(|(_, v)| v.as_str());
    let len = match lengths.next() {
        None => 0,
        Some(v) => {
            if !v.bytes().all(|b| b.is_ascii_digit()) || lengths.any(|other| other != v) {
                return Err(ReadError::Bad(400));
            }
            // All digits: the only failure left is overflow, which is "too large".
            v.parse::<usize>().unwrap_or(usize::MAX)
        }
    };
    if len > MAX_BODY {
        return Err(ReadError::Bad(413));
    }
    if len > 0
        && req
            .header("expect")
            .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        let _ = writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    req.body = vec![0; len];
    reader
        .read_exact(&mut req.body)
        .map_err(|_| ReadError::Closed)?;
    Ok(req)
}

/// Whether the client asked to close after this request.
fn wants_close(req: &Request) -> bool {
    let http10 = req.version == "HTTP/1.0";
    let has = |token: &str| {
        req.headers
            .iter()
            .filter(|(k, _)| k == "connection")
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    };
    has("close") || (http10 && !has("keep-alive"))
}

/// Statuses that never carry a body.
fn bodiless(status: u16) -> bool {
    status < 200 || status == 204 || status == 304
}

/// The status line and headers, with CORS, `content-length` and `connection` added.
fn head(status: u16, headers: &[(String, String)], content_length: u64, close: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        // Values come from handlers and fault scripts: never let them split the header block.
        let v: String = v.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("access-control-allow-origin: *\r\n");
    out.push_str("access-control-expose-headers: Retry-After, Content-Length\r\n");
    if !bodiless(status) {
        out.push_str(&format!("content-length: {content_length}\r\n"));
    }
    out.push_str(if close {
        "connection: close\r\n\r\n"
    } else {
        "connection: keep-alive\r\n\r\n"
    });
    out.into_bytes()
}

/// Writes an action; returns whether the connection may be reused.
fn write_action(stream: &mut TcpStream, action: Action, close: bool, head_only: bool) -> bool {
    match action {
        Action::Respond(r) => {
            let body: &[u8] = if bodiless(r.status) { &[] } else { &r.body };
            let mut bytes = head(r.status, &r.headers, body.len() as u64, close);
            if !head_only {
                bytes.extend_from_slice(body);
            }
            stream.write_all(&bytes).is_ok() && stream.flush().is_ok() && !close
        }
        Action::Drop => false,
        Action::Truncate(r) | Action::Stall(r) if bodiless(r.status) => {
            // Nothing to cut: announce nothing and close.
            let _ = stream.write_all(&head(r.status, &r.headers, 0, true));
            false
        }
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
            std::thread::sleep(STALL);
            false
        }
        Action::Huge(r, n) => {
            let n = if bodiless(r.status) { 0 } else { n };
            if stream
                .write_all(&head(r.status, &r.headers, n, true))
                .is_err()
                || head_only
            {
                return false;
            }
            let chunk = [b'x'; 64 * 1024];
            let mut left = n;
            while left > 0 {
                let take = left.min(chunk.len() as u64) as usize;
                if stream.write_all(&chunk[..take]).is_err() {
                    break;
                }
                left -= take as u64;
            }
            let _ = stream.flush();
            false
        }
    }
}

/// Answers a malformed request and closes, reading (a bounded amount of) what the client still
/// sends so that the close does not reset the connection before the answer is read.
fn refuse(mut stream: TcpStream, mut reader: BufReader<TcpStream>, status: u16) {
    let r = Response::new(
        status,
        "text/plain; charset=utf-8",
        reason(status).as_bytes().to_vec(),
    );
    write_action(&mut stream, Action::Respond(r), true, false);
    let _ = stream.shutdown(Shutdown::Write);
    let _ = reader
        .get_ref()
        .set_read_timeout(Some(Duration::from_millis(500)));
    let _ = std::io::copy(
        &mut reader.by_ref().take(8 * MAX_BODY as u64),
        &mut std::io::sink(),
    );
}

/// Serves requests on one connection until it closes, answering each with `handler`.
pub fn handle_connection(stream: TcpStream, handler: &dyn Fn(&Request) -> Action) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let req = match read_request(&mut reader, &mut writer) {
            Ok(req) => req,
            Err(ReadError::Closed) => return,
            Err(ReadError::Bad(status)) => return refuse(writer, reader, status),
        };
        let close = wants_close(&req);
        let head_only = req.method == "HEAD";
        let action = handler(&req);
        if !write_action(&mut writer, action, close, head_only) {
            let _ = writer.shutdown(Shutdown::Both);
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
        assert_eq!(percent_decode("%4", false).unwrap(), "%4");
        assert_eq!(percent_decode("%41%", false).unwrap(), "A%");
        assert!(percent_decode("%FF", false).is_none());
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
        let req = Request {
            raw_path: "/api/v3/tokens/a%2Fb".into(),
            ..Request::default()
        };
        assert_eq!(req.segments().unwrap(), vec!["api", "v3", "tokens", "a/b"]);
    }
}
