//! `HoprTokens`, the JS class for the HOPR node API v3 token operations.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::config::HoprConfig;
use super::models::{CreatedToken, Token};
use super::requests;
use crate::core::decode::CallContext;
use crate::core::error::{ApiError, Provider};
use crate::core::request::RequestSpec;
use crate::js_call::{promise, rejected, CallOptions};
use crate::js_error::{to_js, to_js_value};
use crate::js_fields::body_to_json;
use crate::transport;

#[wasm_bindgen(typescript_custom_section)]
const HOPR_TYPES: &str = include_str!("types.d.ts");

struct Inner {
    config: HoprConfig,
}

impl Inner {
    /// Sends one request and returns the raw answer, success or HTTP error decoded by `decode`.
    async fn call<T>(
        &self,
        spec: RequestSpec,
        options: CallOptions,
        decode: impl FnOnce(&CallContext<'_>, &crate::core::decode::RawResponse) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let credential = self.config.credential();
        let secrets = credential.secrets();
        let ctx = CallContext {
            provider: Provider::Hopr,
            operation: spec.operation,
            secrets: &secrets,
            error_fields: requests::error_fields,
        };
        let resp = transport::send(
            &self.config.client,
            &options.config,
            options.signal.as_ref(),
            &spec,
            &credential,
            &ctx,
        )
        .await?;
        if !resp.is_success() {
            return Err(ctx.http_error(&resp, js_sys::Date::now()));
        }
        decode(&ctx, &resp)
    }
}

/// Client for the token operations of one HOPR node (API v3).
#[wasm_bindgen]
pub struct HoprTokens {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl HoprTokens {
    /// Checks the options and creates a client. Throws `ApiError` (`invalid_argument` or
    /// `insecure_url`) on bad options; sends nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "HoprTokensOptions")] options: JsValue,
    ) -> Result<HoprTokens, JsValue> {
        if !options.is_object() {
            return Err(to_js(&ApiError::invalid_argument(
                Provider::Hopr,
                super::config::CONSTRUCTOR,
                "options",
                "must be an object",
            )));
        }
        let config = HoprConfig::read(&options).map_err(|e| to_js(&e))?;
        Ok(HoprTokens {
            inner: Rc::new(Inner { config }),
        })
    }

    /// Creates a token (`POST /api/v3/tokens/`). Resolves to `{ token }`, the only time the new
    /// token's value is shown.
    #[wasm_bindgen(js_name = createToken, unchecked_return_type = "Promise<CreatedToken>")]
    pub fn create_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateTokenRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::CREATE;
        let prepared = (|| {
            let options = CallOptions::read(&options.unwrap_or(JsValue::UNDEFINED), Provider::Hopr, op)?;
            if !request.is_object() {
                return Err(ApiError::invalid_argument(Provider::Hopr, op, "request", "must be an object"));
            }
            let json = body_to_json(&request)
                .map_err(|why| ApiError::invalid_argument(Provider::Hopr, op, "request", &why))?;
            let req = requests::parse_create_request(&json)?;
            Ok((requests::create_token(&req)?, options))
        })();
        let (spec, options) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let created: CreatedToken = inner.call(spec, options, |ctx, resp| ctx.decode(resp)).await?;
            to_js_value(&created).map_err(|_| decode_failure(op))
        })
    }

    /// Reads the token used to authenticate (`GET /api/v3/token`).
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<Token>")]
    pub fn get_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::GET;
        let options = match CallOptions::read(&options.unwrap_or(JsValue::UNDEFINED), Provider::Hopr, op) {
            Ok(o) => o,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let token: Token = inner
                .call(requests::get_token(), options, |ctx, resp| ctx.decode(resp))
                .await?;
            to_js_value(&token).map_err(|_| decode_failure(op))
        })
    }

    /// Deletes the token with this id (`DELETE /api/v3/tokens/{id}`). Resolves to `undefined`.
    #[wasm_bindgen(js_name = deleteToken, unchecked_return_type = "Promise<void>")]
    pub fn delete_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::DELETE;
        let prepared = (|| {
            let options = CallOptions::read(&options.unwrap_or(JsValue::UNDEFINED), Provider::Hopr, op)?;
            let id = id.as_string().ok_or_else(|| {
                ApiError::invalid_argument(Provider::Hopr, op, "id", "must be a string")
            })?;
            Ok((requests::delete_token(&id)?, options))
        })();
        let (spec, options) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            inner.call(spec, options, |_, _| Ok(())).await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// What `JSON.stringify(client)` shows: the settings, never the token.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "HoprTokensDescription")]
    pub fn to_json(&self) -> JsValue {
        let c = &self.inner.config;
        let desc = serde_json::json!({
            "provider": "hopr",
            "baseUrl": c.client.base_url.as_str(),
            "authScheme": c.auth_scheme.as_str(),
            "timeoutMs": c.client.timeout_ms,
        });
        to_js_value(&desc).unwrap_or(JsValue::NULL)
    }

    /// `HoprTokens(<base URL>)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("HoprTokens({})", self.inner.config.client.base_url.as_str())
    }
}

fn decode_failure(op: &str) -> ApiError {
    ApiError::new(
        crate::core::error::ErrorKind::Decode,
        Provider::Hopr,
        op,
        format!("HOPR {op} failed: the response could not be handed to JS"),
    )
}
