//! HOPR token models, named after the spec's schemas, with its wire names (`valid_until`,
//! `type`, `conditions.max`). These structs are the one description of each model, declared
//! with [`crate::model!`]: each field's wire name is written once and gives serde's name and the
//! name the models that keep unknown fields read; serde reads and writes them (answers with the
//! build's JSON codec, JS values with serde-wasm-bindgen) and tsify derives their TypeScript
//! declarations.
//!
//! The spec uses `TokenCapability` both in the create request and in `Token`, so one struct
//! serves both. Fields a newer node adds are kept in `extra` and passed on; in a request they
//! are refused before anything is sent ([`super::requests::check_create_request`]), as are
//! unknown fields of `TokensCreateRequest` itself (`deny_unknown_fields`).

use serde::{Deserialize, Serialize};
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::model;

macro_rules! endpoints {
    ($($name:literal),* $(,)?) => {
        /// The 40 endpoint names of the spec's `TokenCapability.endpoint` enum, in its order.
        ///
        /// ```
        /// assert!(tokenops::hopr::ENDPOINTS.contains(&"tokensGetToken"));
        /// ```
        pub const ENDPOINTS: [&str; 40] = [$($name),*];

        /// The same names as a TypeScript union (`HoprEndpoint`), from the same list: the JS
        /// shell adds it to the package's declarations (src/js/hopr_tokens.rs).
        #[cfg(all(feature = "js", target_arch = "wasm32"))]
        macro_rules! hopr_endpoint_type {
            () => {
                concat!(
                    "/** One of the 40 HOPR endpoint names a capability can grant. */\n",
                    "export type HoprEndpoint =",
                    $(" | \"", $name, "\"",)*
                    ";\n"
                )
            };
        }
        #[cfg(all(feature = "js", target_arch = "wasm32"))]
        pub(crate) use hopr_endpoint_type;
    };
}

endpoints![
    "tokensCreate",
    "tokensGetToken",
    "ticketsGetStatistics",
    "ticketsRedeemTickets",
    "ticketsGetTickets",
    "settingsGetSettings",
    "nodeGetVersion",
    "nodeGetPeers",
    "nodeGetMetrics",
    "nodeGetInfo",
    "nodeGetEntryNodes",
    "messagesWebsocket",
    "messagesGetSize",
    "messagesPopAllMessage",
    "messagesPopMessage",
    "messagesSendMessage",
    "messagesDeleteMessages",
    "channelsOpenChannel",
    "channelsGetChannels",
    "aliasesSetAlias",
    "aliasesGetAliases",
    "accountWithdraw",
    "accountGetBalances",
    "accountGetAddresses",
    "accountGetAddress",
    "tokensDelete",
    "settingsSetSetting",
    "peersPingPeer",
    "peerInfoGetPeerInfo",
    "channelsRedeemTickets",
    "channelsGetTickets",
    "channelsGetChannel",
    "channelsCloseChannel",
    "aliasesGetAlias",
    "aliasesRemoveAlias",
    "nodeStreamWebsocket",
    "nodePing",
    "messagesSign",
    "messageSign",
    "channelsFundChannels",
];

