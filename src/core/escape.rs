//! Service text made safe to print: no character that a terminal acts on survives raw.
//!
//! A token's description, an error body's `resultMessage` or `error_description` are written by
//! whoever created the token or runs the server. Printed raw, an ESC starts a control sequence
//! (colours, a cleared screen, OSC 0 retitling the window), a CR overwrites the line, and a
//! bidirectional override reorders what the reader sees: the class of CVE-2021-25743 (kubectl
//! printed such text raw; kubernetes/kubernetes#112553 escapes it). [`escape`] quotes such text
//! reversibly, so an `ApiError` message can cite it; `ApiError::new` escapes whatever else would
//! reach a message raw ([`push_visible`]).
//!
//! Hand-written, because the standard escapes do something else: `str::escape_debug` also
//! escapes both quote characters and every character Unicode calls non-printable (its tables
//! cost kilobytes of wasm) and writes `\u{1b}`; `str::escape_default` escapes everything beyond
//! ASCII, so a Japanese message would become unreadable. Crates such as `strip-ansi-escapes`
//! remove whole sequences, losing text. Here exactly the characters below are escaped, in the
//! `\u001b` form that JSON and JavaScript read.

use std::borrow::Cow;

/// Whether `c` can drive a terminal or disguise text: a C0 control (U+0000-U+001F), DEL
/// (U+007F), a C1 control (U+0080-U+009F, U+009B being a one-character CSI), or a bidirectional
/// override or isolate (U+202A-U+202E, U+2066-U+2069).
pub fn is_terminal_control(c: char) -> bool {
    matches!(
        c,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Appends the visible form of `c`: `\n`, `\r` and `\t` for those, else `\u` and four lowercase
/// hex digits (`\u001b`). Meant for the characters of [`is_terminal_control`].
pub fn push_visible(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => {
            let n = u32::from(c);
            out.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                out.push(char::from(HEX[((n >> shift) & 0xf) as usize]));
            }
        }
    }
}

/// `text` with every character of [`is_terminal_control`] shown as its escape
/// ([`push_visible`]) and each `\` doubled, so the result holds no such character and reads back
/// unambiguously to `text` (`\u001b` in the result is an ESC, `\\u001b` those six characters).
/// Borrowed when there is nothing to escape.
///
/// ```
/// use tokenops::core::escape::escape;
/// assert_eq!(escape("\u{1b}]0;pwned\u{7} bad"), "\\u001b]0;pwned\\u0007 bad");
/// assert_eq!(escape("plain text, déjà vu"), "plain text, déjà vu");
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\\' || is_terminal_control(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if is_terminal_control(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reported_description_and_error_body_are_escaped() {
        assert_eq!(
            escape("evil\u{1b}[31mRED\u{1b}]0;pwned\u{7}\r\nfake-line\u{9b}2J"),
            "evil\\u001b[31mRED\\u001b]0;pwned\\u0007\\r\\nfake-line\\u009b2J"
        );
        assert_eq!(escape("A\u{1b}[2J"), "A\\u001b[2J");
    }

    #[test]
    fn each_range_is_escaped_and_its_neighbours_are_not() {
        for (c, shown) in [
            ('\0', "\\u0000"),
            ('\t', "\\t"),
            ('\x1f', "\\u001f"),
            ('\x7f', "\\u007f"),
            ('\u{80}', "\\u0080"),
            ('\u{85}', "\\u0085"),
            ('\u{9f}', "\\u009f"),
            ('\u{202a}', "\\u202a"),
            ('\u{202e}', "\\u202e"),
            ('\u{2066}', "\\u2066"),
            ('\u{2069}', "\\u2069"),
            ('\\', "\\\\"),
        ] {
            assert_eq!(escape(&c.to_string()), shown, "{c:?}");
        }
        for c in [
            ' ', '~', '\u{a0}', 'é', '\u{2029}', '\u{202f}', '\u{2065}', '😀',
        ] {
            assert!(matches!(escape(&c.to_string()), Cow::Borrowed(_)), "{c:?}");
        }
    }

    /// The property runs natively only (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Reads [`escape`]'s output back; `None` for text it cannot have written.
        fn unescape(text: &str) -> Option<String> {
            let mut out = String::new();
            let mut chars = text.chars();
            while let Some(c) = chars.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                match chars.next()? {
                    '\\' => out.push('\\'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        let n = u32::from_str_radix(&hex, 16)
                            .ok()
                            .filter(|_| hex.len() == 4)?;
                        out.push(char::from_u32(n)?);
                    }
                    _ => return None,
                }
            }
            Some(out)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// Arbitrary text (weighted towards the escaped ranges and backslashes) comes out
            /// with no raw control character, and reads back to itself.
            #[test]
            fn escaped_text_has_no_control_and_reads_back(
                text in proptest::collection::vec(
                    prop_oneof![
                        any::<char>(),
                        proptest::char::range('\0', '\u{a0}'),
                        proptest::char::range('\u{2060}', '\u{2070}'),
                        proptest::char::range('\u{2028}', '\u{2030}'),
                        Just('\\'),
                        Just('u'),
                    ],
                    0..40,
                ).prop_map(|chars| chars.into_iter().collect::<String>())
            ) {
                let escaped = escape(&text);
                // Checked against Unicode's own list of control characters (C0, DEL, C1), not
                // against `is_terminal_control`, so a range missing there is caught.
                let raw = |c: char| {
                    c.is_control()
                        || ('\u{202a}'..='\u{202e}').contains(&c)
                        || ('\u{2066}'..='\u{2069}').contains(&c)
                };
                prop_assert!(!escaped.chars().any(raw), "{:?}", escaped);
                prop_assert_eq!(unescape(&escaped), Some(text));
            }
        }
    }
}
