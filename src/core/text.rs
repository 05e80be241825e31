//! Texts built without `core::fmt`: the messages, paths and query values of our own code.
//!
//! Our messages are built by joining `&str` parts ([`join`]) and writing numbers with
//! [`decimal`], not with `format!`/`to_string`, so that no path we own needs `core::fmt`
//! (issue 12). Measured on `tokenops/hopr`: size-neutral today (+0.07 KB gzip), because
//! serde-wasm-bindgen's own error messages keep `core::fmt` and float formatting linked; the
//! point is that our code does not pull them in again once that is gone. Hand-written because
//! both are a few lines and no crate offers them without `core::fmt`.

/// The parts joined, in one allocation. Not inlined: one copy of the loop serves every
/// message.
#[inline(never)]
pub fn join(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `n` in decimal digits (`0`, `42`, `18446744073709551615`).
pub fn decimal(n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits[start..].iter().map(|&d| char::from(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_format_writes() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            65_535,
            9_007_199_254_740_993,
            u64::MAX,
        ] {
            assert_eq!(decimal(n), n.to_string());
        }
        assert_eq!(join(&["a", "", "bc", "d"]), "abcd");
        assert_eq!(join(&[]), "");
    }
}
