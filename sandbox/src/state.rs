//! The sandbox's whole state: one sub-state per provider, the fault queue, counters and the
//! request log. Behind one mutex; handlers hold it only briefly.
//!
//! Adding a provider: give it a field here and initialise it in [`State::new`]; reset then
//! restores it too.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::authlete::AuthleteState;
use crate::config::Config;
use crate::faults::Faults;
use crate::hopr::HoprState;
use crate::knetik::KnetikState;

/// How many requests the log keeps.
pub const LOG_SIZE: usize = 1000;

/// One logged request (credentials redacted).
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoggedRequest {
    /// Method.
    pub method: String,
    /// Path as received (not decoded), without the query.
    pub path: String,
    /// Raw query string (without `?`).
    pub query: String,
    /// Headers (lower-case names), credential values replaced by `<redacted>`.
    pub headers: BTreeMap<String, String>,
    /// Body as (lossy) UTF-8 text.
    pub body: String,
}

/// Everything the sandbox knows.
pub struct State {
    /// HOPR node tokens.
    pub hopr: HoprState,
    /// Authlete clients and tokens.
    pub authlete: AuthleteState,
    /// Knetik OAuth tokens.
    pub knetik: KnetikState,
    /// Scripted faults.
    pub faults: Faults,
    /// Requests per `METHOD raw-path`.
    pub stats: BTreeMap<String, u64>,
    /// Total counted requests.
    pub total: u64,
    /// The last [`LOG_SIZE`] requests.
    pub log: VecDeque<LoggedRequest>,
    /// The settings the state was built from (kept for [`State::reset`]).
    pub config: Config,
}

/// The shared state.
pub type Shared = Arc<Mutex<State>>;

impl State {
    /// The initial state for `config`.
    pub fn new(config: &Config) -> State {
        State {
            hopr: HoprState::seeded(config.seed),
            authlete: AuthleteState::seeded(config.seed),
            knetik: KnetikState::seeded(config),
            faults: Faults::default(),
            stats: BTreeMap::new(),
            total: 0,
            log: VecDeque::new(),
            config: config.clone(),
        }
    }

    /// Back to the initial state: every provider, the faults, the counters and the log.
    pub fn reset(&mut self) {
        *self = State::new(&self.config);
    }
}

/// Locks the state, recovering from a poisoned lock (a panicking handler must not stop the server).
pub fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
