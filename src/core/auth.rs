//! Credentials and the headers they become. A [`Secret`] never prints its value.

use std::fmt;

use serde::Deserialize;
#[cfg(feature = "js")]
use tsify::Tsify;

use super::dry_run::CREDENTIAL_PLACEHOLDER;

const BASIC_PLACEHOLDER: &str = "Basic <credential>";
const BEARER_PLACEHOLDER: &str = "Bearer <credential>";

/// A credential (an API token, secret or password). It is never shown: not in errors, messages,
/// `toString`, `JSON.stringify` or logs (in Rust, `Debug` and `Display` print `<redacted>`, it
/// cannot be serialized, and `expose()` gives the value only to build a request).
///
/// ```
/// use tokenops::core::auth::Secret;
///
/// let token: Secret = "hopr-admin-token".into();
/// assert_eq!(format!("{token:?}"), "<redacted>");
/// assert_eq!(token.expose(), "hopr-admin-token");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(transparent)]
pub struct Secret(String);

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The raw value, for building a request header or form body.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How a request authenticates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// No credential (e.g. an OAuth token request that carries its secrets in the form body).
    None,
    /// An API key in a named header, e.g. HOPR's `x-auth-token`.
    Header {
        /// Header name, lower case.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// HTTP Basic (`Authorization: Basic base64(user:password)`).
    Basic {
        /// User part.
        user: Secret,
        /// Password part (may be empty).
        password: Secret,
    },
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
}

impl Credential {
    /// The header this credential adds, if any.
    pub fn header(&self) -> Option<(&'static str, String)> {
        match self {
            Credential::None => None,
            Credential::Header { name, value } => Some((name, value.expose().to_string())),
            Credential::Basic { user, password } => {
                let pair = format!("{}:{}", user.expose(), password.expose());
                let encoded = super::base64::encode(pair.as_bytes());
                Some(("authorization", format!("Basic {encoded}")))
            }
            Credential::Bearer(token) => {
                Some(("authorization", format!("Bearer {}", token.expose())))
            }
        }
    }

    /// The header this credential adds as a dry run shows it: the value replaced by
    /// [`CREDENTIAL_PLACEHOLDER`] (after `Basic ` or `Bearer `, so the scheme stays visible).
    pub fn shown(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Credential::None => None,
            Credential::Header { name, .. } => Some((name, CREDENTIAL_PLACEHOLDER)),
            Credential::Basic { .. } => Some(("authorization", BASIC_PLACEHOLDER)),
            Credential::Bearer(_) => Some(("authorization", BEARER_PLACEHOLDER)),
        }
    }

    /// Every secret value this credential holds, so error texts can be scrubbed of them.
    pub fn secrets(&self) -> Vec<&str> {
        match self {
            Credential::None => Vec::new(),
            Credential::Header { value, .. } => vec![value.expose()],
            Credential::Basic { user, password } => vec![user.expose(), password.expose()],
            Credential::Bearer(token) => vec![token.expose()],
        }
    }
}

/// A credential ready to send: the header it becomes, built once, and every value that error
/// texts must be scrubbed of (the parts and the header value itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auth {
    header: Option<(&'static str, Secret)>,
    shown: Option<(&'static str, &'static str)>,
    secrets: Vec<Secret>,
}

impl Auth {
    /// Builds the header of `credential` and collects its secrets.
    pub fn new(credential: &Credential) -> Auth {
        let header = credential
            .header()
            .map(|(name, value)| (name, Secret::new(value)));
        let mut secrets: Vec<Secret> = credential
            .secrets()
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(Secret::new)
            .collect();
        if let Some((_, value)) = &header {
            // The header value, and its credential without the scheme (`Basic`'s base64 pair),
            // which a service may quote on its own.
            if let Some((_, credential)) = value.expose().split_once(' ') {
                secrets.push(Secret::new(credential.to_string()));
            }
            secrets.push(value.clone());
        }
        Auth {
            header,
            shown: credential.shown(),
            secrets,
        }
    }

    /// No credential.
    pub fn none() -> Auth {
        Auth::new(&Credential::None)
    }

    /// The header to send: name and value.
    pub fn header(&self) -> Option<(&'static str, &str)> {
        self.header
            .as_ref()
            .map(|(name, value)| (*name, value.expose()))
    }

    /// The header as a dry run shows it (see [`Credential::shown`]).
    pub fn shown(&self) -> Option<(&'static str, &'static str)> {
        self.shown
    }

    /// Every secret value, for scrubbing error texts.
    pub fn secrets(&self) -> Vec<&str> {
        self.secrets.iter().map(Secret::expose).collect()
    }
}

/// Checks that a value can travel verbatim in an HTTP header: printable ASCII without spaces at
/// either end. Returns the problem in words otherwise (never the value).
pub fn check_header_value(value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        return Err("must not be empty");
    }
    if value.trim() != value {
        return Err("must not start or end with white space");
    }
    if !value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err("must be printable ASCII (it travels in an HTTP header)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "<redacted> <redacted>");
        let c = Credential::Bearer(s);
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn header_scheme() {
        let c = Credential::Header {
            name: "x-auth-token",
            value: Secret::new("abc"),
        };
        assert_eq!(c.header(), Some(("x-auth-token", "abc".to_string())));
    }

    #[test]
    fn basic_scheme_uses_token_as_user_and_empty_password() {
        let c = Credential::Basic {
            user: Secret::new("abc"),
            password: Secret::new(""),
        };
        // base64("abc:")
        assert_eq!(
            c.header(),
            Some(("authorization", "Basic YWJjOg==".to_string()))
        );
    }

    #[test]
    fn bearer_scheme() {
        let c = Credential::Bearer(Secret::new("t0k"));
        assert_eq!(
            c.header(),
            Some(("authorization", "Bearer t0k".to_string()))
        );
    }

    #[test]
    fn auth_builds_the_header_once_and_lists_every_secret() {
        let auth = Auth::new(&Credential::Basic {
            user: Secret::new("abc"),
            password: Secret::new(""),
        });
        assert_eq!(auth.header(), Some(("authorization", "Basic YWJjOg==")));
        assert_eq!(auth.secrets(), vec!["abc", "YWJjOg==", "Basic YWJjOg=="]);
        assert!(!format!("{auth:?}").contains("abc"));
        assert_eq!(Auth::none().header(), None);
    }

    #[test]
    fn dry_runs_show_the_scheme_and_never_the_secret() {
        let header = Credential::Header {
            name: "x-auth-token",
            value: Secret::new("abc"),
        };
        assert_eq!(header.shown(), Some(("x-auth-token", "<credential>")));
        let basic = Auth::new(&Credential::Basic {
            user: Secret::new("k"),
            password: Secret::new("s"),
        });
        assert_eq!(basic.shown(), Some(("authorization", "Basic <credential>")));
        let bearer = Credential::Bearer(Secret::new("t"));
        assert_eq!(
            bearer.shown(),
            Some(("authorization", "Bearer <credential>"))
        );
        assert_eq!(Credential::None.shown(), None);
        assert!(BASIC_PLACEHOLDER.ends_with(CREDENTIAL_PLACEHOLDER));
        assert!(BEARER_PLACEHOLDER.ends_with(CREDENTIAL_PLACEHOLDER));
    }

    #[test]
    fn header_values_are_checked() {
        assert!(check_header_value("abc-123_~").is_ok());
        assert!(check_header_value("").is_err());
        assert!(check_header_value(" abc").is_err());
        assert!(check_header_value("a\r\nx-evil: 1").is_err());
        assert!(check_header_value("é").is_err());
    }
}
