//! [`HoprConfig`]: what a HOPR client is made from (in JS, the options of `new HoprTokens()`),
//! and its checks.

use serde::{Deserialize, Serialize};
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::core::auth::{check_header_value, Auth, Credential, Secret};
use crate::core::config::ClientSettings;
use crate::core::error::{ApiError, Provider};

/// The name errors use for the constructor.
pub const CONSTRUCTOR: &str = "new HoprTokens";

/// How the API token is sent ([`HoprConfig::auth_scheme`]; example: [`HoprConfig`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum AuthScheme {
    /// `x-auth-token: <token>` (the spec's keyScheme; the default).
    #[default]
    Header,
    /// HTTP Basic with the token as the user name (the spec's passwordScheme).
    Basic,
}

crate::client_config! {
    /// The settings of a HOPR client (the options of `new HoprTokens()`; read from JS, unknown
    /// names are refused). Every field but the base URL and the API token has a default.
    ///
    /// ```
    /// use tokenops::hopr::{AuthScheme, HoprConfig};
    /// use tokenops::{ErrorKind, Retry, RetryPolicy};
    ///
    /// let config = HoprConfig {
    ///     base_url: "https://node.example/hoprd".into(), // a path prefix is kept
    ///     api_token: "hopr-admin-token".into(),
    ///     auth_scheme: AuthScheme::Basic, // HTTP Basic instead of `x-auth-token`
    ///     timeout_ms: 10_000,
    ///     retry: Retry::Policy(RetryPolicy { retries: 4, ..Default::default() }),
    ///     ..Default::default()
    /// };
    /// assert!(config.check().is_ok()); // what `HoprClient::new` checks
    ///
    /// let plain = HoprConfig { base_url: "http://node.example".into(), ..config };
    /// assert_eq!(plain.check().unwrap_err().kind(), ErrorKind::InsecureUrl);
    /// ```
    #[cfg_attr(feature = "js", tsify(rename = "HoprTokensOptions"))]
    pub struct HoprConfig {
        /// The node's API token. Never shown in errors, `Debug`, `toString` or `JSON.stringify`.
        pub api_token: Secret,
        /// How the token is sent (`"header"`: `x-auth-token`, the default; `"basic"`).
        #[serde(default)]
        pub auth_scheme: AuthScheme,
    }
}

impl HoprConfig {
    /// Checks the settings (errors name the option as `options.<name>`, never its value) and
    /// builds the credential header once; [`HoprClient::new`](crate::hopr::HoprClient::new)
    /// calls it (example: [`HoprConfig`]).
    ///
    /// # Errors
    ///
    /// `InvalidArgument` for a `base_url` that is not an absolute `http:`/`https:` URL (or has
    /// a query, a fragment or credentials), an empty `api_token` or one a header cannot carry,
    /// `timeout_ms` outside 1 to 2147483647, or a retry policy out of bounds; `InsecureUrl` for
    /// plain `http:` to a host that is not loopback without `allow_insecure_http`.
    pub fn check(&self) -> Result<(ClientSettings, Auth), ApiError> {
        let settings = self.settings(Provider::Hopr, CONSTRUCTOR)?;
        check_header_value(self.api_token.expose()).map_err(|why| {
            ApiError::invalid_argument(Provider::Hopr, CONSTRUCTOR, "options.apiToken", why)
        })?;
        let credential = match self.auth_scheme {
            AuthScheme::Header => Credential::Header {
                name: "x-auth-token",
                value: self.api_token.clone(),
            },
            AuthScheme::Basic => Credential::Basic {
                user: self.api_token.clone(),
                password: Secret::new(""),
            },
        };
        Ok((settings, Auth::new(&credential)))
    }
}

/// What `JSON.stringify(client)` shows: the settings, never the token (`HoprTokensDescription`);
/// [`HoprClient::describe`](crate::hopr::HoprClient::describe) in Rust (example there).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", tsify(rename = "HoprTokensDescription"))]
pub struct HoprDescription {
    /// Always `"hopr"`.
    #[cfg_attr(feature = "js", tsify(type = "\"hopr\""))]
    pub provider: &'static str,
    /// The base URL, without a trailing slash.
    pub base_url: String,
    /// How the token is sent.
    pub auth_scheme: AuthScheme,
    /// Per-attempt timeout in ms.
    pub timeout_ms: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;
    use crate::core::strict;
    use serde_json::json;

    fn read(v: serde_json::Value) -> Result<(ClientSettings, Auth), ApiError> {
        let config: HoprConfig = strict::deserialize(v).map_err(|e| {
            ApiError::invalid_argument(
                Provider::Hopr,
                CONSTRUCTOR,
                &e.field("options"),
                e.problem(),
            )
        })?;
        config.check()
    }

    #[test]
    fn reads_both_schemes() {
        let (_, auth) =
            read(json!({"baseUrl": "http://127.0.0.1:8787", "apiToken": "abc"})).unwrap();
        assert_eq!(auth.header(), Some(("x-auth-token", "abc")));
        let (_, auth) =
            read(json!({"baseUrl": "https://n", "apiToken": "abc", "authScheme": "basic"}))
                .unwrap();
        assert_eq!(auth.header(), Some(("authorization", "Basic YWJjOg==")));
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
            (
                json!({"baseUrl": "https://n", "apiToken": "secret", "timeoutMs": 0}),
                "timeoutMs",
            ),
        ] {
            let e = read(opts.clone()).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument);
            assert!(
                e.message.contains(&format!("`options.{field}`")),
                "{opts}: {}",
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
        let config = HoprConfig {
            base_url: "https://n".into(),
            api_token: "zz-secret".into(),
            ..HoprConfig::default()
        };
        assert!(!format!("{config:?}").contains("zz-secret"));
    }
}
