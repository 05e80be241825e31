//! A minimal HTTP/1.1 server connection loop: parse requests, hand them to the handler it is
//! given (the emulator, then static files), carry out its answer on the socket (a response, or a
//! scripted fault: delay, drop, truncate, stall, a huge body), keep the connection alive.
//!
//! Hand-written on std on purpose: faults are byte-level (half a body, then a closed or silent
//! connection), which HTTP server crates exist to prevent. Every read is bounded (line length,
//! header size, body size, chunked or not) and every parse error becomes an HTTP error answer or
//! a closed connection, never a panic. Request targets in origin-form (`/path?query`) and
//! absolute-form (`http://host/path?query`, its authority then the request's origin) are taken,
//! and bodies by `Content-Length` or chunked (RFC 9112, 3.2 and 6).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use crate::answer::{with_cors, Answer, Outcome};
use crate::message::{bodiless, reason, Request, Response};
use crate::util::is_host;

/// Largest accepted request body (larger ones get 413).
pub const MAX_BODY: usize = 1024 * 1024;
/// Largest accepted request line (longer ones get 414).
const MAX_REQUEST_LINE: usize = 16 * 1024;
/// Largest accepted header block (larger ones get 431), and trailer section of a chunked body.
const MAX_HEADER_BYTES: usize = 64 * 1024;
/// Largest accepted chunk-size line (with its extensions) of a chunked body.
const MAX_CHUNK_LINE: usize = 4 * 1024;
/// Blank lines tolerated before a request line.
const MAX_BLANK_LINES: usize = 8;
/// How long an idle keep-alive connection (or a slow sender) is kept.
const READ_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a write may block on a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a stalled answer keeps the connection open.
const STALL: Duration = Duration::from_secs(60);

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
    let (method, target, version) = read_request_line(reader)?;
    let (origin_form, authority) = origin_form(&target).ok_or(ReadError::Bad(400))?;
    let mut req = Request::new(&method, &origin_form);
    req.version = version;
    if let Some(authority) = authority.filter(|a| is_host(a)) {
        req.origin = ["http://", authority].concat();
    }
    read_fields(reader, &mut req.headers)?;
    let framing = framing(&req)?;
    let expects_body = !matches!(framing, Framing::Length(0));
    // Never to an HTTP/1.0 client, which has no 1xx answers (RFC 9110, 10.1.1).
    if expects_body
        && req.version != "HTTP/1.0"
        && req
            .header("expect")
            .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        let _ = writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    req.body = match framing {
        Framing::Length(len) => {
            let mut body = Vec::new();
            read_more(reader, &mut body, len)?;
            body
        }
        Framing::Chunked => read_chunked(reader)?,
    };
    Ok(req)
}

/// Appends exactly `len` more bytes from `reader` to `body`, the buffer growing as they arrive
/// (not allocated up front from what the client announced); `Err(Closed)` when fewer come.
fn read_more(
    reader: &mut BufReader<TcpStream>,
    body: &mut Vec<u8>,
    len: usize,
) -> Result<(), ReadError> {
    let start = body.len();
    let read = reader.by_ref().take(len as u64).read_to_end(body);
    match read {
        Ok(n) if n == len && body.len() == start + len => Ok(()),
        _ => Err(ReadError::Closed),
    }
}

/// Reads the request line: method, target and version, checked.
fn read_request_line(
    reader: &mut BufReader<TcpStream>,
) -> Result<(String, String, String), ReadError> {
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
    if !is_token(method) || target.is_empty() {
        return Err(ReadError::Bad(400));
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(ReadError::Bad(505));
    }
    Ok((method.into(), target.into(), version.into()))
}

/// The origin-form (path and query) of a request target, and the authority when it was in
/// absolute-form (`http://host:port/path?query`, which a server must accept: RFC 9112, 3.2.2;
/// userinfo dropped); `None` for anything else (authority-form, another scheme).
fn origin_form(target: &str) -> Option<(String, Option<&str>)> {
    if target.starts_with('/') || target == "*" {
        return Some((target.to_string(), None));
    }
    let (scheme, rest) = target.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if host.is_empty() {
        return None;
    }
    let path = if tail.starts_with('/') {
        tail.to_string()
    } else {
        ["/", tail].concat()
    };
    Some((path, Some(host)))
}

