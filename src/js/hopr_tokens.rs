//! `HoprTokens`, the JS class over [`HoprClient`].

use js_sys::Promise;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::op::Op;
use crate::core::error::Provider;
use crate::hopr::config::CONSTRUCTOR;
use crate::hopr::requests::{CREATE, DELETE, GET};
use crate::hopr::{HoprClient, HoprConfig, TokensCreateRequest, ENDPOINTS};
use crate::http::CallOptions;

const NEW: Op = Op::new(Provider::Hopr, CONSTRUCTOR);
const CREATE_OP: Op = Op::new(Provider::Hopr, CREATE);
const GET_OP: Op = Op::new(Provider::Hopr, GET);
const DELETE_OP: Op = Op::new(Provider::Hopr, DELETE);

/// The `dryRun: true` overloads, merged into the class's declaration (whose own signatures take
/// `dryRun?: false`, so a call with `dryRun: true` resolves through these; wasm-bindgen declares
/// one signature per method).
#[wasm_bindgen(typescript_custom_section)]
const DRY_RUN_OVERLOADS: &str = r#"
export interface HoprTokens {
  /** With `dryRun: true`: sends nothing; resolves to the request `createToken` would send. */
  createToken(request: TokensCreateRequest, options: DryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the request `getToken` would send. */
  getToken(options: DryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the request `deleteToken` would send. */
  deleteToken(id: string, options: DryRunOptions): Promise<DryRun>;
}
"#;

/// Client for the token operations of one HOPR node (API v3).
#[wasm_bindgen]
pub struct HoprTokens {
    client: HoprClient,
}

#[wasm_bindgen]
impl HoprTokens {
    /// Checks the options and creates a client. Throws `ApiError` (`invalid_argument` or
    /// `insecure_url`) on bad options; sends nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<HoprConfig>) -> Result<HoprTokens, JsValue> {
        NEW.arg(options, "options")
            .and_then(HoprClient::new)
            .map(|client| HoprTokens { client })
            .map_err(|e| super::error::to_js(&e))
    }

    /// Creates a token (`POST /api/v3/tokens/`). Resolves to `{ token }`, the only time the new
    /// token's value is shown.
    #[wasm_bindgen(
        js_name = createToken,
        unchecked_return_type = "Promise<TokensCreate201Response>"
    )]
    pub fn create_token(
        &self,
        request: Ts<TokensCreateRequest>,
        options: Option<Ts<CallOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), CREATE_OP);
        op.run(async move {
            let (request, options) = (op.arg(request, "request")?, op.options(options)?);
            if options.dry_run {
                return op.dry(&options, client.create_token_dry_run(&request));
            }
            op.out(&client.create_token(&request, &options).await?)
        })
    }

    /// Reads the token used to authenticate (`GET /api/v3/token`).
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<Token>")]
    pub fn get_token(&self, options: Option<Ts<CallOptions>>) -> Promise {
        let (client, op) = (self.client.clone(), GET_OP);
        op.run(async move {
            let options = op.options(options)?;
            if options.dry_run {
                return op.dry(&options, Ok(client.get_token_dry_run()));
            }
            op.out(&client.get_token(&options).await?)
        })
    }

    /// Deletes the token with this id (`DELETE /api/v3/tokens/{id}`). Resolves to `undefined`.
    #[wasm_bindgen(js_name = deleteToken, unchecked_return_type = "Promise<void>")]
    pub fn delete_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), DELETE_OP);
        op.run(async move {
            let (id, options) = (op.string(&id, "id")?, op.options(options)?);
            if options.dry_run {
                return op.dry(&options, client.delete_token_dry_run(&id));
            }
            client.delete_token(&id, &options).await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// The 40 endpoint names a capability can grant, in the spec's order (for pickers).
    #[wasm_bindgen(unchecked_return_type = "HoprEndpoint[]")]
    pub fn endpoints() -> Vec<String> {
        ENDPOINTS.iter().map(|e| e.to_string()).collect()
    }

    /// What `JSON.stringify(client)` shows: the settings, never the token.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "HoprTokensDescription")]
    pub fn to_json(&self) -> JsValue {
        NEW.out(&self.client.describe()).unwrap_or(JsValue::NULL)
    }

    /// `HoprTokens(<base URL>)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("HoprTokens({})", self.client.describe().base_url)
    }
}
