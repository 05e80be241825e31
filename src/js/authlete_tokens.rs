//! `AuthleteTokens`, the JS class over [`AuthleteClient`].

use js_sys::Promise;
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use super::iterator::TokenIterator;
use super::op::Op;
use crate::authlete::config::CONSTRUCTOR;
use crate::authlete::requests::{ContentType, CREATE, DELETE, LIST, REVOKE, UPDATE};
use crate::authlete::{
    AuthleteClient, AuthleteConfig, TokenCreateRequest, TokenListAllQuery, TokenListQuery,
    TokenRevokeRequest, TokenUpdateRequest,
};
use crate::core::error::{ApiError, Provider};
use crate::core::retry::Retry;
use crate::http::CallOptions;

const NEW: Op = Op::new(Provider::Authlete, CONSTRUCTOR);
const CREATE_OP: Op = Op::new(Provider::Authlete, CREATE);
const UPDATE_OP: Op = Op::new(Provider::Authlete, UPDATE);
const REVOKE_OP: Op = Op::new(Provider::Authlete, REVOKE);
const DELETE_OP: Op = Op::new(Provider::Authlete, DELETE);
const LIST_OP: Op = Op::new(Provider::Authlete, LIST);

/// The last, optional argument of create, update, revoke and revokeAll: the call options and
/// how the body travels.
//
// (The Rust API takes the content type as an argument of its own; serde cannot add a field to
// `CallOptions` and still refuse unknown names, hence a struct of its own here.)
#[derive(Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[tsify(rename = "AuthleteBodyOptions")]
pub struct BodyOptions {
    /// Aborts the call.
    #[serde(default, deserialize_with = "crate::http::options::deserialize_signal")]
    #[tsify(type = "AbortSignal", optional)]
    signal: Option<web_sys::AbortSignal>,
    /// Per-attempt timeout for this call, in ms.
    #[serde(default)]
    #[tsify(optional)]
    timeout_ms: Option<u32>,
    /// `true` retries this POST; `false` never retries; a policy replaces the client's.
    #[serde(default)]
    #[tsify(optional)]
    retry: Option<Retry>,
    /// `true`: send nothing, resolve to the request (see `CallOptions.dryRun`; declared
    /// `false` here, the `dryRun: true` overloads take `true`).
    #[serde(default)]
    #[tsify(type = "false", optional)]
    dry_run: bool,
    /// `"json"` (default) or `"form"` (`application/x-www-form-urlencoded`).
    #[serde(default)]
    content_type: ContentType,
}

impl Op {
    /// The trailing options of a body-carrying call.
    fn body_options(
        self,
        value: Option<Ts<BodyOptions>>,
    ) -> Result<(CallOptions, ContentType), ApiError> {
        let o: BodyOptions = self.optional(value, "options")?;
        let call = CallOptions {
            signal: o.signal,
            timeout_ms: o.timeout_ms,
            retry: o.retry,
            dry_run: o.dry_run,
        };
        Ok((call, o.content_type))
    }
}

/// The `dryRun: true` overloads, merged into the class's declaration (whose own signatures take
/// `dryRun?: false`, so a call with `dryRun: true` resolves through these; wasm-bindgen declares
/// one signature per method).
#[wasm_bindgen(typescript_custom_section)]
const DRY_RUN_OVERLOADS: &str = r#"
/** The options of a dry run of `create`, `update`, `revoke` and `revokeAll`. */
export type AuthleteDryRunOptions = Omit<AuthleteBodyOptions, "dryRun"> & { dryRun: true };

export interface AuthleteTokens {
  /** With `dryRun: true`: sends nothing; resolves to the request `create` would send. */
  create(request: TokenCreateRequest, options: AuthleteDryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the request `update` would send. */
  update(request: TokenUpdateRequest, options: AuthleteDryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the request `revoke` would send. */
  revoke(request: TokenRevokeRequest, options: AuthleteDryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the revoke request `revokeAll` repeats. */
  revokeAll(request: TokenRevokeRequest, options: AuthleteDryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the request `delete` would send. */
  delete(accessTokenIdentifier: string, options: DryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: sends nothing; resolves to the request `list` would send. */
  list(query: AuthleteListQuery | null | undefined, options: DryRunOptions): Promise<DryRun>;
  /** With `dryRun: true`: fetches nothing; yields the request of the first page, once. */
  listAll(query: AuthleteListAllQuery | null | undefined, options: DryRunOptions): AsyncIterableIterator<DryRun>;
}
"#;

/// Client for the token operations of one Authlete service (API v2 or v3).
///
/// int64 values (`clientId`, the `...At` millisecond timestamps, durations) are exact: one
/// within ±(2^53 - 1) arrives as a `number`, a larger one as a `BigInt`; callers may pass
/// either. A create, update or revoke answered with a 200 whose `action` is not `OK` rejects
/// with an `ApiError` (kind `http`, status 200, code = `resultCode`, body = the answer).
#[wasm_bindgen]
pub struct AuthleteTokens {
    client: AuthleteClient,
}

#[wasm_bindgen]
impl AuthleteTokens {
    /// Checks the options and creates a client. Throws `ApiError` (`invalid_argument` or
    /// `insecure_url`) on bad options; sends nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<AuthleteConfig>) -> Result<AuthleteTokens, JsValue> {
        NEW.arg(options, "options")
            .and_then(AuthleteClient::new)
            .map(|client| AuthleteTokens { client })
            .map_err(|e| super::error::to_js(&e))
    }

    /// Creates an access token (`POST .../auth/token/create`).
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenCreateResponse>")]
    pub fn create(
        &self,
        request: Ts<TokenCreateRequest>,
        options: Option<Ts<BodyOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), CREATE_OP);
        op.run(async move {
            let request = op.arg(request, "request")?;
            let (call, ct) = op.body_options(options)?;
            if call.dry_run {
                return op.dry(&call, client.create_dry_run(&request, ct));
            }
            op.out(&client.create(&request, ct, &call).await?)
        })
    }

    /// Updates an access token (`POST .../auth/token/update`). An unknown token gives a 200 with
    /// action `NOT_FOUND`, which rejects.
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenUpdateResponse>")]
    pub fn update(
        &self,
        request: Ts<TokenUpdateRequest>,
        options: Option<Ts<BodyOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), UPDATE_OP);
        op.run(async move {
            let request = op.arg(request, "request")?;
            let (call, ct) = op.body_options(options)?;
            if call.dry_run {
                return op.dry(&call, client.update_dry_run(&request, ct));
            }
            op.out(&client.update(&request, ct, &call).await?)
        })
    }

