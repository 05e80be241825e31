//! The sandbox's whole state: one sub-state per provider, the fault queue, counters and the
//! request log. Behind one mutex; handlers hold it only briefly.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::faults::Faults;
use crate::hopr::HoprState;
use crate::Config;

/// How many requests the log keeps.
pub const LOG_SIZE: usize = 1000;

/// One logged request (credentials redacted).
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoggedRequest {
    /// Method.
    pub method: String,
    /// Path as received.
    pub path: String,
    /// Raw query string.
    pub query: String,
    /// Headers, credential values replaced by `<redacted>`.
    pub headers: BTreeMap<String, String>,
    /// Body as (lossy) text.
    pub body: String,
}

/// Everything the sandbox knows.
pub struct State {
    /// HOPR tokens.
    pub hopr: HoprState,
    /// Scripted faults.
    pub faults: Faults,
    /// Requests per `METHOD path`.
    pub stats: BTreeMap<String, u64>,
    /// Total counted requests.
    pub total: u64,
    /// The last [`LOG_SIZE`] requests.
    pub log: VecDeque<LoggedRequest>,
    seed: usize,
}

/// The shared state.
pub type Shared = Arc<Mutex<State>>;

impl State {
    /// The initial state for `config`.
    pub fn new(config: &Config) -> State {
        State {
            hopr: HoprState::seeded(config.seed),
            faults: Faults::default(),
            stats: BTreeMap::new(),
            total: 0,
            log: VecDeque::new(),
            seed: config.seed,
        }
    }

    /// Back to the initial state.
    pub fn reset(&mut self) {
        self.hopr = HoprState::seeded(self.seed);
        self.faults = Faults::default();
        self.stats.clear();
        self.total = 0;
        self.log.clear();
    }
}

/// Locks the state, recovering from a poisoned lock (a panicking handler must not stop the server).
pub fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The credentials printed at start.
pub fn credentials_text(config: &Config) -> String {
    let mut text = String::from(
        "demo credentials:\n  HOPR     superuser hopr-admin-token; hopr-demo-token (tokensCreate, tokensGetToken, tokensDelete); hopr-limited-token (tokensGetToken, 3 calls); hopr-readonly-token (tokensGetToken)",
    );
    if config.seed > 0 {
        text.push_str(&format!(
            "\n  seeded   {} extra tokens per provider",
            config.seed
        ));
    }
    text
}
