//! [`AuthleteConfig`]: what an Authlete client is made from (in JS, the options of
//! `new AuthleteTokens()`): API v2 with a service API key and secret (HTTP Basic), or API v3
//! with a service id and access token (Bearer).

use serde::Serialize;
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::core::auth::{check_header_value, Auth, Credential, Secret};
use crate::core::config::ClientSettings;
use crate::core::error::{ApiError, Provider};
use crate::core::request::PathBuilder;

/// The name errors use for the constructor.
pub const CONSTRUCTOR: &str = "new AuthleteTokens";

crate::client_config! {
    /// The settings of an Authlete client (the options of `new AuthleteTokens()`): API key and
    /// secret (v2) or service id and access token (v3), never both (read from JS, unknown names
    /// are refused). The fields but the base URL and the credential have defaults.
    ///
    /// ```
    /// use tokenops::authlete::{ApiVersion, AuthleteConfig};
    ///
    /// let v2 = AuthleteConfig {
    ///     base_url: "https://api.authlete.com".into(),
    ///     api_key: Some("service-api-key".into()),
    ///     api_secret: Some("service-api-secret".into()),
    ///     ..Default::default()
    /// };
    /// let v3 = AuthleteConfig {
    ///     base_url: "https://us.authlete.com".into(),
    ///     service_id: Some("715948317".into()),
    ///     access_token: Some("service-access-token".into()),
    ///     ..Default::default()
    /// };
    /// assert_eq!(v2.check()?.version, ApiVersion::V2);
    /// assert_eq!(v3.check()?.version, ApiVersion::V3);
    /// let both = AuthleteConfig { service_id: Some("715948317".into()), ..v2 };
    /// assert!(both.check().is_err());
    /// # Ok::<(), tokenops::ApiError>(())
    /// ```
    #[cfg_attr(
        feature = "js",
        tsify(
            rename = "AuthleteTokensOptions",
            type = "ClientOptions & (AuthleteV2Credentials | AuthleteV3Credentials)"
        )
    )]
    pub struct AuthleteConfig {
        /// v2: the service API key (the HTTP Basic user name).
        #[serde(default)]
        pub api_key: Option<Secret>,
        /// v2: the service API secret.
        #[serde(default)]
        pub api_secret: Option<Secret>,
        /// v3: the service id (`/api/{serviceId}/auth/token/...`).
        #[serde(default)]
        pub service_id: Option<String>,
        /// v3: the service access token (Bearer).
        #[serde(default)]
        pub access_token: Option<Secret>,
    }
}

/// Which API generation a client talks to: chosen by the credential form of
/// [`AuthleteConfig`] (example there).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ApiVersion {
    /// `/api/auth/token/...` with HTTP Basic.
    V2,
    /// `/api/{serviceId}/auth/token/...` with Bearer.
    V3,
}

/// A checked config: settings, credential header, API version and path prefix.
#[derive(Clone, Debug)]
pub struct CheckedAuthlete {
    /// Base URL, timeout, retry.
    pub settings: ClientSettings,
    /// The credential header.
    pub auth: Auth,
    /// v2 or v3.
    pub version: ApiVersion,
    /// The v3 service id.
    pub service_id: Option<String>,
    /// `/api/auth/token/` or `/api/{serviceId}/auth/token/`.
    pub prefix: String,
}

fn invalid(field: &str, problem: &str) -> ApiError {
    ApiError::invalid_argument(
        Provider::Authlete,
        CONSTRUCTOR,
        &format!("options.{field}"),
        problem,
    )
}

fn non_blank(value: Option<&str>, field: &str) -> Result<Option<()>, ApiError> {
    match value {
        Some(v) if v.trim().is_empty() => Err(invalid(field, "must not be empty")),
        Some(_) => Ok(Some(())),
        None => Ok(None),
    }
}

impl AuthleteConfig {
    /// Checks the settings and the credential form (errors name the option, never its value);
    /// [`AuthleteClient::new`](crate::authlete::AuthleteClient::new) calls it (example:
    /// [`AuthleteConfig`]).
    ///
    /// # Errors
    ///
    /// `InvalidArgument` for both credential forms or neither, half of one (`apiKey` without
    /// `apiSecret`, `serviceId` without `accessToken`), an empty value, an API key with `:`, a
    /// value a header cannot carry, a bad `base_url`, `timeout_ms` or retry policy;
    /// `InsecureUrl` for plain `http:` to a host that is not loopback without
    /// `allow_insecure_http`.
    pub fn check(&self) -> Result<CheckedAuthlete, ApiError> {
        let settings = self.settings(Provider::Authlete, CONSTRUCTOR)?;
        let key = non_blank(self.api_key.as_ref().map(Secret::expose), "apiKey")?;
        let secret = non_blank(self.api_secret.as_ref().map(Secret::expose), "apiSecret")?;
        let service = non_blank(self.service_id.as_deref(), "serviceId")?;
        let token = non_blank(
            self.access_token.as_ref().map(Secret::expose),
            "accessToken",
        )?;
        let v2 = key.is_some() || secret.is_some();
        let v3 = service.is_some() || token.is_some();
        if v2 && v3 {
            let field = if service.is_some() {
                "serviceId"
            } else {
                "accessToken"
            };
            return Err(invalid(
                field,
                "cannot be combined with apiKey/apiSecret: give apiKey and apiSecret (v2) or serviceId and accessToken (v3)",
            ));
        }
        if v3 {
            let service_id = self
                .service_id
                .clone()
                .ok_or_else(|| invalid("serviceId", "is required with accessToken (v3)"))?;
            let prefix = PathBuilder::new("/api/")
                .segment(&service_id)
                .map_err(|e| invalid("serviceId", e.describe()))?
                .literal("/auth/token/")
                .build();
            let token = self
                .access_token
                .clone()
                .ok_or_else(|| invalid("accessToken", "is required with serviceId (v3)"))?;
            check_header_value(token.expose()).map_err(|why| invalid("accessToken", why))?;
            return Ok(CheckedAuthlete {
                settings,
                auth: Auth::new(&Credential::Bearer(token)),
                version: ApiVersion::V3,
                service_id: Some(service_id),
                prefix,
            });
        }
        let key = self.api_key.clone().ok_or_else(|| {
            invalid(
                "apiKey",
                "is required: give apiKey and apiSecret (v2) or serviceId and accessToken (v3)",
            )
        })?;
        if key.expose().contains(':') {
            return Err(invalid(
                "apiKey",
                "must not contain `:` (it is the HTTP Basic user name)",
            ));
        }
        let secret = self
            .api_secret
            .clone()
            .ok_or_else(|| invalid("apiSecret", "is required with apiKey (v2)"))?;
        Ok(CheckedAuthlete {
            settings,
            auth: Auth::new(&Credential::Basic {
                user: key,
                password: secret,
            }),
            version: ApiVersion::V2,
            service_id: None,
            prefix: "/api/auth/token/".to_string(),
        })
    }
}