model! {
    /// `TokenCapabilityLimit_conditions`: the conditions of a limit (example:
    /// [`TokensCreateRequest`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct TokenCapabilityLimitConditions {
        /// Upper ceiling of calls (limit type `calls`).
        "max" max: Option<u64>,
        ..
    }

    /// `TokenCapabilityLimit`: one limit on a capability, plus the `used` counter real nodes
    /// report (examples: [`TokensCreateRequest`], [`Token`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct TokenCapabilityLimit {
        /// Limit type, e.g. `calls`.
        "type" kind: String,
        /// Limit conditions.
        "conditions" conditions: Option<TokenCapabilityLimitConditions>,
        /// Calls used so far: in answers of real nodes only (not in the spec, never sent).
        "used" used: Option<u64>,
        ..
    }

    /// `TokenCapability`: one endpoint a token may call, with optional limits (examples:
    /// [`TokensCreateRequest`], [`Token`]).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct TokenCapability {
        /// The operationId the capability grants: one of the 40 endpoint names (an answer may
        /// carry a name a newer node added; a request takes the 40 only).
        #[cfg_attr(feature = "js", tsify(type = "HoprEndpoint | (string & {})"))]
        "endpoint" endpoint: String,
        /// Limits on its use (at least one when given).
        "limits" limits: Option<Vec<TokenCapabilityLimit>>,
        ..
    }

    /// `Token`: the caller's own token (what
    /// [`HoprClient::get_token`](crate::hopr::HoprClient::get_token) resolves to). Every model
    /// reads and writes the spec's wire names; fields a newer node adds are kept in `extra`.
    ///
    /// ```
    /// use tokenops::hopr::Token;
    ///
    /// let token: Token = serde_json::from_str(r#"{
    ///     "id": "t1", "valid_until": 1767225600,
    ///     "capabilities": [{"endpoint": "tokensGetToken",
    ///                       "limits": [{"type": "calls", "conditions": {"max": 100}, "used": 7}]}]
    /// }"#).unwrap();
    /// let limit = &token.capabilities[0].limits.as_ref().unwrap()[0];
    /// assert_eq!((limit.kind.as_str(), limit.used), ("calls", Some(7)));
    /// assert_eq!(limit.conditions.as_ref().unwrap().max, Some(100));
    /// assert_eq!(token.description, None);
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct Token {
        /// Id of the token. On a HOPR node this is the token's secret value itself (hoprd keeps
        /// no other id), so treat it as a credential;
        /// [`HoprClient::delete_token`](crate::hopr::HoprClient::delete_token) takes it.
        "id" id: String,
        /// Description.
        "description" description: Option<String>,
        /// Seconds since the epoch until which the token is valid; absent for tokens without
        /// expiry.
        "valid_until" valid_until: Option<i64>,
        /// What the token may do.
        "capabilities" capabilities: Vec<TokenCapability>,
        ..
    }

    /// `tokensCreate_request`: what
    /// [`HoprClient::create_token`](crate::hopr::HoprClient::create_token) sends.
    ///
    /// ```
    /// use tokenops::hopr::{
    ///     TokenCapability, TokenCapabilityLimit, TokenCapabilityLimitConditions, TokensCreateRequest,
    /// };
    ///
    /// let request = TokensCreateRequest {
    ///     capabilities: vec![TokenCapability {
    ///         endpoint: "tokensGetToken".into(),
    ///         limits: Some(vec![TokenCapabilityLimit {
    ///             kind: "calls".into(),
    ///             conditions: Some(TokenCapabilityLimitConditions { max: Some(100), ..Default::default() }),
    ///             ..Default::default()
    ///         }]),
    ///         ..Default::default()
    ///     }],
    ///     lifetime: Some(3600),
    ///     description: None,
    /// };
    /// assert_eq!(
    ///     serde_json::to_string(&request).unwrap(),
    ///     r#"{"capabilities":[{"endpoint":"tokensGetToken","limits":[{"type":"calls","conditions":{"max":100}}]}],"lifetime":3600}"#
    /// );
    /// assert!(tokenops::hopr::requests::check_create_request(&request).is_ok());
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    #[serde(deny_unknown_fields)]
    pub struct TokensCreateRequest {
        /// What the new token may do (at least one). Without the superuser token, each must
        /// equal one of the caller's own.
        #[cfg_attr(feature = "js", tsify(type = "SentCapability[]"))]
        "capabilities" capabilities: Vec<TokenCapability>,
        /// Lifetime in seconds (at least 1); no expiry when absent.
        "lifetime" lifetime: Option<u64>,
        /// Description.
        "description" description: Option<String>,
    }

    /// `tokensCreate_201_response`: the new token's value, shown this once (example:
    /// [`HoprClient::create_token`](crate::hopr::HoprClient::create_token)).
    #[derive(Clone, Debug, Default, PartialEq, Serialize)]
    #[cfg_attr(feature = "js", derive(Tsify))]
    pub struct TokensCreate201Response {
        /// The token value to authenticate with.
        "token" token: String,
        ..
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn token_round_trips_the_spec_example() {
        let example = json!({
            "id": "someTOKENid1223",
            "description": "this is an interesting token",
            "capabilities": [{"endpoint": "tokensGetToken", "limits": [{"type": "calls", "conditions": {"max": 100}}]}]
        });
        let token: Token = serde_json::from_value(example.clone()).unwrap();
        assert_eq!(token.valid_until, None);
        assert_eq!(serde_json::to_value(&token).unwrap(), example);
    }

    #[test]
    fn token_keeps_used_valid_until_and_unknown_fields() {
        let body = json!({
            "id": "x",
            "valid_until": 1_900_000_000i64,
            "capabilities": [{"endpoint": "somethingNew", "limits": [{"type": "calls", "conditions": {"max": 3, "window": 60}, "used": 2}]}],
            "owner": "future field"
        });
        let token: Token = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(token.valid_until, Some(1_900_000_000));
        let limits = token.capabilities[0].limits.as_ref().unwrap();
        assert_eq!(limits[0].used, Some(2));
        assert_eq!(serde_json::to_value(&token).unwrap(), body);
    }

    #[test]
    fn create_request_refuses_unknown_fields() {
        let r: Result<TokensCreateRequest, _> =
            serde_json::from_value(json!({"capabilities": [], "lifetme": 5}));
        assert!(r.unwrap_err().to_string().contains("lifetme"));
    }

    #[test]
    fn endpoint_list_has_40_distinct_names() {
        let mut names = ENDPOINTS.to_vec();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 40);
    }
}
