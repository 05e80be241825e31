//! The std shell: the emulator on a TCP port (one thread per connection, keep-alive), plus the
//! admin console (`www/` at `/`) and the built package (`pkg/` at `/pkg/`) as static files.
//! [`serve`] runs until the process ends; [`ServerHandle`] until it is shut down or dropped.

pub mod connection;
pub mod static_files;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::answer::{with_cors, Answer, Outcome};
use crate::config::Config;
use crate::emulator::Emulator;

/// Stack of each connection thread: enough for serde_json's nesting limit in debug builds.
const CONNECTION_STACK: usize = 1024 * 1024;

/// The system's time, ms since the epoch: what this shell hands the emulator.
pub fn system_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Seed for the emulator's token values, from std's randomly keyed hasher (keys from the OS).
pub fn entropy() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(system_now_ms());
    hasher.finish()
}

/// Locks the emulator, recovering from a poisoned lock (a panicking handler must not stop the
/// server).
fn lock(shared: &Mutex<Emulator>) -> MutexGuard<'_, Emulator> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Binds `config.host:config.port` and serves in a background thread (one more thread per
/// connection); returns the bound address (the real port when `config.port` is 0) and the
/// accept loop's handle, which runs until the process ends. To stop a server (a test's own, its
/// port released when the test ends), use [`ServerHandle::start`].
pub fn serve(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let (addr, accept, _control) = spawn(config)?;
    Ok((addr, accept))
}

/// A running server that stops when [`ServerHandle::shutdown`] is called or the handle is
/// dropped: it stops accepting, closes its listener (the port is free again when `shutdown`
/// returns) and closes the reading side of its open connections, so an idle keep-alive
/// connection ends at once and an answer being written still goes out (a scripted delay or
/// stall runs its course first).
#[derive(Debug)]
pub struct ServerHandle {
    addr: SocketAddr,
    control: Arc<Control>,
    accept: Option<JoinHandle<()>>,
}

impl ServerHandle {
    /// Binds `config.host:config.port` and serves in background threads, as [`serve`] does.
    pub fn start(config: Config) -> std::io::Result<ServerHandle> {
        let (addr, accept, control) = spawn(config)?;
        Ok(ServerHandle {
            addr,
            control,
            accept: Some(accept),
        })
    }

    /// The bound address (the real port when `config.port` was 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops the server (what dropping the handle does, said out loud).
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        let Some(accept) = self.accept.take() else {
            return;
        };
        self.control.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop with a connection of our own; it sees the flag and ends, which
        // closes the listener. (Unreachable, which it never is on an address of this machine:
        // the loop ends at its next connection; not waited for.)
        if TcpStream::connect_timeout(&reachable(self.addr), Duration::from_secs(1)).is_ok() {
            let _ = accept.join();
        }
        let connections = self
            .control
            .connections
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for stream in connections.values() {
            let _ = stream.shutdown(Shutdown::Read);
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What the accept loop and the connections share with a [`ServerHandle`].
#[derive(Debug, Default)]
struct Control {
    /// Set when the server is to stop.
    stopping: AtomicBool,
    /// The open connections (a clone of each socket), by number.
    connections: Mutex<HashMap<u64, TcpStream>>,
    next: AtomicU64,
}

/// A connection's entry in [`Control::connections`], removed when the connection ends.
struct Registration {
    control: Arc<Control>,
    id: u64,
}

impl Control {
    /// How many connections are open.
    fn open(&self) -> usize {
        self.connections
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .len()
    }

    /// Registers an accepted connection (unless its socket cannot be cloned: then it ends by
    /// itself, at its read timeout at the latest).
    fn register(control: &Arc<Control>, stream: &TcpStream) -> Option<Registration> {
        let clone = stream.try_clone().ok()?;
        let id = control.next.fetch_add(1, Ordering::Relaxed);
        control
            .connections
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(id, clone);
        Some(Registration {
            control: control.clone(),
            id,
        })
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.control
            .connections
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(&self.id);
    }
}

/// Where a client on this machine connects to reach a listener bound to `addr`: an unspecified
/// address (`0.0.0.0`, `::`), which no client can connect to, is reached on the loopback of its
/// family.
pub fn reachable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

/// Binds and starts the accept loop: the bound address, the loop's handle and its control.
fn spawn(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>, Arc<Control>)> {
    let listener = TcpListener::bind((config.host.as_str(), config.port))?;
    let addr = listener.local_addr()?;
    let emulator = Emulator::new(&config.options(), entropy(), system_now_ms());
    let shared = Arc::new(Mutex::new(emulator));
    let config = Arc::new(config);
    let control = Arc::new(Control::default());
    let loop_control = control.clone();
    let handle = thread::spawn(move || accept_loop(&listener, &shared, &config, &loop_control));
    Ok((addr, handle, control))
}

/// How many connections are served at once (a thread each); one more is answered 503 and closed,
/// so that a client opening connections without end cannot take the process's memory.
const MAX_CONNECTIONS: usize = 1024;

/// Answers a connection beyond [`MAX_CONNECTIONS`]: 503, `Retry-After: 1`, closed.
fn refuse_busy(mut stream: TcpStream) {
    use std::io::Write;
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
    );
}

/// Accepts connections, one thread each, until the control says stop.
fn accept_loop(
    listener: &TcpListener,
    shared: &Arc<Mutex<Emulator>>,
    config: &Arc<Config>,
    control: &Arc<Control>,
) {
    loop {
        let accepted = listener.accept();
        if control.stopping.load(Ordering::SeqCst) {
            return;
        }
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        if control.open() >= MAX_CONNECTIONS {
            refuse_busy(stream);
            continue;
        }
        let registration = Control::register(control, &stream);
        let shared = shared.clone();
        let config = config.clone();
        let _ = thread::Builder::new()
            .name("sandbox-conn".into())
            .stack_size(CONNECTION_STACK)
            .spawn(move || {
                let _registration = registration;
                connection::handle_connection(stream, &|req| answer(&shared, &config, req));
            });
    }
}

/// The emulator's answer to a request, the static files answering what it does not route.
fn answer(shared: &Mutex<Emulator>, config: &Config, req: &crate::message::Request) -> Answer {
    let answer = lock(shared).handle(req, system_now_ms());
    match answer.outcome {
        Outcome::Unrouted => Answer {
            delay_ms: answer.delay_ms,
            outcome: Outcome::Respond(with_cors(static_files::handle(req, config))),
        },
        _ => answer,
    }
}
