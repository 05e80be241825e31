//! [`KnetikConfig`]: what a Knetik client is made from (in JS, the options of
//! `new KnetikTokens()`), in particular the one credential form out of three, and its checks.

use serde::Serialize;
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::core::auth::{check_header_value, Secret};
use crate::core::config::ClientSettings;
use crate::core::error::{ApiError, Provider};

/// The name errors use for the constructor.
pub const CONSTRUCTOR: &str = "new KnetikTokens";

/// How the client authenticates, as checked: the credential form of a [`KnetikConfig`]
/// (example there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grant {
    /// `{ accessToken }`: a bearer token used as is, never refreshed.
    AccessToken(Secret),
    /// `{ clientId, clientSecret }`: the `client_credentials` grant.
    ClientCredentials {
        /// The OAuth client id.
        client_id: String,
        /// The client secret.
        client_secret: Secret,
    },
    /// `{ clientId, username, password }`: the `password` grant.
    Password {
        /// The OAuth client id.
        client_id: String,
        /// The resource owner.
        username: String,
        /// Their password.
        password: Secret,
    },
}

impl Grant {
    /// The name `toJSON()` shows: `access_token`, `client_credentials` or `password`.
    pub fn name(&self) -> &'static str {
        match self {
            Grant::AccessToken(_) => "access_token",
            Grant::ClientCredentials { .. } => "client_credentials",
            Grant::Password { .. } => "password",
        }
    }

    /// The OAuth client id, when the grant has one.
    pub fn client_id(&self) -> Option<&str> {
        match self {
            Grant::AccessToken(_) => None,
            Grant::ClientCredentials { client_id, .. } | Grant::Password { client_id, .. } => {
                Some(client_id)
            }
        }
    }

    /// Every secret the grant holds, so error texts can be scrubbed of them.
    pub fn secrets(&self) -> Vec<&str> {
        match self {
            Grant::AccessToken(t) => vec![t.expose()],
            Grant::ClientCredentials { client_secret, .. } => vec![client_secret.expose()],
            Grant::Password { password, .. } => vec![password.expose()],
        }
    }
}

crate::client_config! {
    /// The settings of a Knetik client (the options of `new KnetikTokens()`): exactly one credential
    /// form, an access token alone, a client id with its secret (client_credentials grant) or a
    /// client id with a username and password (password grant); read from JS, unknown names
    /// are refused. The fields but the base URL and the credential have defaults.
    ///
    /// ```
    /// use tokenops::knetik::{Grant, KnetikConfig};
    ///
    /// let base_url = "https://jsapi.knetikcloud.com".to_string();
    /// let token = KnetikConfig { base_url: base_url.clone(), access_token: Some("bearer-token".into()), ..Default::default() };
    /// let service = KnetikConfig {
    ///     base_url: base_url.clone(),
    ///     client_id: Some("admin-client".into()),
    ///     client_secret: Some("admin-secret".into()),
    ///     ..Default::default()
    /// };
    /// let user = KnetikConfig {
    ///     base_url,
    ///     client_id: Some("web".into()),
    ///     username: Some("alice".into()),
    ///     password: Some("alice-password".into()),
    ///     ..Default::default()
    /// };
    /// assert_eq!(token.check()?.grant.name(), "access_token");
    /// assert!(matches!(service.check()?.grant, Grant::ClientCredentials { .. }));
    /// assert_eq!(user.check()?.grant.name(), "password");
    /// # Ok::<(), tokenops::ApiError>(())
    /// ```
    #[cfg_attr(
        feature = "js",
        tsify(
            rename = "KnetikTokensOptions",
            type = "ClientOptions & (KnetikAccessTokenCredentials | KnetikClientCredentials | KnetikPasswordCredentials)"
        )
    )]
    pub struct KnetikConfig {
        /// A bearer token used as is (never refreshed).
        #[serde(default)]
        pub access_token: Option<Secret>,
        /// The OAuth client id (with `client_secret`, or with `username` and `password`).
        #[serde(default)]
        pub client_id: Option<String>,
        /// The client secret (client_credentials grant).
        #[serde(default)]
        pub client_secret: Option<Secret>,
        /// The resource owner (password grant).
        #[serde(default)]
        pub username: Option<String>,
        /// Their password (password grant).
        #[serde(default)]
        pub password: Option<Secret>,
    }
}

/// A checked config.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedKnetik {
    /// Base URL, timeout, retry.
    pub settings: ClientSettings,
    /// The credential form.
    pub grant: Grant,
}

fn invalid(field: &str, problem: &str) -> ApiError {
    ApiError::invalid_argument(
        Provider::Knetik,
        CONSTRUCTOR,
        &format!("options.{field}"),
        problem,
    )
}

