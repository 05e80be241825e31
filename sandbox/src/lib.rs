//! The tokenops sandbox: an in-memory emulator of the HOPR, Authlete and Knetik token APIs on
//! loopback, with a control API for tests (`/_sandbox/...`), CORS for browser callers, and static
//! serving of the admin console and the built package.
//!
//! A plain std HTTP/1.1 server (one thread per connection, keep-alive), so faults such as dropped
//! connections and truncated bodies are easy to produce exactly.
//!
//! The modules point one way: `http` (messages, the connection loop, given a handler) <- `util`,
//! `faults` <- the providers (`hopr`, `authlete`, `knetik`: each its state and its answers) <-
//! `state` <- `control`, `static_files` <- `router` (the handler) <- `serve`.

#![warn(missing_docs)]

pub mod authlete;
pub mod config;
pub mod control;
pub mod faults;
pub mod hopr;
pub mod http;
pub mod knetik;
pub mod router;
pub mod state;
pub mod static_files;
pub mod util;

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

pub use config::Config;

/// Stack of each connection thread: enough for serde_json's nesting limit in debug builds.
const CONNECTION_STACK: usize = 1024 * 1024;

/// Binds `config.host:config.port` and serves in a background thread (one more thread per
/// connection); returns the bound address (the real port when `config.port` is 0) and the
/// accept loop's handle, which runs until the process ends.
pub fn serve(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind((config.host.as_str(), config.port))?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Mutex::new(state::State::new(&config)));
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
                http::handle_connection(stream, &|req| router::route(req, &shared, &config))
            });
    });
    Ok((addr, handle))
}
