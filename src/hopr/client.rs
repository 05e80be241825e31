//! `HoprTokens`, the JS class for the HOPR node API v3 token operations.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::config::{HoprConfig, CONSTRUCTOR};
use super::requests;
use super::shapes;
use crate::core::auth::Credential;
use crate::core::error::{ApiError, Provider};
use crate::js_call::{object_arg, promise, rejected, string_arg, CallOptions};
use crate::js_caller::Caller;
use crate::js_error::{to_js, to_js_value};
use crate::js_fields::body_to_json;

#[wasm_bindgen(typescript_custom_section)]
const HOPR_TYPES: &str = include_str!("types.d.ts");

struct Inner {
    config: HoprConfig,
    credential: Credential,
    caller: Caller,
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
        object_arg(&options, Provider::Hopr, CONSTRUCTOR, "options").map_err(|e| to_js(&e))?;
        let config = HoprConfig::read(&options).map_err(|e| to_js(&e))?;
        let caller = Caller {
            provider: Provider::Hopr,
            client: config.client.clone(),
            error_fields: requests::error_fields,
        };
        Ok(HoprTokens {
            inner: Rc::new(Inner {
                credential: config.credential(),
                config,
                caller,
            }),
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
            let options = CallOptions::read(options, Provider::Hopr, op)?;
            object_arg(&request, Provider::Hopr, op, "request")?;
            let json = body_to_json(&request)
                .map_err(|why| ApiError::invalid_argument(Provider::Hopr, op, "request", &why))?;
            let spec = requests::create_token(&requests::parse_create_request(&json)?)?;
            Ok((spec, options))
        })();
        let (spec, options) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let (_, created) = inner
                .caller
                .send_shaped(&spec, &inner.credential, &options, &shapes::CREATED_TOKEN)
                .await?;
            Ok(created)
        })
    }

    /// Reads the token used to authenticate (`GET /api/v3/token`).
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<Token>")]
    pub fn get_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let op = requests::GET;
        let options = match CallOptions::read(options, Provider::Hopr, op) {
            Ok(o) => o,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            let spec = requests::get_token();
            let (_, token) = inner
                .caller
                .send_shaped(&spec, &inner.credential, &options, &shapes::TOKEN)
                .await?;
            Ok(token)
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
            let options = CallOptions::read(options, Provider::Hopr, op)?;
            let id = string_arg(&id, Provider::Hopr, op, "id")?;
            Ok((requests::delete_token(&id)?, options))
        })();
        let (spec, options) = match prepared {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        let inner = self.inner.clone();
        promise(async move {
            inner
                .caller
                .send(&spec, &inner.credential, &options, &[])
                .await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// The 40 endpoint names a capability can grant, in the spec's order (for pickers).
    #[wasm_bindgen(unchecked_return_type = "HoprEndpoint[]")]
    pub fn endpoints() -> Vec<String> {
        super::models::ENDPOINTS
            .iter()
            .map(|e| e.to_string())
            .collect()
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
