//! What every typed client does for one call: check the call options, send with retries as the
//! policy allows, turn a non-success answer into the provider's `ApiError`, decode a success.

use super::exchange::{exchange, Failure, Outgoing};
use super::options::CallOptions;
use super::wait::sleep;
use crate::core::auth::Auth;
use crate::core::config::ClientSettings;
use crate::core::decode::{CallContext, ErrorFields, RawResponse};
use crate::core::error::{ApiError, ErrorKind, Provider};
use crate::core::request::RequestSpec;
use crate::core::retry::{parse_retry_after, Outcome};

/// A provider's transport settings and error-body reader.
#[derive(Clone, Debug)]
pub struct Caller {
    /// The service.
    pub provider: Provider,
    /// Base URL, timeout, retry.
    pub settings: ClientSettings,
    /// Where the provider puts its error code and message.
    pub error_fields: ErrorFields,
}

impl Caller {
    /// The error context of one operation.
    pub fn context<'a>(&self, operation: &'a str, secrets: &'a [&'a str]) -> CallContext<'a> {
        CallContext {
            provider: self.provider,
            operation,
            secrets,
            error_fields: self.error_fields,
        }
    }

    /// Sends `spec` with `auth`; resolves to a 2xx answer, or the call's `ApiError`.
    /// `extra_secrets` are scrubbed from errors besides the credential's own.
    pub async fn send(
        &self,
        spec: &RequestSpec,
        auth: &Auth,
        options: &CallOptions,
        extra_secrets: &[&str],
    ) -> Result<RawResponse, ApiError> {
        let mut secrets = spec.secrets_with(auth);
        secrets.extend_from_slice(extra_secrets);
        let ctx = self.context(spec.operation, &secrets);
        options.check(self.provider, spec.operation)?;
        let policy = options.policy(&self.settings, spec.method.is_idempotent());
        let timeout_ms = options.timeout_ms(&self.settings);
        let url = spec.url(self.settings.base_url.as_str());
        let body = spec.body.to_text();
        let out = Outgoing {
            spec,
            url: &url,
            body: body.as_deref(),
            auth,
        };
        let signal = options.signal.as_ref();
        let mut attempt: u32 = 0;
        loop {
            if options.aborted() {
                return Err(aborted(&ctx));
            }
            let result = exchange(&out, timeout_ms, signal, self.settings.fetch.as_ref()).await;
            let now = js_sys::Date::now();
            let (outcome, retry_after_ms) = match &result {
                Ok(resp) if resp.is_success() => return finish(result, &ctx, timeout_ms),
                Ok(resp) => (
                    Outcome::Status(resp.status),
                    resp.retry_after
                        .as_deref()
                        .and_then(|v| parse_retry_after(v, now)),
                ),
                Err(Failure::Network(_)) => (Outcome::NetworkError, None),
                Err(Failure::Timeout) => (Outcome::Timeout, None),
                Err(Failure::Aborted) => (Outcome::Aborted, None),
            };
            let delay = policy.and_then(|p| {
                p.next_delay(attempt, outcome, retry_after_ms, js_sys::Math::random())
            });
            let Some(ms) = delay else {
                return finish(result, &ctx, timeout_ms);
            };
            if sleep(ms, signal).await {
                return Err(aborted(&ctx));
            }
            attempt += 1;
        }
    }
}

/// The last attempt's result as the call's result.
fn finish(
    result: Result<RawResponse, Failure>,
    ctx: &CallContext<'_>,
    timeout_ms: u32,
) -> Result<RawResponse, ApiError> {
    match result {
        Ok(resp) if resp.is_success() => Ok(resp),
        Ok(resp) => Err(ctx.http_error(&resp, js_sys::Date::now())),
        Err(Failure::Network(detail)) => Err(ctx.error(
            ErrorKind::Network,
            &format!(
                "network error, no answer from the server ({})",
                ctx.scrub(&detail)
            ),
        )),
        Err(Failure::Timeout) => Err(ctx.error(
            ErrorKind::Timeout,
            &format!("no complete answer within {timeout_ms} ms"),
        )),
        Err(Failure::Aborted) => Err(aborted(ctx)),
    }
}

/// The error of a call the caller aborted.
pub fn aborted(ctx: &CallContext<'_>) -> ApiError {
    ctx.error(ErrorKind::Aborted, "aborted by the caller's signal")
}
