//! `AuthleteTokens`, the JS class over [`AuthleteClient`]: one line per operation.

use serde::de::MapAccess;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::op::{js_class, Op};
use super::options::More;
use crate::authlete::config::CONSTRUCTOR;
use crate::authlete::requests::{self, LIST};
use crate::authlete::{ApiVersion, AuthleteClient, AuthleteConfig, ContentType};
use crate::core::error::Provider;

const NEW: Op = Op::new(Provider::Authlete, CONSTRUCTOR);

/// The options `create`, `update`, `revoke` and `revokeAll` have besides the call options: how
/// the body travels. (The Rust API takes the content type as an argument of its own.)
#[derive(Default, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AuthleteBodyOptions {
    /// `"json"` (default) or `"form"` (`application/x-www-form-urlencoded`).
    #[tsify(optional)]
    content_type: ContentType,
}

/// A property as `create` and `update` send it: its known fields only, with its key.
#[wasm_bindgen(typescript_custom_section)]
const SENT_PROPERTY_TYPE: &str = "export type SentProperty = Sent<Property> & { key: string };\n";

/// The options of a dry run of `create`, `update`, `revoke` and `revokeAll` (a name earlier
/// releases declared).
#[wasm_bindgen(typescript_custom_section)]
const DRY_RUN_OPTIONS: &str =
    "export type AuthleteDryRunOptions = DryRunOptions & AuthleteBodyOptions;\n";

impl More for AuthleteBodyOptions {
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        if key != "contentType" {
            return Ok(false);
        }
        self.content_type = map.next_value()?;
        Ok(true)
    }
}

js_class! {
    #[doc = " Client for the token operations of one Authlete service (API v2 or v3)."]
    #[doc = ""]
    #[doc = " int64 values (`clientId`, the `...At` millisecond timestamps, durations) are exact: one"]
    #[doc = " within ±(2^53 - 1) arrives as a `number`, a larger one as a `BigInt`; callers may pass"]
    #[doc = " either. A create, update or revoke answered with a 200 whose `action` is not `OK` rejects"]
    #[doc = " with an `ApiError` (kind `http`, status 200, code = `resultCode`, body = the answer)."]
    AuthleteTokens(AuthleteClient, AuthleteConfig, NEW) {
        /// Creates an access token (`POST .../auth/token/create`).
        create(request: TokenCreateRequest; o: AuthleteBodyOptions) -> TokenCreateResponse
            = requests::Create(request, o.content_type);
        /// Updates an access token (`POST .../auth/token/update`). An unknown token gives a 200
        /// with action `NOT_FOUND`, which rejects.
        update(request: TokenUpdateRequest; o: AuthleteBodyOptions) -> TokenUpdateResponse
            = requests::Update(request, o.content_type);
        /// Revokes tokens (`POST .../auth/token/revoke`): by access token, else refresh token,
        /// else client and/or subject. One call revokes at most a server-set number (see
        /// `revokeAll`).
        revoke(request: TokenRevokeRequest; o: AuthleteBodyOptions) -> TokenRevokeResponse
            = requests::Revoke(request, o.content_type);
        /// Repeats `revoke` until a call revokes nothing more. Resolves to `{ count }`, the
        /// total; with `dryRun: true`, to the revoke request it repeats.
        revokeAll(request: TokenRevokeRequest; o: AuthleteBodyOptions) -> RevokeAllResponse
            = requests::RevokeAll::new(request, o.content_type);
        /// Deletes a token by its value or hash (`DELETE .../auth/token/delete/{id}`); resolves
        /// to `undefined`.
        delete(accessTokenIdentifier: string) -> void = requests::Delete(accessTokenIdentifier);
        /// Lists tokens (`GET .../auth/token/get/list`); lists carry hashes, never token values.
        list(query: AuthleteListQuery) -> TokenGetListResponse = requests::List(query);
    } lists {
        /// Every token matching `{ clientIdentifier, subject, tokenStatus }`, fetched lazily in
        /// pages of `pageSize` (default 100, at most 1000). Bad arguments reject the first
        /// `next()`; with `dryRun: true` it yields the request of the first page, once.
        listAll(query: AuthleteListAllQuery) -> AccessToken = LIST, list_all_parsed;
    }
}

#[wasm_bindgen]
impl AuthleteTokens {
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
            ApiVersion::V2 => "v2",
            ApiVersion::V3 => "v3",
        };
        format!("AuthleteTokens({}, {version})", d.base_url)
    }
}
