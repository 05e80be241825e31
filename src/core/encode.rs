//! Percent-encoding of path segments, query strings and form bodies.
//!
//! A path segment keeps only the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) and
//! encodes every other byte of its UTF-8 form, so no caller value can add a path segment, a
//! query or a fragment. Query strings and form bodies use the `application/x-www-form-urlencoded`
//! serializer of the URL standard (`A-Z a-z 0-9 * - . _` kept, a space as `+`, every other byte
//! encoded): byte for byte what the engine's `URLSearchParams` sends, which is how gloo-net puts
//! the query on the wire.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Appends `value` to `out`, percent-encoding every byte that is not unreserved.
pub fn percent_encode_into(out: &mut String, value: &str) {
    for &b in value.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xF) as usize] as char);
        }
    }
}

/// Returns `value` percent-encoded (see the module doc).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    percent_encode_into(&mut out, value);
    out
}

/// Appends `value` in the `application/x-www-form-urlencoded` form (see the module doc).
pub fn form_encode_into(out: &mut String, value: &str) {
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xF) as usize] as char);
        }
    }
}

/// Encodes pairs as `k=v&k2=v2` in the `application/x-www-form-urlencoded` form (a query string
/// or a form body; see the module doc).
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        form_encode_into(&mut out, k);
        out.push('=');
        form_encode_into(&mut out, v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_pass_through() {
        let s = "AZaz09-._~";
        assert_eq!(percent_encode(s), s);
    }

    #[test]
    fn every_reserved_character_is_encoded() {
        let cases = [
            (":", "%3A"),
            ("/", "%2F"),
            ("?", "%3F"),
            ("#", "%23"),
            ("[", "%5B"),
            ("]", "%5D"),
            ("@", "%40"),
            ("!", "%21"),
            ("$", "%24"),
            ("&", "%26"),
            ("'", "%27"),
            ("(", "%28"),
            (")", "%29"),
            ("*", "%2A"),
            ("+", "%2B"),
            (",", "%2C"),
            (";", "%3B"),
            ("=", "%3D"),
            ("%", "%25"),
            (" ", "%20"),
            ("\"", "%22"),
            ("<", "%3C"),
            (">", "%3E"),
            ("\\", "%5C"),
            ("^", "%5E"),
            ("`", "%60"),
            ("{", "%7B"),
            ("|", "%7C"),
            ("}", "%7D"),
            ("\n", "%0A"),
            ("\0", "%00"),
        ];
        for (raw, encoded) in cases {
            assert_eq!(percent_encode(raw), encoded, "encoding {raw:?}");
        }
    }

    #[test]
    fn an_already_encoded_value_is_encoded_again() {
        assert_eq!(percent_encode("a%2Fb"), "a%252Fb");
    }

    #[test]
    fn unicode_is_encoded_as_utf8_bytes() {
        assert_eq!(percent_encode("é"), "%C3%A9");
        assert_eq!(percent_encode("日本"), "%E6%97%A5%E6%9C%AC");
        assert_eq!(percent_encode("😀"), "%F0%9F%98%80");
    }

    #[test]
    fn empty_string_encodes_to_empty() {
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn pairs_are_joined_and_encoded() {
        let pairs = vec![
            ("a b".to_string(), "x&y=z".to_string()),
            ("c".to_string(), String::new()),
        ];
        assert_eq!(encode_pairs(&pairs), "a+b=x%26y%3Dz&c=");
    }

    #[test]
    fn form_encoding_follows_url_search_params() {
        let pairs = vec![("k".to_string(), "*-._~ +/é".to_string())];
        assert_eq!(encode_pairs(&pairs), "k=*-._%7E+%2B%2F%C3%A9");
    }
}
