//! The emulated clock: the shell's time plus how far tests have moved it (`POST /_sandbox/clock`).
//! Every expiry in the three emulators reads this clock, so a test proves expiry and refresh
//! without sleeping. It only moves forward.

/// The most a test may move the clock in one call, ms (about 317 years): the clock stays far
/// below 2^53 ms, so JavaScript reads it exactly.
pub const MAX_ADVANCE_MS: u64 = 10_000_000_000_000;

/// How far a world's time is ahead of the shell's.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Clock {
    offset_ms: u64,
}

impl Clock {
    /// The emulated time when the shell's is `shell_now_ms` (both ms since the epoch).
    pub fn now(&self, shell_now_ms: u64) -> u64 {
        shell_now_ms.saturating_add(self.offset_ms)
    }

    /// Moves the clock forward by `ms` (at most [`MAX_ADVANCE_MS`] per call; the total is
    /// capped at the same bound).
    pub fn advance(&mut self, ms: u64) -> Result<(), String> {
        if ms > MAX_ADVANCE_MS {
            return Err(format!("advanceMs: must be at most {MAX_ADVANCE_MS}"));
        }
        self.offset_ms = self.offset_ms.saturating_add(ms).min(MAX_ADVANCE_MS);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_forward_only_and_stays_exact_in_js() {
        let mut c = Clock::default();
        assert_eq!(c.now(1_000), 1_000);
        c.advance(61_000).unwrap();
        assert_eq!(c.now(1_000), 62_000);
        assert!(c
            .advance(MAX_ADVANCE_MS + 1)
            .unwrap_err()
            .starts_with("advanceMs: "));
        c.advance(MAX_ADVANCE_MS).unwrap();
        assert!(c.now(1_800_000_000_000) < 1 << 53);
    }
}