/// A present value must not be blank.
fn given<'a>(value: Option<&'a str>, field: &str) -> Result<Option<&'a str>, ApiError> {
    match value {
        Some(v) if v.trim().is_empty() => Err(invalid(field, "must not be empty")),
        other => Ok(other),
    }
}

impl KnetikConfig {
    /// Checks the settings and the credential form (errors name the option, never its value);
    /// [`KnetikClient::new`](crate::knetik::KnetikClient::new) calls it (example:
    /// [`KnetikConfig`]).
    ///
    /// # Errors
    ///
    /// `InvalidArgument` for no credential form or a mix of them, half of one (`client_id`
    /// without a secret or a username and password, `username` without `password`), an empty
    /// value, a value a header cannot carry, a bad `base_url`, `timeout_ms` or retry policy;
    /// `InsecureUrl` for plain `http:` to a host that is not loopback without
    /// `allow_insecure_http`.
    pub fn check(&self) -> Result<CheckedKnetik, ApiError> {
        let settings = self.settings(Provider::Knetik, CONSTRUCTOR)?;
        Ok(CheckedKnetik {
            settings,
            grant: self.grant()?,
        })
    }

    fn grant(&self) -> Result<Grant, ApiError> {
        let token = given(
            self.access_token.as_ref().map(Secret::expose),
            "accessToken",
        )?;
        let client_id = given(self.client_id.as_deref(), "clientId")?;
        let secret = given(
            self.client_secret.as_ref().map(Secret::expose),
            "clientSecret",
        )?;
        let username = given(self.username.as_deref(), "username")?;
        let password = given(self.password.as_ref().map(Secret::expose), "password")?;
        let others = [
            ("clientId", client_id.is_some()),
            ("clientSecret", secret.is_some()),
            ("username", username.is_some()),
            ("password", password.is_some()),
        ];
        if let Some(token) = token {
            if let Some((other, _)) = others.iter().find(|(_, present)| *present) {
                return Err(invalid(
                    other,
                    "cannot be combined with accessToken (pass accessToken alone, or clientId with clientSecret, or clientId with username and password)",
                ));
            }
            check_header_value(token).map_err(|why| invalid("accessToken", why))?;
            return Ok(Grant::AccessToken(Secret::new(token)));
        }
        if others.iter().all(|(_, present)| !present) {
            return Err(invalid(
                "accessToken",
                "is required, or clientId with clientSecret, or clientId with username and password",
            ));
        }
        let Some(client_id) = client_id else {
            return Err(invalid(
                "clientId",
                "is required with clientSecret, username or password",
            ));
        };
        if let Some(secret) = secret {
            if let Some(other) = [("username", username), ("password", password)]
                .iter()
                .find_map(|(name, v)| v.map(|_| *name))
            {
                return Err(invalid(
                    other,
                    "cannot be combined with clientSecret (client_credentials takes clientId and clientSecret; the password grant takes clientId, username and password)",
                ));
            }
            return Ok(Grant::ClientCredentials {
                client_id: client_id.to_string(),
                client_secret: Secret::new(secret),
            });
        }
        match (username, password) {
            (None, None) => Err(invalid(
                "clientSecret",
                "is required with clientId (or pass username and password for the password grant)",
            )),
            (None, Some(_)) => Err(invalid("username", "is required with password")),
            (Some(_), None) => Err(invalid("password", "is required with username")),
            (Some(username), Some(password)) => Ok(Grant::Password {
                client_id: client_id.to_string(),
                username: username.to_string(),
                password: Secret::new(password),
            }),
        }
    }
}

