//! What every provider client does for one call: send through the transport with the client's
//! settings, turn a non-success answer into the provider's `ApiError`, decode a success.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::core::auth::Credential;
use crate::core::config::ClientConfig;
use crate::core::decode::{CallContext, ErrorFields, RawResponse};
use crate::core::error::{ApiError, ErrorKind, Provider};
use crate::core::request::RequestSpec;
use crate::js_call::CallOptions;
use crate::js_error::to_js_value;
use crate::transport;

/// A provider's transport settings and error-body reader.
pub struct Caller {
    /// The service.
    pub provider: Provider,
    /// Base URL, timeout, retry.
    pub client: ClientConfig,
    /// Where the provider puts its error code and message.
    pub error_fields: ErrorFields,
}

impl Caller {
    /// Sends `spec`; resolves to the success answer, or the HTTP error as `ApiError`.
    /// `extra_secrets` are scrubbed from errors besides the credential's own.
    pub async fn send(
        &self,
        spec: &RequestSpec,
        credential: &Credential,
        options: &CallOptions,
        extra_secrets: &[&str],
    ) -> Result<RawResponse, ApiError> {
        let header = credential.header().map(|(_, v)| v).unwrap_or_default();
        let mut secrets = credential.secrets();
        secrets.push(&header);
        secrets.extend_from_slice(extra_secrets);
        let ctx = self.context(spec.operation, &secrets);
        let resp = transport::send(
            &self.client,
            &options.config,
            options.signal.as_ref(),
            spec,
            credential,
            &ctx,
        )
        .await?;
        if resp.is_success() {
            Ok(resp)
        } else {
            Err(ctx.http_error(&resp, js_sys::Date::now()))
        }
    }

    /// Sends `spec` and decodes the success body as `T`.
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        spec: &RequestSpec,
        credential: &Credential,
        options: &CallOptions,
    ) -> Result<T, ApiError> {
        let resp = self.send(spec, credential, options, &[]).await?;
        let secrets = credential.secrets();
        self.context(spec.operation, &secrets).decode(&resp)
    }

    /// The error context of one operation.
    pub fn context<'a>(&self, operation: &'a str, secrets: &'a [&'a str]) -> CallContext<'a> {
        CallContext {
            provider: self.provider,
            operation,
            secrets,
            error_fields: self.error_fields,
        }
    }

    /// Hands a decoded model to JS.
    pub fn to_js<T: Serialize>(&self, operation: &str, value: &T) -> Result<JsValue, ApiError> {
        to_js_value(value).map_err(|_| {
            ApiError::new(
                ErrorKind::Decode,
                self.provider,
                operation,
                format!(
                    "{} {operation} failed: the response could not be handed to JS",
                    self.provider.display_name()
                ),
            )
        })
    }
}
