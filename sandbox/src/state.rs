//! One emulated world: one sub-state per provider, the fault queue, the clock, counters, the
//! request log and the random source. The emulator holds one for the root and one per session.
//!
//! Adding a provider: give it a field in [`Services`] and initialise it in [`State::new`]; reset
//! then restores it too.

use std::collections::BTreeMap;

use crate::authlete::AuthleteState;
use crate::clock::Clock;
use crate::config::Options;
use crate::faults::Faults;
use crate::hopr::HoprState;
use crate::knetik::KnetikState;
use crate::log::RequestLog;
use crate::util::Ctx;

/// The emulated services' own state, one field per provider.
///
/// Its `Debug` counts each provider's tokens and prints none.
pub struct Services {
    /// HOPR node tokens.
    pub hopr: HoprState,
    /// Authlete clients and tokens.
    pub authlete: AuthleteState,
    /// Knetik OAuth tokens.
    pub knetik: KnetikState,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("hopr_tokens", &self.hopr.tokens.len())
            .field("authlete_tokens", &self.authlete.tokens.len())
            .field("knetik_tokens", &self.knetik.tokens.len())
            .finish()
    }
}

/// Everything one world knows.
///
/// Its `Debug` is a summary: token counts, queued faults, the clock, how many requests were
/// counted and logged; no token and no credential.
pub struct State {
    /// The providers' state.
    pub services: Services,
    /// Scripted faults.
    pub faults: Faults,
    /// The emulated time.
    pub clock: Clock,
    /// Requests per `METHOD raw-path`.
    pub stats: BTreeMap<String, u64>,
    /// Total counted requests.
    pub total: u64,
    /// The last requests, credentials redacted.
    pub log: RequestLog,
    /// The settings the state was built from (kept for [`State::reset`]).
    pub options: Options,
    /// Where this world's token values come from.
    pub rng: fastrand::Rng,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("services", &self.services)
            .field("faults", &self.faults)
            .field("clock", &self.clock)
            .field("total", &self.total)
            .field("log", &self.log)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl State {
    /// The initial state for `options`, its clock at the shell's time `now_ms`.
    pub fn new(options: &Options, now_ms: u64, mut rng: fastrand::Rng) -> State {
        let options = &options.bounded();
        let mut ctx = Ctx {
            now_ms,
            rng: &mut rng,
        };
        let hopr = HoprState::seeded(options.seed);
        let authlete = AuthleteState::seeded(options.seed, &mut ctx);
        let knetik = KnetikState::seeded(options, &mut ctx);
        State {
            services: Services {
                hopr,
                authlete,
                knetik,
            },
            faults: Faults::default(),
            clock: Clock::default(),
            stats: BTreeMap::new(),
            total: 0,
            log: RequestLog::default(),
            options: options.clone(),
            rng,
        }
    }

    /// Back to the initial state: every provider, the faults, the clock (real time again), the
    /// counters and the log.
    pub fn reset(&mut self, shell_now_ms: u64) {
        let rng = self.rng.fork();
        *self = State::new(&self.options.clone(), shell_now_ms, rng);
    }
}
