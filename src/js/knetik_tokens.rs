//! `KnetikTokens`, the JS class over [`KnetikClient`]: one line per operation.

use wasm_bindgen::prelude::*;

use super::op::{js_class, Op};
use crate::core::error::Provider;
use crate::knetik::config::CONSTRUCTOR;
use crate::knetik::requests::{self, GET_TOKENS};
use crate::knetik::{KnetikClient, KnetikConfig};

const NEW: Op = Op::new(Provider::Knetik, CONSTRUCTOR);

js_class! {
    #[doc = " Client for the auth token operations of one Knetik Cloud app (`/auth/tokens`), with"]
    #[doc = " OAuth2 from `/oauth/token`: the token is fetched once, shared by concurrent calls,"]
    #[doc = " refreshed before it expires, and replaced once after a 401."]
    KnetikTokens(KnetikClient, KnetikConfig, NEW) {
        /// Lists one page of issued tokens (`GET /auth/tokens`, getTokens). `page` counts from
        /// 1; `order` is `PROPERTY:ASC|DESC[,...]`. List items carry no `token` value.
        getTokens(query: KnetikTokensQuery) -> PageResource = requests::GetTokens(query);
        /// Deletes the tokens of a user, of a client, or of a user for a client (`DELETE
        /// /auth/tokens`, deleteTokens). A call without a filter is refused before anything is
        /// sent. Resolves to `undefined`.
        deleteTokens(filter: KnetikDeleteFilter) -> void = requests::DeleteTokens(filter);
        /// Reads the token issued to one user for one client (`GET
        /// /auth/tokens/{username}/{client_id}`, getToken), with its `token` value.
        getToken(username: string, clientId: string) -> OauthAccessTokenResource
            = requests::GetToken(username, clientId);
    } lists {
        /// Every token matching the filters, page by page, as an async iterator. Bad arguments
        /// reject the first `next()`; with `dryRun: true` it yields the request of the first
        /// page, once.
        listAll(query: KnetikListAllQuery) -> OauthAccessTokenResource = GET_TOKENS, list_all_parsed;
    }
}

#[wasm_bindgen]
impl KnetikTokens {
    /// What `JSON.stringify(client)` shows: the settings and the grant's name, never a secret.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "KnetikTokensDescription")]
    pub fn to_json(&self) -> JsValue {
        NEW.out(&self.client.describe()).unwrap_or(JsValue::NULL)
    }

    /// `KnetikTokens(<base URL>, <grant>)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        let d = self.client.describe();
        format!("KnetikTokens({}, {})", d.base_url, d.grant)
    }
}