    /// Revokes tokens (`POST .../auth/token/revoke`): by access token, else refresh token, else
    /// client and/or subject. One call revokes at most a server-set number (see `revokeAll`).
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenRevokeResponse>")]
    pub fn revoke(
        &self,
        request: Ts<TokenRevokeRequest>,
        options: Option<Ts<BodyOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), REVOKE_OP);
        op.run(async move {
            let request = op.arg(request, "request")?;
            let (call, ct) = op.body_options(options)?;
            if call.dry_run {
                return op.dry(&call, client.revoke_dry_run(&request, ct));
            }
            op.out(&client.revoke(&request, ct, &call).await?)
        })
    }

    /// Repeats `revoke` until a call revokes nothing more. Resolves to `{ count }`, the total.
    #[wasm_bindgen(js_name = revokeAll, unchecked_return_type = "Promise<RevokeAllResponse>")]
    pub fn revoke_all(
        &self,
        request: Ts<TokenRevokeRequest>,
        options: Option<Ts<BodyOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), REVOKE_OP);
        op.run(async move {
            let request = op.arg(request, "request")?;
            let (call, ct) = op.body_options(options)?;
            if call.dry_run {
                return op.dry(&call, client.revoke_dry_run(&request, ct));
            }
            op.out(&client.revoke_all(&request, ct, &call).await?)
        })
    }

    /// Deletes a token by its value or hash (`DELETE .../auth/token/delete/{id}`); resolves to
    /// `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(js_name = accessTokenIdentifier, unchecked_param_type = "string")]
        access_token_identifier: JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), DELETE_OP);
        op.run(async move {
            let id = op.string(&access_token_identifier, "accessTokenIdentifier")?;
            let options = op.options(options)?;
            if options.dry_run {
                return op.dry(&options, client.delete_dry_run(&id));
            }
            client.delete(&id, &options).await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Lists tokens (`GET .../auth/token/get/list`); lists carry hashes, never token values.
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenGetListResponse>")]
    pub fn list(
        &self,
        query: Option<Ts<TokenListQuery>>,
        options: Option<Ts<CallOptions>>,
    ) -> Promise {
        let (client, op) = (self.client.clone(), LIST_OP);
        op.run(async move {
            let (query, options) = (op.optional(query, "query")?, op.options(options)?);
            if options.dry_run {
                return op.dry(&options, client.list_dry_run(&query));
            }
            op.out(&client.list(&query, &options).await?)
        })
    }

    /// Every token matching `{ clientIdentifier, subject, tokenStatus }`, fetched lazily in pages
    /// of `pageSize` (default 100, at most 1000). Bad arguments reject the first `next()`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncIterableIterator<AccessToken>")]
    pub fn list_all(
        &self,
        query: Option<Ts<TokenListAllQuery>>,
        options: Option<Ts<CallOptions>>,
    ) -> TokenIterator {
        let client = &self.client;
        TokenIterator::list_all(
            LIST_OP,
            query,
            options,
            |q: &TokenListAllQuery, o| client.list_all(q, o),
            |q| client.list_all_dry_run(q),
        )
    }

    /// What `JSON.stringify(client)` shows: the settings, never a credential.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "AuthleteTokensDescription")]
    pub fn to_json(&self) -> JsValue {
        NEW.out(&self.client.describe()).unwrap_or(JsValue::NULL)
    }

    /// `AuthleteTokens(<base URL>, v2|v3)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        let d = self.client.describe();
        let version = match d.api_version {
            crate::authlete::ApiVersion::V2 => "v2",
            crate::authlete::ApiVersion::V3 => "v3",
        };
        format!("AuthleteTokens({}, {version})", d.base_url)
    }
}
