//! The std shell: the emulator on a TCP port (one thread per connection, keep-alive), plus the
//! admin console (`www/` at `/`) and the built package (`pkg/` at `/pkg/`) as static files.

pub mod connection;
pub mod static_files;

use std::net::{SocketAddr, TcpListener};
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
/// accept loop's handle, which runs until the process ends.
pub fn serve(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind((config.host.as_str(), config.port))?;
    let addr = listener.local_addr()?;
    let emulator = Emulator::new(&config.options(), entropy(), system_now_ms());
    let shared = Arc::new(Mutex::new(emulator));
    let config = Arc::new(config);
    let handle = thread::spawn(move || loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let shared = shared.clone();
        let config = config.clone();
        let _ = thread::Builder::new()
            .name("sandbox-conn".into())
            .stack_size(CONNECTION_STACK)
            .spawn(move || {
                connection::handle_connection(stream, &|req| {
                    let answer = lock(&shared).handle(req, system_now_ms());
                    match answer.outcome {
                        Outcome::Unrouted => Answer {
                            delay_ms: answer.delay_ms,
                            outcome: Outcome::Respond(with_cors(static_files::handle(
                                req, &config,
                            ))),
                        },
                        _ => answer,
                    }
                })
            });
    });
    Ok((addr, handle))
}
