//! Sessions: isolated worlds, one per test, each under its own path prefix
//! (`/_sandbox/sessions/{id}`) of the same origin. Bounded: at most [`MAX_SESSIONS`]; making one
//! more ends the one used least recently (the oldest idle), so memory stays bounded however many
//! tests forget to end theirs.

use std::collections::HashMap;

use crate::config::Options;
use crate::state::State;

/// The most sessions alive at once.
pub const MAX_SESSIONS: usize = 64;

/// Where session URLs live: `{origin}/_sandbox/sessions/{id}`.
pub const PREFIX: &str = "/_sandbox/sessions";

struct Session {
    state: State,
    /// When it was last used, in the table's own order of uses (exact, unlike a clock).
    last_use: u64,
}

/// The live sessions. Its `Debug` counts them (their worlds are for their own URLs).
#[derive(Default)]
pub struct Sessions {
    by_id: HashMap<String, Session>,
    uses: u64,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions")
            .field("live", &self.by_id.len())
            .finish_non_exhaustive()
    }
}

impl Sessions {
    /// Makes a session seeded from `options`, ending the least recently used one when the table
    /// is full; returns its id.
    pub fn create(
        &mut self,
        options: &Options,
        shell_now_ms: u64,
        rng: &mut fastrand::Rng,
    ) -> String {
        if self.by_id.len() >= MAX_SESSIONS {
            let oldest = self
                .by_id
                .iter()
                .min_by_key(|(_, s)| s.last_use)
                .map(|(id, _)| id.clone());
            if let Some(id) = oldest {
                self.by_id.remove(&id);
            }
        }
        let id = loop {
            let id = format!("{:016x}", rng.u64(..));
            if !self.by_id.contains_key(&id) {
                break id;
            }
        };
        self.uses += 1;
        let session = Session {
            state: State::new(options, shell_now_ms, rng.fork()),
            last_use: self.uses,
        };
        self.by_id.insert(id.clone(), session);
        id
    }

    /// The state of a live session, marked as used now.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut State> {
        let session = self.by_id.get_mut(id)?;
        self.uses += 1;
        session.last_use = self.uses;
        Some(&mut session.state)
    }

    /// Ends a session; whether it was alive.
    pub fn remove(&mut self, id: &str) -> bool {
        self.by_id.remove(id).is_some()
    }

    /// The live sessions' ids, most recently used first.
    pub fn ids(&self) -> Vec<&str> {
        let mut live: Vec<(&String, u64)> =
            self.by_id.iter().map(|(id, s)| (id, s.last_use)).collect();
        live.sort_by_key(|(_, last_use)| std::cmp::Reverse(*last_use));
        live.into_iter().map(|(id, _)| id.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_table_ends_the_least_recently_used() {
        let mut rng = fastrand::Rng::with_seed(3);
        let mut t = Sessions::default();
        let ids: Vec<String> = (0..MAX_SESSIONS)
            .map(|_| t.create(&Options::default(), 0, &mut rng))
            .collect();
        // Use every session but the second: it becomes the oldest idle one.
        for (i, id) in ids.iter().enumerate() {
            if i != 1 {
                assert!(t.get_mut(id).is_some());
            }
        }
        let newest = t.create(&Options::default(), 0, &mut rng);
        assert_eq!(t.ids().len(), MAX_SESSIONS);
        assert!(
            t.get_mut(&ids[1]).is_none(),
            "the oldest idle session was kept"
        );
        assert!(t.get_mut(&ids[0]).is_some());
        assert!(t.get_mut(&newest).is_some());
        assert!(t.remove(&newest));
        assert!(!t.remove(&newest));
    }
}
