//! The emulated clock: the shell's time plus how far tests have moved it (`POST /_sandbox/clock`).
//! Every expiry in the three emulators reads this clock, so a test proves expiry and refresh
//! without sleeping. It only moves forward.

/// The most a test may move the clock in one call, ms (about 317 years): the clock stays far
/// below 2^53 ms, so JavaScript reads it exactly.
pub const MAX_ADVANCE_MS: u64 = 10_000_000_000_000;

/// The most the clock may be ahead of the shell's in all, ms (about 31,700 years): with the
/// shell's time, still below 2^53 ms.
pub const MAX_OFFSET_MS: u64 = 1_000_000_000_000_000;

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

    /// Moves the clock forward by `ms`: at most [`MAX_ADVANCE_MS`] per call and
    /// [`MAX_OFFSET_MS`] in all; a call beyond either is refused and moves nothing (never a
    /// silent stop, on which a test would wrongly see no expiry).
    pub fn advance(&mut self, ms: u64) -> Result<(), String> {
        if ms > MAX_ADVANCE_MS {
            return Err(format!("advanceMs: must be at most {MAX_ADVANCE_MS}"));
        }
        match self.offset_ms.checked_add(ms) {
            Some(offset) if offset <= MAX_OFFSET_MS => {
                self.offset_ms = offset;
                Ok(())
            }
            _ => Err(format!(
                "advanceMs: the clock is {} ms ahead, and moves at most {MAX_OFFSET_MS} ms in all (reset puts it back)",
                self.offset_ms
            )),
        }
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

    #[test]
    fn a_call_past_the_total_bound_is_refused_not_ignored() {
        let mut c = Clock::default();
        while c.advance(MAX_ADVANCE_MS).is_ok() {}
        let before = c.now(0);
        assert!(before > MAX_OFFSET_MS - MAX_ADVANCE_MS && before <= MAX_OFFSET_MS);
        assert!(c
            .advance(MAX_ADVANCE_MS)
            .unwrap_err()
            .starts_with("advanceMs: "));
        assert_eq!(c.now(0), before, "a refused call moved the clock");
        assert!(c.now(4_102_444_800_000) < 1 << 53);
        c.advance(MAX_OFFSET_MS - before).unwrap();
        assert_eq!(c.now(0), MAX_OFFSET_MS);
    }
}
