//! A tiny raw HTTP/1.1 client and an in-process sandbox for the integration tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokenops_sandbox::{Config, ServerHandle};

/// A running in-process sandbox with its own www/pkg folders; stopped (its port released) when
/// the test drops it.
pub struct Server {
    pub addr: SocketAddr,
    pub root: PathBuf,
    _handle: ServerHandle,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Starts a sandbox on a free port with `seed` extra tokens and a fresh www/pkg tree.
pub fn start_seeded(seed: usize) -> Server {
    let root = std::env::temp_dir().join(format!(
        "sandbox-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&root);
    let www = root.join("www");
    let pkg = root.join("pkg");
    std::fs::create_dir_all(www.join("sub")).unwrap();
    std::fs::create_dir_all(pkg.join("web")).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    std::fs::write(www.join("app.js"), "export const x = 1;").unwrap();
    std::fs::write(www.join("sub/style.css"), "body{}").unwrap();
    std::fs::write(pkg.join("web/tokenops_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(pkg.join("web/index.d.ts"), "export {};").unwrap();
    std::fs::write(root.join("secret.txt"), "top secret").unwrap();
    let config = Config {
        port: 0,
        seed,
        www,
        pkg,
        ..Config::default()
    };
    let handle = ServerHandle::start(config).expect("bind");
    Server {
        addr: handle.addr(),
        root,
        _handle: handle,
    }
}

/// Starts a sandbox with no extra tokens.
pub fn start() -> Server {
    start_seeded(0)
}

impl Server {
    /// A new connection.
    pub fn conn(&self) -> Conn {
        Conn::open(self.addr)
    }

    /// One request on a fresh connection.
    pub fn req(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Resp {
        self.conn()
            .send(method, path, headers, body.as_bytes())
            .expect("response")
    }

    /// GET with an `x-auth-token`.
    pub fn get_token(&self, token: &str) -> Resp {
        self.req("GET", "/api/v3/token", &[("x-auth-token", token)], "")
    }

    /// POST /api/v3/tokens/ as `token`.
    pub fn create(&self, token: &str, body: &str) -> Resp {
        self.req(
            "POST",
            "/api/v3/tokens/",
            &[
                ("x-auth-token", token),
                ("content-type", "application/json"),
            ],
            body,
        )
    }

    /// DELETE /api/v3/tokens/{raw_id} as `token`.
    pub fn delete(&self, token: &str, raw_id: &str) -> Resp {
        self.req(
            "DELETE",
            &format!("/api/v3/tokens/{raw_id}"),
            &[("x-auth-token", token)],
            "",
        )
    }

    /// `Bearer <token>` of a Knetik access token for the demo `admin-client`
    /// (client_credentials).
    pub fn knetik_admin_bearer(&self) -> String {
        let r = self.req(
            "POST",
            "/oauth/token",
            &[("content-type", "application/x-www-form-urlencoded")],
            "grant_type=client_credentials&client_id=admin-client&client_secret=admin-secret",
        );
        assert_eq!(r.status, 200, "{}", r.text());
        format!("Bearer {}", r.json()["access_token"].as_str().unwrap())
    }

    /// POSTs a fault script and checks it was accepted.
    pub fn fault(&self, json: &str) {
        let r = self.req("POST", "/_sandbox/faults", &[], json);
        assert_eq!(r.status, 204, "fault {json}: {}", r.text());
    }

    /// GET of a control endpoint, as JSON.
    pub fn control_json(&self, path: &str) -> serde_json::Value {
        let r = self.req("GET", path, &[], "");
        assert_eq!(r.status, 200);
        r.json()
    }
}

/// A parsed answer.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text()))
    }
}

/// One client connection.
pub struct Conn {
    pub stream: TcpStream,
    pub reader: BufReader<TcpStream>,
}

impl Conn {
    pub fn open(addr: SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let reader = BufReader::new(stream.try_clone().unwrap());
        Conn { stream, reader }
    }

    /// Writes a request without reading the answer.
    pub fn write(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) {
        let mut out = format!("{method} {path} HTTP/1.1\r\nhost: sandbox\r\n");
        for (k, v) in headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            out.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(body);
        self.stream.write_all(&bytes).expect("write");
    }

    /// Writes raw bytes.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).expect("write");
    }

    /// Sends a request and reads the answer.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Resp> {
        self.write(method, path, headers, body);
        self.read(method == "HEAD")
    }

    /// Reads the status line and headers.
    pub fn read_head(&mut self) -> std::io::Result<(u16, Vec<(String, String)>)> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {line:?}"));
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if self.reader.read_line(&mut h)? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (k, v) = h.split_once(':').expect("header");
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
        Ok((status, headers))
    }

    /// Reads a whole answer (the body by its content-length).
    pub fn read(&mut self, head_only: bool) -> std::io::Result<Resp> {
        let (status, headers) = self.read_head()?;
        let mut resp = Resp {
            status,
            headers,
            body: Vec::new(),
        };
        let len: usize = resp
            .header("content-length")
            .map(|v| v.parse().expect("content-length"))
            .unwrap_or(0);
        if !head_only {
            resp.body = vec![0; len];
            self.reader.read_exact(&mut resp.body)?;
        }
        Ok(resp)
    }

    /// Reads until EOF; returns the bytes.
    pub fn read_to_end(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let _ = self.reader.read_to_end(&mut out);
        out
    }
}

/// `Authorization: Basic` for `user:password`.
pub fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub const UNAUTHORIZED: &str = r#"{"error":"authentication failed","status":"UNAUTHORIZED"}"#;
pub const FORBIDDEN: &str = r#"{"error":"authorization failed","status":"UNAUTHORIZED"}"#;

/// Asserts a JSON body equals `expected` (compared as JSON).
pub fn assert_json(resp: &Resp, status: u16, expected: &str) {
    assert_eq!(resp.status, status, "body: {}", resp.text());
    let want: serde_json::Value = serde_json::from_str(expected).unwrap();
    assert_eq!(resp.json(), want);
}

/// Kills the child when dropped, so a failed assertion does not leave a server holding the
/// test's output pipes open (which would hang `cargo test | ...`).
pub struct KillOnDrop(pub std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The emulator's core in process (no socket): one request in, its response out.
pub struct Core {
    pub emulator: tokenops_sandbox::Emulator,
}

/// The time the in-process core starts at, ms since the epoch.
pub const CORE_NOW: u64 = 1_700_000_000_000;

impl Core {
    /// A fresh core with the default options.
    pub fn new() -> Core {
        let options = tokenops_sandbox::Options::default();
        Core {
            emulator: tokenops_sandbox::Emulator::new(&options, 7, CORE_NOW),
        }
    }

    /// One request; panics when the answer is not a response (no fault is scripted here).
    pub fn send(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> tokenops_sandbox::Response {
        let mut req = tokenops_sandbox::Request::new(method, target);
        req.headers = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        req.body = body.as_bytes().to_vec();
        match self.emulator.handle(&req, CORE_NOW).outcome {
            tokenops_sandbox::Outcome::Respond(r) => r,
            other => panic!("{other:?}"),
        }
    }

    /// Moves the emulated clock forward.
    pub fn advance(&mut self, ms: u64) {
        let r = self.send(
            "POST",
            "/_sandbox/clock",
            &[],
            &format!(r#"{{"advanceMs":{ms}}}"#),
        );
        assert_eq!(r.status, 204, "{}", String::from_utf8_lossy(&r.body));
    }
}

/// A response's body as JSON (`null` when it is not JSON).
pub fn body_json(r: &tokenops_sandbox::Response) -> serde_json::Value {
    serde_json::from_slice(&r.body).unwrap_or(serde_json::Value::Null)
}
