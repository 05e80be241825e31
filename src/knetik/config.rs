//! `new KnetikTokens(options)`: reading and checking the constructor options, in particular the
//! one credential form out of three.

use crate::core::auth::{check_header_value, Secret};
use crate::core::config::{ClientConfig, COMMON_CLIENT_OPTIONS};
use crate::core::error::{ApiError, Provider};
use crate::core::fields::{Field, Fields, Reader};

/// The name errors use for the constructor.
pub const CONSTRUCTOR: &str = "new KnetikTokens";

/// The option names of the three credential forms.
pub const CREDENTIAL_OPTIONS: [&str; 5] = [
    "accessToken",
    "clientId",
    "clientSecret",
    "username",
    "password",
];

/// How the client authenticates.
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

/// A checked `KnetikTokens` configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct KnetikConfig {
    /// Base URL, timeout, retry.
    pub client: ClientConfig,
    /// The credential form.
    pub grant: Grant,
}

fn present<F: Fields>(r: &Reader<'_, F>, name: &str) -> bool {
    !matches!(r.field(name), Field::Missing | Field::Null)
}

impl KnetikConfig {
    /// Reads `{ baseUrl, timeoutMs?, retry?, allowInsecureHttp? }` plus exactly one of
    /// `{ accessToken }`, `{ clientId, clientSecret }` and `{ clientId, username, password }`.
    pub fn read<F: Fields>(src: &F) -> Result<KnetikConfig, ApiError> {
        let r = Reader::new(src, Provider::Knetik, CONSTRUCTOR, "options.");
        let mut known = COMMON_CLIENT_OPTIONS.to_vec();
        known.extend(CREDENTIAL_OPTIONS);
        r.reject_unknown(&known)?;
        let client = ClientConfig::read(&r)?;
        let grant = read_grant(&r)?;
        Ok(KnetikConfig { client, grant })
    }
}

fn read_grant<F: Fields>(r: &Reader<'_, F>) -> Result<Grant, ApiError> {
    let has = |name: &str| present(r, name);
    if has("accessToken") {
        if let Some(other) = CREDENTIAL_OPTIONS[1..].iter().find(|n| has(n)) {
            return Err(r.error(
                other,
                "cannot be combined with accessToken (pass accessToken alone, or clientId with clientSecret, or clientId with username and password)",
            ));
        }
        let token = r.required_string("accessToken")?;
        check_header_value(&token).map_err(|why| r.error("accessToken", why))?;
        return Ok(Grant::AccessToken(Secret::new(token)));
    }
    if !CREDENTIAL_OPTIONS[1..].iter().any(|n| has(n)) {
        return Err(r.error(
            "accessToken",
            "is required, or clientId with clientSecret, or clientId with username and password",
        ));
    }
    let client_id = match r.optional_string("clientId")? {
        Some(id) => id,
        None => {
            return Err(r.error(
                "clientId",
                "is required with clientSecret, username or password",
            ))
        }
    };
    if has("clientSecret") {
        if let Some(other) = ["username", "password"].into_iter().find(|n| has(n)) {
            return Err(r.error(
                other,
                "cannot be combined with clientSecret (client_credentials takes clientId and clientSecret; the password grant takes clientId, username and password)",
            ));
        }
        let client_secret = r.required_string("clientSecret")?;
        return Ok(Grant::ClientCredentials {
            client_id,
            client_secret: Secret::new(client_secret),
        });
    }
    if !has("username") && !has("password") {
        return Err(r.error(
            "clientSecret",
            "is required with clientId (or pass username and password for the password grant)",
        ));
    }
    let username = r
        .optional_string("username")?
        .ok_or_else(|| r.error("username", "is required with password"))?;
    let password = r
        .optional_string("password")?
        .ok_or_else(|| r.error("password", "is required with username"))?;
    Ok(Grant::Password {
        client_id,
        username,
        password: Secret::new(password),
    })
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

    #[test]
    fn reads_the_three_forms() {
        let c = KnetikConfig::read(&with_base(json!({"accessToken": "tok"}))).unwrap();
        assert_eq!(c.grant, Grant::AccessToken(Secret::new("tok")));
        assert_eq!(c.grant.name(), "access_token");
        assert_eq!(c.grant.client_id(), None);
        assert_eq!(c.client.base_url.as_str(), "https://k.example");

        let c =
            KnetikConfig::read(&with_base(json!({"clientId": "c", "clientSecret": "s"}))).unwrap();
        assert_eq!(
            c.grant,
            Grant::ClientCredentials {
                client_id: "c".into(),
                client_secret: Secret::new("s")
            }
        );
        assert_eq!(c.grant.name(), "client_credentials");
        assert_eq!(c.grant.client_id(), Some("c"));

        let c = KnetikConfig::read(&with_base(
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
        let c = KnetikConfig::read(&with_base(
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
            let e = KnetikConfig::read(&with_base(opts.clone())).unwrap_err();
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
        let e = KnetikConfig::read(&json!({"accessToken": "t"})).unwrap_err();
        assert!(e.message.contains("`options.baseUrl`"));
        let e = KnetikConfig::read(&json!({"baseUrl": "http://k.example", "accessToken": "t"}))
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::InsecureUrl);
        let c = KnetikConfig::read(&json!({
            "baseUrl": "http://127.0.0.1:8787", "accessToken": "t", "timeoutMs": 5, "retry": false
        }))
        .unwrap();
        assert_eq!(c.client.timeout_ms, 5);
        assert_eq!(c.client.retry, None);
    }

    #[test]
    fn debug_output_hides_the_secrets() {
        let c = KnetikConfig::read(&with_base(
            json!({"clientId": "c", "username": "u", "password": "zz-pass"}),
        ))
        .unwrap();
        assert!(!format!("{c:?}").contains("zz-pass"));
        assert_eq!(c.grant.secrets(), vec!["zz-pass"]);
        let c = KnetikConfig::read(&with_base(
            json!({"clientId": "c", "clientSecret": "zz-cs"}),
        ))
        .unwrap();
        assert!(!format!("{c:?}").contains("zz-cs"));
    }
}