/// What `JSON.stringify(client)` shows: the settings and the grant's name, never a secret; in
/// Rust, [`KnetikClient::describe`](crate::knetik::KnetikClient::describe) (example there)
/// (`KnetikTokensDescription`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", tsify(rename = "KnetikTokensDescription"))]
pub struct KnetikDescription {
    /// Always `"knetik"`.
    #[cfg_attr(feature = "js", tsify(type = "\"knetik\""))]
    pub provider: &'static str,
    /// The base URL, without a trailing slash.
    pub base_url: String,
    /// `access_token`, `client_credentials` or `password`.
    #[cfg_attr(
        feature = "js",
        tsify(type = "\"access_token\" | \"client_credentials\" | \"password\"")
    )]
    pub grant: &'static str,
    /// The OAuth client id; absent (`undefined`) for an `accessToken` client.
    pub client_id: Option<String>,
    /// Per-attempt timeout in ms.
    pub timeout_ms: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;
    use serde_json::{json, Value};

    fn with_base(v: Value) -> Value {
        let mut v = v;
        v["baseUrl"] = json!("https://k.example/");
        v
    }

    /// What the JS shell does: strict deserialization, then the checks.
    fn read(v: &Value) -> Result<CheckedKnetik, ApiError> {
        let config: KnetikConfig = crate::core::strict::deserialize(v.clone()).map_err(|e| {
            ApiError::invalid_argument(
                Provider::Knetik,
                CONSTRUCTOR,
                &e.field("options"),
                e.problem(),
            )
        })?;
        config.check()
    }

    #[test]
    fn reads_the_three_forms() {
        let c = read(&with_base(json!({"accessToken": "tok"}))).unwrap();
        assert_eq!(c.grant, Grant::AccessToken(Secret::new("tok")));
        assert_eq!(c.grant.name(), "access_token");
        assert_eq!(c.grant.client_id(), None);
        assert_eq!(c.settings.base_url.as_str(), "https://k.example");

        let c = read(&with_base(json!({"clientId": "c", "clientSecret": "s"}))).unwrap();
        assert_eq!(
            c.grant,
            Grant::ClientCredentials {
                client_id: "c".into(),
                client_secret: Secret::new("s")
            }
        );
        assert_eq!(c.grant.name(), "client_credentials");
        assert_eq!(c.grant.client_id(), Some("c"));

        let c = read(&with_base(
            json!({"clientId": "web", "username": "ü ser", "password": " p w "}),
        ))
        .unwrap();
        assert_eq!(
            c.grant,
            Grant::Password {
                client_id: "web".into(),
                username: "ü ser".into(),
                password: Secret::new(" p w ")
            }
        );
        assert_eq!(c.grant.name(), "password");
    }

    #[test]
    fn null_counts_as_absent() {
        let c = read(&with_base(
            json!({"accessToken": "tok", "clientId": null, "clientSecret": null}),
        ))
        .unwrap();
        assert_eq!(c.grant.name(), "access_token");
    }

    #[test]
    fn mixed_or_incomplete_forms_name_the_field() {
        for (opts, field) in [
            (json!({}), "accessToken"),
            (
                json!({"accessToken": "secret-1", "clientId": "c"}),
                "clientId",
            ),
            (
                json!({"accessToken": "secret-1", "password": "secret-2"}),
                "password",
            ),
            (json!({"accessToken": ""}), "accessToken"),
            (json!({"accessToken": "secret\n1"}), "accessToken"),
            (json!({"accessToken": 5}), "accessToken"),
            (json!({"clientSecret": "secret-1"}), "clientId"),
            (json!({"username": "u", "password": "secret-2"}), "clientId"),
            (json!({"clientId": "c"}), "clientSecret"),
            (json!({"clientId": ""}), "clientId"),
            (json!({"clientId": "c", "clientSecret": ""}), "clientSecret"),
            (
                json!({"clientId": "c", "clientSecret": "secret-1", "username": "u"}),
                "username",
            ),
            (
                json!({"clientId": "c", "clientSecret": "secret-1", "password": "secret-2"}),
                "password",
            ),
            (json!({"clientId": "c", "username": "u"}), "password"),
            (json!({"clientId": "c", "password": "secret-2"}), "username"),
            (
                json!({"clientId": "c", "username": "u", "password": ""}),
                "password",
            ),
            (
                json!({"clientId": "c", "clientSecret": "secret-1", "client_secret": "x"}),
                "client_secret",
            ),
        ] {
            let e = read(&with_base(opts.clone())).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument, "{opts}");
            assert_eq!(e.provider, Provider::Knetik);
            assert!(
                e.message.contains(&format!("`options.{field}`")),
                "{opts}: {}",
                e.message
            );
            assert!(
                !e.message.contains("secret-") && !e.message.contains("secret\n"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn common_options_are_checked() {
        let e = read(&json!({"accessToken": "t"})).unwrap_err();
        assert!(e.message.contains("`options.baseUrl`"));
        let e = read(&json!({"baseUrl": "http://k.example", "accessToken": "t"})).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InsecureUrl);
        let c = read(&json!({
            "baseUrl": "http://127.0.0.1:8787", "accessToken": "t", "timeoutMs": 5, "retry": false
        }))
        .unwrap();
        assert_eq!(c.settings.timeout_ms, 5);
        assert_eq!(c.settings.retry, None);
    }

    #[test]
    fn debug_output_hides_the_secrets() {
        let c = read(&with_base(
            json!({"clientId": "c", "username": "u", "password": "zz-pass"}),
        ))
        .unwrap();
        assert!(!format!("{c:?}").contains("zz-pass"));
        assert_eq!(c.grant.secrets(), vec!["zz-pass"]);
        let c = read(&with_base(
            json!({"clientId": "c", "clientSecret": "zz-cs"}),
        ))
        .unwrap();
        assert!(!format!("{c:?}").contains("zz-cs"));
    }
}
