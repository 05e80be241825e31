//! HOPR token models, named after the spec's schemas, with its wire names (`valid_until`,
//! `type`, `conditions.max`). These structs are the one description of each model: serde reads
//! and writes them (answers with the build's JSON codec, JS values with serde-wasm-bindgen) and
//! tsify derives their TypeScript declarations. The models that keep unknown fields are read
//! through [`crate::deserialize_keeping_extra!`] rather than a derived `Deserialize` (smaller
//! wasm; `crate::core::wire::read_object` says why); the compiler holds its field lists to the
//! structs, and the round-trip tests below to the wire names.
//!
//! The spec uses `TokenCapability` both in the create request and in `Token`, so one struct
//! serves both. Fields a newer node adds are kept in `extra` and passed on; in a request they
//! are refused before anything is sent ([`super::requests::check_create_request`]), as are
//! unknown fields of `TokensCreateRequest` itself (`deny_unknown_fields`).

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::core::wire::Extra;

macro_rules! endpoints {
    ($($name:literal),* $(,)?) => {
        /// The 40 endpoint names of the spec's `TokenCapability.endpoint` enum, in its order.
        pub const ENDPOINTS: [&str; 40] = [$($name),*];

        /// The same names as a TypeScript union (`HoprEndpoint`), from the same list.
        #[cfg(target_arch = "wasm32")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const HOPR_ENDPOINT_TYPE: &str = concat!(
            "/** One of the 40 HOPR endpoint names a capability can grant. */\n",
            "export type HoprEndpoint =",
            $(" | \"", $name, "\"",)*
            ";\n"
        );
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

/// `TokenCapabilityLimit_conditions`: the conditions of a limit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
pub struct TokenCapabilityLimitConditions {
    /// Upper ceiling of calls (limit type `calls`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `TokenCapabilityLimit`: one limit on a capability, plus the `used` counter real nodes report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
pub struct TokenCapabilityLimit {
    /// Limit type, e.g. `calls`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Limit conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<TokenCapabilityLimitConditions>,
    /// Calls used so far: in answers of real nodes only (not in the spec, never sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used: Option<u64>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `TokenCapability`: one endpoint a token may call, with optional limits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
pub struct TokenCapability {
    /// The operationId the capability grants: one of the 40 endpoint names (an answer may carry a
    /// name a newer node added).
    #[tsify(type = "HoprEndpoint")]
    pub endpoint: String,
    /// Limits on its use (at least one when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Vec<TokenCapabilityLimit>>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `Token`: the caller's own token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
pub struct Token {
    /// Id of the token. On a HOPR node this is the token's secret value itself (hoprd keeps no
    /// other id), so treat it as a credential; `delete_token` takes it.
    pub id: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Seconds since the epoch until which the token is valid; absent for tokens without expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<i64>,
    /// What the token may do.
    pub capabilities: Vec<TokenCapability>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// `tokensCreate_request`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct TokensCreateRequest {
    /// What the new token may do (at least one). Without the superuser token, each must equal
    /// one of the caller's own.
    pub capabilities: Vec<TokenCapability>,
    /// Lifetime in seconds (at least 1); no expiry when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<u64>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `tokensCreate_201_response`: the new token's value, shown this once.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
pub struct TokensCreate201Response {
    /// The token value to authenticate with.
    pub token: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

// `Deserialize` of the models that keep unknown fields (see `read_object` for why not derived).
crate::deserialize_keeping_extra!(TokenCapabilityLimitConditions {
    "max" => max opt,
});
crate::deserialize_keeping_extra!(TokenCapabilityLimit {
    "type" => kind req,
    "conditions" => conditions opt,
    "used" => used opt,
});
crate::deserialize_keeping_extra!(TokenCapability {
    "endpoint" => endpoint req,
    "limits" => limits opt,
});
crate::deserialize_keeping_extra!(Token {
    "id" => id req,
    "description" => description opt,
    "valid_until" => valid_until opt,
    "capabilities" => capabilities req,
});
crate::deserialize_keeping_extra!(TokensCreate201Response {
    "token" => token req,
});

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
