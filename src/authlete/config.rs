//! `new AuthleteTokens(options)`: API v2 with a service API key and secret (HTTP Basic), or API v3
//! with a service id and access token (Bearer).

use crate::core::auth::{check_header_value, Credential, Secret};
use crate::core::config::{ClientConfig, COMMON_CLIENT_OPTIONS};
use crate::core::error::{ApiError, Provider};
use crate::core::fields::{Fields, Reader};
use crate::core::request::PathBuilder;

/// The name errors use for the constructor.
pub const CONSTRUCTOR: &str = "new AuthleteTokens";

/// Which API generation a client talks to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiVersion {
    /// `/api/auth/token/...` with HTTP Basic.
    V2,
    /// `/api/{serviceId}/auth/token/...` with Bearer.
    V3 {
        /// The service id.
        service_id: String,
    },
}

/// A checked `AuthleteTokens` configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthleteConfig {
    /// Base URL, timeout, retry.
    pub client: ClientConfig,
    /// v2 or v3.
    pub version: ApiVersion,
    /// The credential every request carries.
    pub credential: Credential,
}

impl AuthleteConfig {
    /// Reads `{ baseUrl, apiKey, apiSecret }` or `{ baseUrl, serviceId, accessToken }` plus the
    /// common options.
    pub fn read<F: Fields>(src: &F) -> Result<AuthleteConfig, ApiError> {
        let r = Reader::new(src, Provider::Authlete, CONSTRUCTOR, "options.");
        let mut known = COMMON_CLIENT_OPTIONS.to_vec();
        known.extend(["apiKey", "apiSecret", "serviceId", "accessToken"]);
        r.reject_unknown(&known)?;
        let client = ClientConfig::read(&r)?;
        let key = r.optional_string("apiKey")?;
        let secret = r.optional_string("apiSecret")?;
        let service = r.optional_string("serviceId")?;
        let token = r.optional_string("accessToken")?;
        let v2 = key.is_some() || secret.is_some();
        let v3 = service.is_some() || token.is_some();
        if v2 && v3 {
            let field = if service.is_some() {
                "serviceId"
            } else {
                "accessToken"
            };
            return Err(r.error(
                field,
                "cannot be combined with apiKey/apiSecret: give apiKey and apiSecret (v2) or serviceId and accessToken (v3)",
            ));
        }
        let (version, credential) = if v3 {
            let service_id =
                service.ok_or_else(|| r.error("serviceId", "is required with accessToken (v3)"))?;
            PathBuilder::new("/api/")
                .segment(&service_id)
                .map_err(|e| r.error("serviceId", e.describe()))?;
            let token =
                token.ok_or_else(|| r.error("accessToken", "is required with serviceId (v3)"))?;
            check_header_value(&token).map_err(|why| r.error("accessToken", why))?;
            (
                ApiVersion::V3 { service_id },
                Credential::Bearer(Secret::new(token)),
            )
        } else {
            let key = key.ok_or_else(|| {
                r.error(
                    "apiKey",
                    "is required: give apiKey and apiSecret (v2) or serviceId and accessToken (v3)",
                )
            })?;
            if key.contains(':') {
                return Err(r.error(
                    "apiKey",
                    "must not contain `:` (it is the HTTP Basic user name)",
                ));
            }
            let secret =
                secret.ok_or_else(|| r.error("apiSecret", "is required with apiKey (v2)"))?;
            (
                ApiVersion::V2,
                Credential::Basic {
                    user: Secret::new(key),
                    password: Secret::new(secret),
                },
            )
        };
        Ok(AuthleteConfig {
            client,
            version,
            credential,
        })
    }

    /// The path every operation appends to: `/api/auth/token/` or `/api/{serviceId}/auth/token/`.
    pub fn prefix(&self) -> String {
        match &self.version {
            ApiVersion::V2 => "/api/auth/token/".to_string(),
            ApiVersion::V3 { service_id } => PathBuilder::new("/api/")
                .segment(service_id)
                .map(|p| p.literal("/auth/token/").build())
                .unwrap_or_else(|_| "/api/auth/token/".to_string()),
        }
    }

    /// `"v2"` or `"v3"`.
    pub fn version_name(&self) -> &'static str {
        match self.version {
            ApiVersion::V2 => "v2",
            ApiVersion::V3 { .. } => "v3",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;
    use serde_json::json;

    #[test]
    fn v2_and_v3_forms() {
        let c =
            AuthleteConfig::read(&json!({"baseUrl": "https://a", "apiKey": "k", "apiSecret": "s"}))
                .unwrap();
        assert_eq!(c.prefix(), "/api/auth/token/");
        assert_eq!(
            c.credential.header(),
            Some(("authorization", "Basic azpz".to_string()))
        );
        let c = AuthleteConfig::read(
            &json!({"baseUrl": "https://a", "serviceId": "71 5", "accessToken": "t"}),
        )
        .unwrap();
        assert_eq!(c.prefix(), "/api/71%205/auth/token/");
        assert_eq!(
            c.credential.header(),
            Some(("authorization", "Bearer t".to_string()))
        );
        assert_eq!(c.version_name(), "v3");
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
        ] {
            let e = AuthleteConfig::read(&opts).unwrap_err();
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
        let c = AuthleteConfig::read(
            &json!({"baseUrl": "https://a", "apiKey": "kk-1", "apiSecret": "ss-2"}),
        )
        .unwrap();
        let d = format!("{c:?}");
        assert!(!d.contains("kk-1") && !d.contains("ss-2"));
    }
}
