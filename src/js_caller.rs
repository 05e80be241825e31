//! What every provider client does for one call: send through the transport with the client's
//! settings, turn a non-success answer into the provider's `ApiError`, decode a success.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::core::auth::Credential;
use crate::core::config::ClientConfig;
use crate::core::decode::{CallContext, ErrorFields, RawResponse};
use crate::core::error::{ApiError, ErrorKind, Provider};
use crate::core::request::RequestSpec;
use crate::core::shape::{self, Report, Shape};
use crate::js_call::CallOptions;
use crate::js_error::{parse_js_text, parse_marked, to_js_value};
use crate::transport::{self, Answer};

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
        self.send_answer(spec, credential, options, extra_secrets)
            .await
            .map(|a| a.raw)
    }

    /// [`Caller::send`], keeping the body's JS string too.
    pub async fn send_answer(
        &self,
        spec: &RequestSpec,
        credential: &Credential,
        options: &CallOptions,
        extra_secrets: &[&str],
    ) -> Result<Answer, ApiError> {
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
        if resp.raw.is_success() {
            Ok(resp)
        } else {
            Err(ctx.http_error(&resp.raw, js_sys::Date::now()))
        }
    }

    /// Sends `spec` and checks the success body against `shape`: resolves to what the client reads
    /// itself (the [`Report`]) and the body as a JS value (see [`Caller::shaped_to_js`]).
    pub async fn send_shaped(
        &self,
        spec: &RequestSpec,
        credential: &Credential,
        options: &CallOptions,
        shape: &'static Shape,
    ) -> Result<(Report, JsValue), ApiError> {
        let answer = self.send_answer(spec, credential, options, &[]).await?;
        self.shaped(spec.operation, &answer, &credential.secrets(), shape)
    }

    /// Checks a success answer against `shape`: what the client reads itself, and the body as a
    /// JS value. A body that does not match is a `decode` error (no secret in it).
    pub fn shaped(
        &self,
        operation: &str,
        answer: &Answer,
        secrets: &[&str],
        shape: &Shape,
    ) -> Result<(Report, JsValue), ApiError> {
        let report = self.context(operation, secrets).check(&answer.raw, shape)?;
        let value = self.shaped_to_js(operation, answer, &report, shape)?;
        Ok((report, value))
    }

    /// A checked success body as a JS value (see [`checked_body_to_js`]).
    pub fn shaped_to_js(
        &self,
        operation: &str,
        answer: &Answer,
        report: &Report,
        shape: &Shape,
    ) -> Result<JsValue, ApiError> {
        checked_body_to_js(answer, report, shape).ok_or_else(|| self.handoff_error(operation))
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
        to_js_value(value).map_err(|_| self.handoff_error(operation))
    }

    fn handoff_error(&self, operation: &str) -> ApiError {
        ApiError::new(
            ErrorKind::Decode,
            self.provider,
            operation,
            format!(
                "{} {operation} failed: the response could not be handed to JS",
                self.provider.display_name()
            ),
        )
    }
}

/// A checked success body as a JS value: the engine's `JSON.parse` on the text as it arrived, or
/// on the normalized text when the check asked for it (optional `null`s dropped, defaulted lists
/// filled in, big int64 values as `BigInt`).
pub fn checked_body_to_js(answer: &Answer, report: &Report, shape: &Shape) -> Option<JsValue> {
    if report.needs_normalize {
        shape::normalize(&answer.raw.body, shape)
            .ok()
            .and_then(|text| parse_marked(&text).ok())
    } else {
        parse_js_text(&answer.text).ok()
    }
}

/// The array under `name` of a JS object (an empty one if it is missing or not an array).
pub fn array_field(value: &JsValue, name: &str) -> js_sys::Array {
    js_sys::Reflect::get(value, &JsValue::from_str(name))
        .ok()
        .and_then(|v| wasm_bindgen::JsCast::dyn_into::<js_sys::Array>(v).ok())
        .unwrap_or_default()
}
