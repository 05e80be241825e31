//! `new HoprTokens(options)`: reading and checking the constructor options.

use crate::core::auth::{check_header_value, Credential, Secret};
use crate::core::config::{ClientConfig, COMMON_CLIENT_OPTIONS};
use crate::core::error::{ApiError, Provider};
use crate::core::fields::{Fields, Reader};

/// The name errors use for the constructor.
pub const CONSTRUCTOR: &str = "new HoprTokens";

/// How the API token is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// `x-auth-token: <token>` (the spec's keyScheme).
    Header,
    /// HTTP Basic with the token as the user name (the spec's passwordScheme).
    Basic,
}

impl AuthScheme {
    /// The option value.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthScheme::Header => "header",
            AuthScheme::Basic => "basic",
        }
    }
}

/// A checked `HoprTokens` configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct HoprConfig {
    /// Base URL, timeout, retry.
    pub client: ClientConfig,
    /// The API token.
    pub api_token: Secret,
    /// How it is sent.
    pub auth_scheme: AuthScheme,
}

impl HoprConfig {
    /// Reads `{ baseUrl, apiToken, authScheme?, timeoutMs?, retry?, allowInsecureHttp? }`.
    pub fn read<F: Fields>(src: &F) -> Result<HoprConfig, ApiError> {
        let r = Reader::new(src, Provider::Hopr, CONSTRUCTOR, "options.");
        let mut known = COMMON_CLIENT_OPTIONS.to_vec();
        known.extend(["apiToken", "authScheme"]);
        r.reject_unknown(&known)?;
        let client = ClientConfig::read(&r)?;
        let token = r.required_string("apiToken")?;
        check_header_value(&token).map_err(|why| r.error("apiToken", why))?;
        let auth_scheme = match r.optional_string("authScheme")?.as_deref() {
            None | Some("header") => AuthScheme::Header,
            Some("basic") => AuthScheme::Basic,
            Some(_) => return Err(r.error("authScheme", "must be \"header\" or \"basic\"")),
        };
        Ok(HoprConfig {
            client,
            api_token: Secret::new(token),
            auth_scheme,
        })
    }

    /// The credential every request carries.
    pub fn credential(&self) -> Credential {
        match self.auth_scheme {
            AuthScheme::Header => Credential::Header {
                name: "x-auth-token",
                value: self.api_token.clone(),
            },
            AuthScheme::Basic => Credential::Basic {
                user: self.api_token.clone(),
                password: Secret::new(""),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;
    use serde_json::json;

    #[test]
    fn reads_both_schemes() {
        let c = HoprConfig::read(&json!({"baseUrl": "http://127.0.0.1:8787", "apiToken": "abc"}))
            .unwrap();
        assert_eq!(c.auth_scheme, AuthScheme::Header);
        assert_eq!(
            c.credential().header(),
            Some(("x-auth-token", "abc".into()))
        );
        let c = HoprConfig::read(
            &json!({"baseUrl": "https://n", "apiToken": "abc", "authScheme": "basic"}),
        )
        .unwrap();
        assert_eq!(
            c.credential().header(),
            Some(("authorization", "Basic YWJjOg==".into()))
        );
    }

    #[test]
    fn refuses_bad_options_without_echoing_the_token() {
        for (opts, field) in [
            (json!({"baseUrl": "https://n"}), "apiToken"),
            (json!({"baseUrl": "https://n", "apiToken": ""}), "apiToken"),
            (
                json!({"baseUrl": "https://n", "apiToken": "sec\nret"}),
                "apiToken",
            ),
            (
                json!({"baseUrl": "https://n", "apiToken": "secret", "authScheme": "bearer"}),
                "authScheme",
            ),
            (json!({"apiToken": "secret"}), "baseUrl"),
            (
                json!({"baseUrl": "https://n", "apiToken": "secret", "apitoken": "x"}),
                "apitoken",
            ),
        ] {
            let e = HoprConfig::read(&opts).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument);
            assert!(
                e.message.contains(&format!("`options.{field}`")),
                "{}",
                e.message
            );
            assert!(
                !e.message.contains("secret") && !e.message.contains("sec\nret"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn debug_output_hides_the_token() {
        let c =
            HoprConfig::read(&json!({"baseUrl": "https://n", "apiToken": "zz-secret"})).unwrap();
        assert!(!format!("{c:?}").contains("zz-secret"));
    }
}