/// Reads header fields (or a chunked body's trailer fields) up to the empty line, at most
/// [`MAX_HEADER_BYTES`] in all, into `fields` (lower-case names).
fn read_fields(
    reader: &mut BufReader<TcpStream>,
    fields: &mut Vec<(String, String)>,
) -> Result<(), ReadError> {
    let mut bytes = 0;
    loop {
        let left = MAX_HEADER_BYTES.saturating_sub(bytes).max(1);
        let Some(h) = read_line(reader, left, 431)? else {
            return Err(ReadError::Closed);
        };
        bytes += h.len();
        let h = trim_eol(&h);
        if h.is_empty() {
            return Ok(());
        }
        let h = String::from_utf8_lossy(h);
        let Some((k, v)) = h.split_once(':') else {
            return Err(ReadError::Bad(400));
        };
        let name = k.trim();
        if !is_token(name) || name.len() != k.len() {
            return Err(ReadError::Bad(400));
        }
        fields.push((name.to_ascii_lowercase(), v.trim().to_string()));
    }
}

/// How a request's body is delimited (RFC 9112, 6.3).
enum Framing {
    /// `Content-Length` bytes (0 without the header).
    Length(usize),
    /// The chunked transfer coding.
    Chunked,
}

/// The framing of a request's body: chunked when `Transfer-Encoding` ends with `chunked` (400
/// when it does not, or comes with a `Content-Length` or in HTTP/1.0: framing that cannot be
/// trusted; 501 for another coding, which the sandbox does not decode); else the
/// `Content-Length` (400 when not a number or given twice differently, 413 beyond [`MAX_BODY`]).
fn framing(req: &Request) -> Result<Framing, ReadError> {
    let codings: Vec<String> = req
        .headers
        .iter()
        .filter(|(k, _)| k == "transfer-encoding")
        .flat_map(|(_, v)| v.split(','))
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let mut lengths = req
        .headers
        .iter()
        .filter(|(k, _)| k == "content-length")
        .map(|(_, v)| v.as_str());
    if !codings.is_empty() {
        let chunked_last = codings.iter().position(|c| c == "chunked") == Some(codings.len() - 1);
        if !chunked_last || lengths.next().is_some() || req.version == "HTTP/1.0" {
            return Err(ReadError::Bad(400));
        }
        return match codings.len() {
            1 => Ok(Framing::Chunked),
            _ => Err(ReadError::Bad(501)),
        };
    }
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
    Ok(Framing::Length(len))
}

/// Reads a chunked body (RFC 9112, 7.1): chunks up to the last one (extensions ignored), then
/// the trailer section (ignored). 400 when the chunking is malformed, 413 when the chunks add up
/// to more than [`MAX_BODY`].
fn read_chunked(reader: &mut BufReader<TcpStream>) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    loop {
        let Some(line) = read_line(reader, MAX_CHUNK_LINE, 400)? else {
            return Err(ReadError::Closed);
        };
        // httparse takes an empty line for a size of 0: a size needs one hex digit at least.
        if !line.first().is_some_and(u8::is_ascii_hexdigit) {
            return Err(ReadError::Bad(400));
        }
        // A bare LF ends a line here as elsewhere (RFC 9112, 2.2); httparse wants CRLF.
        let line = [trim_eol(&line), b"\r\n"].concat();
        let size = match httparse::parse_chunk_size(&line) {
            Ok(httparse::Status::Complete((_, size))) => size,
            _ => return Err(ReadError::Bad(400)),
        };
        if size == 0 {
            read_fields(reader, &mut Vec::new())?;
            return Ok(body);
        }
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        if size > MAX_BODY - body.len() {
            return Err(ReadError::Bad(413));
        }
        read_more(reader, &mut body, size)?;
        match read_line(reader, 2, 400)? {
            Some(end) if trim_eol(&end).is_empty() => {}
            Some(_) => return Err(ReadError::Bad(400)),
            None => return Err(ReadError::Closed),
        }
    }
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