/// What `JSON.stringify(client)` shows: the settings, never a credential; in Rust,
/// [`AuthleteClient::describe`](crate::authlete::AuthleteClient::describe) (example there)
/// (`AuthleteTokensDescription`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", tsify(rename = "AuthleteTokensDescription"))]
pub struct AuthleteDescription {
    /// Always `"authlete"`.
    #[cfg_attr(feature = "js", tsify(type = "\"authlete\""))]
    pub provider: &'static str,
    /// The base URL, without a trailing slash.
    pub base_url: String,
    /// `"v2"` or `"v3"`.
    pub api_version: ApiVersion,
    /// The v3 service id; absent (`undefined`) for v2.
    pub service_id: Option<String>,
    /// Per-attempt timeout in ms.
    pub timeout_ms: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;
    use crate::core::strict;
    use serde_json::json;

    fn read(v: serde_json::Value) -> Result<CheckedAuthlete, ApiError> {
        let config: AuthleteConfig = strict::deserialize(v).map_err(|e| {
            ApiError::invalid_argument(
                Provider::Authlete,
                CONSTRUCTOR,
                &e.field("options"),
                e.problem(),
            )
        })?;
        config.check()
    }

    #[test]
    fn v2_and_v3_forms() {
        let c = read(json!({"baseUrl": "https://a", "apiKey": "k", "apiSecret": "s"})).unwrap();
        assert_eq!(c.prefix, "/api/auth/token/");
        assert_eq!(c.auth.header(), Some(("authorization", "Basic azpz")));
        assert_eq!(c.version, ApiVersion::V2);
        let c =
            read(json!({"baseUrl": "https://a", "serviceId": "71 5", "accessToken": "t"})).unwrap();
        assert_eq!(c.prefix, "/api/71%205/auth/token/");
        assert_eq!(c.auth.header(), Some(("authorization", "Bearer t")));
        assert_eq!(c.version, ApiVersion::V3);
    }

    #[test]
    fn incomplete_or_mixed_forms_name_the_field() {
        for (opts, field) in [
            (json!({"baseUrl": "https://a"}), "apiKey"),
            (json!({"baseUrl": "https://a", "apiKey": "k"}), "apiSecret"),
            (json!({"baseUrl": "https://a", "apiSecret": "s"}), "apiKey"),
            (
                json!({"baseUrl": "https://a", "serviceId": "1"}),
                "accessToken",
            ),
            (
                json!({"baseUrl": "https://a", "accessToken": "t"}),
                "serviceId",
            ),
            (
                json!({"baseUrl": "https://a", "serviceId": "..", "accessToken": "t"}),
                "serviceId",
            ),
            (
                json!({"baseUrl": "https://a", "apiKey": "k", "apiSecret": "s", "accessToken": "t"}),
                "accessToken",
            ),
            (
                json!({"baseUrl": "https://a", "apiKey": "k:x", "apiSecret": "s"}),
                "apiKey",
            ),
            (
                json!({"baseUrl": "https://a", "serviceId": "1", "accessToken": "t\n"}),
                "accessToken",
            ),
            (
                json!({"baseUrl": "https://a", "apiKey": "k", "apiSecret": "s", "apikey": "x"}),
                "apikey",
            ),
            (
                json!({"baseUrl": "https://a", "apiKey": " ", "apiSecret": "s"}),
                "apiKey",
            ),
        ] {
            let e = read(opts.clone()).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument);
            assert!(
                e.message.contains(&format!("`options.{field}`")),
                "{opts}: {}",
                e.message
            );
        }
    }

    #[test]
    fn debug_hides_secrets() {
        let c = AuthleteConfig {
            base_url: "https://a".into(),
            api_key: Some("kk-1".into()),
            api_secret: Some("ss-2".into()),
            ..AuthleteConfig::default()
        };
        let d = format!("{c:?} {:?}", c.check().unwrap());
        assert!(!d.contains("ss-2") && !d.contains("kk-1"), "{d}");
    }
}
