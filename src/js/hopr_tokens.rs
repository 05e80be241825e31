//! `HoprTokens`, the JS class over [`HoprClient`]: one line per operation.

use wasm_bindgen::prelude::*;

use super::op::{js_class, Op};
use crate::core::error::Provider;
use crate::hopr::config::CONSTRUCTOR;
use crate::hopr::requests;
use crate::hopr::{HoprClient, HoprConfig, ENDPOINTS};

const NEW: Op = Op::new(Provider::Hopr, CONSTRUCTOR);

/// `HoprEndpoint`, the TypeScript union of the 40 endpoint names (declared with the list).
#[wasm_bindgen(typescript_custom_section)]
const HOPR_ENDPOINT_TYPE: &str = crate::hopr::models::hopr_endpoint_type!();

/// A capability as `createToken` sends it: its known fields only, one of the 40 endpoint names,
/// without the `used` counter that only a node reports.
#[wasm_bindgen(typescript_custom_section)]
const SENT_CAPABILITY_TYPE: &str = "export type SentCapability = {\n  endpoint: HoprEndpoint;\n  limits?: Omit<Sent<TokenCapabilityLimit>, \"used\">[];\n};\n";

js_class! {
    #[doc = " Client for the token operations of one HOPR node (API v3)."]
    HoprTokens(HoprClient, HoprConfig, NEW) {
        /// Creates a token (`POST /api/v3/tokens/`). Resolves to `{ token }`, the only time the
        /// new token's value is shown.
        createToken(request: TokensCreateRequest) -> TokensCreate201Response
            = requests::CreateToken(request);
        /// Reads the token used to authenticate (`GET /api/v3/token`).
        getToken() -> Token = requests::GetToken();
        /// Deletes the token with this id (`DELETE /api/v3/tokens/{id}`). Resolves to `undefined`.
        deleteToken(id: string) -> void = requests::DeleteToken(id);
    } lists {}
}

#[wasm_bindgen]
impl HoprTokens {
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
