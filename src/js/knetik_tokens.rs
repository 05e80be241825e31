//! `KnetikTokens`, the JS class over [`KnetikClient`].

use js_sys::Promise;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::iterator::TokenIterator;
use super::op::Op;
use crate::core::error::Provider;
use crate::http::CallOptions;
use crate::knetik::config::CONSTRUCTOR;
use crate::knetik::requests::{no_delete_filter, DELETE_TOKENS, GET_TOKEN, GET_TOKENS};
use crate::knetik::{DeleteFilter, KnetikClient, KnetikConfig, TokensListAllQuery, TokensQuery};

const NEW: Op = Op::new(Provider::Knetik, CONSTRUCTOR);
const LIST_OP: Op = Op::new(Provider::Knetik, GET_TOKENS);
const GET_OP: Op = Op::new(Provider::Knetik, GET_TOKEN);
const DELETE_OP: Op = Op::new(Provider::Knetik, DELETE_TOKENS);

/// The `dryRun: true` overloads, merged into the class's declaration (whose own signatures take
/// `dryRun?: false`, so a call with `dryRun: true` resolves through these; wasm-bindgen declares
/// one signature per method).
#[wasm_bindgen(typescript_custom_section)]
const DRY_RUN_OVERLOADS: &str = r#"
export interface KnetikTokens {
  /** With `dryRun: true`: sends nothing (no token request either); resolves to the request `getTokens` would send. */
  getTokens(query: KnetikTokensQuery | null | undefined, options: DryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: fetches nothing; yields the request of the first page, once. */
  listAll(query: KnetikListAllQuery | null | undefined, options: DryRunOptions): AsyncIterableIterator<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the request `getToken` would send. */
  getToken(username: string, clientId: string, options: DryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the request `deleteTokens` would send. */
  deleteTokens(filter: KnetikDeleteFilter, options: DryRunOptions): Promise<DryRun>;
}
"#;

/// Client for the auth token operations of one Knetik Cloud app (`/auth/tokens`), with OAuth2
/// from `/oauth/token`: the token is fetched once, shared by concurrent calls, refreshed before
/// it expires, and replaced once after a 401.
#[wasm_bindgen]
pub struct KnetikTokens {
    client: KnetikClient,
}

#[wasm_bindgen]
impl KnetikTokens {
    /// Checks the options and creates a client. Throws `ApiError` (`invalid_argument` or
    /// `insecure_url`) on bad options; sends nothing (the first call asks for a token).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<KnetikConfig>) -> Result<KnetikTokens, JsValue> {
        NEW.arg(options, "options")
            .and_then(KnetikClient::new)
            .map(|client| KnetikTokens { client })
            .map_err(|e| super::error::to_js(&e))
    }

    /// Lists one page of issued tokens (`GET /auth/tokens`, getTokens). `page` counts from 1;
    /// `order` is `PROPERTY:ASC|DESC[,...]`. List items carry no `token` value.
    #[wasm_bindgen(js_name = getTokens, unchecked_return_type = "Promise<PageResource>")]
    pub fn get_tokens(
        &self,
        query: Option<Ts<TokensQuery>>,
        options: Option<Ts<CallOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), LIST_OP);
        op.run(async move {
            let (query, options) = (op.optional(query, "query")?, op.options(options)?);
            if options.dry_run {
                return op.dry(&options, client.get_tokens_dry_run(&query));
            }
            op.out(&client.get_tokens(&query, &options).await?)
        })
    }

    /// Every token matching the filters, page by page, as an async iterator. Bad arguments
    /// reject the first `next()`.
    #[wasm_bindgen(
        js_name = listAll,
        unchecked_return_type = "AsyncIterableIterator<OauthAccessTokenResource>"
    )]
    pub fn list_all(
        &self,
        query: Option<Ts<TokensListAllQuery>>,
        options: Option<Ts<CallOptions>>,
    ) -> TokenIterator {
        let client = &self.client;
        TokenIterator::list_all(
            LIST_OP,
            query,
            options,
            |q: &TokensListAllQuery, o| client.list_all(q, o),
            |q| client.list_all_dry_run(q),
        )
    }

    /// Reads the token issued to one user for one client (`GET
    /// /auth/tokens/{username}/{client_id}`, getToken), with its `token` value.
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<OauthAccessTokenResource>")]
    pub fn get_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] username: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = clientId)] client_id: JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), GET_OP);
        op.run(async move {
            let username = op.string(&username, "username")?;
            let client_id = op.string(&client_id, "clientId")?;
            let options = op.options(options)?;
            if options.dry_run {
                return op.dry(&options, client.get_token_dry_run(&username, &client_id));
            }
            op.out(&client.get_token(&username, &client_id, &options).await?)
        })
    }

    /// Deletes the tokens of a user, of a client, or of a user for a client (`DELETE
    /// /auth/tokens`, deleteTokens). A call without a filter is refused before anything is
    /// sent. Resolves to `undefined`.
    #[wasm_bindgen(js_name = deleteTokens, unchecked_return_type = "Promise<void>")]
    pub fn delete_tokens(
        &self,
        filter: Ts<DeleteFilter>,
        options: Option<Ts<CallOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), DELETE_OP);
        op.run(async move {
            let options = op.options(options)?;
            let given = filter.js_value();
            if given.is_undefined() || given.is_null() {
                return Err(no_delete_filter());
            }
            let filter = op.arg(filter, "filter")?;
            if options.dry_run {
                return op.dry(&options, client.delete_tokens_dry_run(&filter));
            }
            client.delete_tokens(&filter, &options).await?;
            Ok(JsValue::UNDEFINED)
        })
    }

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