/// The status line and headers, with `content-length` and `connection` added.
fn head(status: u16, headers: &[(String, String)], content_length: u64, close: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        // Values come from handlers and fault scripts: never let them split the header block.
        let v: String = v.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        out.push_str(&format!("{k}: {v}\r\n"));
    }
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

/// Carries out an answer: waits its delay, then writes its outcome; returns whether the
/// connection may be reused.
fn write_answer(stream: &mut TcpStream, answer: Answer, close: bool, head_only: bool) -> bool {
    if answer.delay_ms > 0 {
        std::thread::sleep(Duration::from_millis(answer.delay_ms));
    }
    match answer.outcome {
        Outcome::Respond(r) => write_response(stream, &r, close, head_only),
        Outcome::Unrouted => write_response(stream, &crate::answer::not_found(), close, head_only),
        Outcome::Drop => false,
        Outcome::Truncate(r) | Outcome::Stall(r) if bodiless(r.status) => {
            // Nothing to cut: announce nothing and close.
            let _ = stream.write_all(&head(r.status, &r.headers, 0, true));
            false
        }
        Outcome::Truncate(r) => {
            write_half(stream, &r, head_only);
            false
        }
        Outcome::Stall(r) => {
            write_half(stream, &r, head_only);
            std::thread::sleep(STALL);
            false
        }
        Outcome::Huge(r, n) => {
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

/// Writes a whole response; whether the connection may be reused.
fn write_response(stream: &mut TcpStream, r: &Response, close: bool, head_only: bool) -> bool {
    let body: &[u8] = if bodiless(r.status) { &[] } else { &r.body };
    let mut bytes = head(r.status, &r.headers, body.len() as u64, close);
    if !head_only {
        bytes.extend_from_slice(body);
    }
    stream.write_all(&bytes).is_ok() && stream.flush().is_ok() && !close
}

/// The headers, announcing 64 bytes more than the body, and half the body (none to a HEAD
/// request, whose answer has no body).
fn write_half(stream: &mut TcpStream, r: &Response, head_only: bool) {
    let mut bytes = head(r.status, &r.headers, r.body.len() as u64 + 64, true);
    if !head_only {
        bytes.extend_from_slice(&r.body[..r.body.len() / 2]);
    }
    let _ = stream.write_all(&bytes);
    let _ = stream.flush();
}

/// Answers a malformed request and closes, reading (a bounded amount of) what the client still
/// sends so that the close does not reset the connection before the answer is read.
fn refuse(mut stream: TcpStream, mut reader: BufReader<TcpStream>, status: u16) {
    let r = Response::new(
        status,
        "text/plain; charset=utf-8",
        reason(status).as_bytes().to_vec(),
    );
    write_response(&mut stream, &with_cors(r), true, false);
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
pub fn handle_connection(stream: TcpStream, handler: &dyn Fn(&Request) -> Answer) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let local = writer
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let mut reader = BufReader::new(stream);
    loop {
        let mut req = match read_request(&mut reader, &mut writer) {
            Ok(req) => req,
            Err(ReadError::Closed) => return,
            Err(ReadError::Bad(status)) => return refuse(writer, reader, status),
        };
        // Where the caller reached us: an absolute-form target's authority (read with the
        // request), else the Host header, unless it is no host[:port].
        if req.origin.is_empty() {
            let host = req.header("host").filter(|h| is_host(h)).unwrap_or(&local);
            req.origin = ["http://", host].concat();
        }
        let close = wants_close(&req);
        let head_only = req.method == "HEAD";
        let answer = handler(&req);
        if !write_answer(&mut writer, answer, close, head_only) {
            let _ = writer.shutdown(Shutdown::Both);
            return;
        }
    }
}
