//! HOPR token models with the spec's wire names (`valid_until`, `type`, `conditions.max`).
//!
//! Response types accept fields a newer node may add (kept in `extra`, passed through to JS) and
//! endpoint names this version does not know. Request types are strict: an unknown field is a
//! typo, refused before anything is sent.
//!
//! The wasm client does not decode answers into these types: it checks them with the matching
//! [`super::shapes`] table in one pass and lets the JS engine build the objects (far less code and
//! time). The response types stay as the typed form for Rust users of the crate and as the
//! reference the shapes are fuzzed against (`tests/fuzz.rs`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The 40 endpoint names of the spec's `TokenCapability.endpoint` enum.
pub const ENDPOINTS: [&str; 40] = [
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

/// `TokenCapabilityLimit_conditions`: limit conditions, if any.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenCapabilityLimitConditions {
    /// Upper ceiling; applies to limit type `calls`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TokenCapabilityLimit`, plus the `used` counter real nodes report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenCapabilityLimit {
    /// Limit type, e.g. `calls`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Limit conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<TokenCapabilityLimitConditions>,
    /// Calls used so far (not in the spec; sent by real nodes in GET /token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used: Option<u64>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TokenCapability`: one endpoint the token may call, with optional limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenCapability {
    /// The operationId the capability is tied to.
    pub endpoint: String,
    /// Limits on its use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Vec<TokenCapabilityLimit>>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `Token`: the full information of the caller's token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Unique ID of the token.
    pub id: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Seconds since epoch until which the token is valid; absent for unlimited tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<i64>,
    /// Capabilities of the token.
    pub capabilities: Vec<TokenCapability>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `tokensCreate_201_response`: the new token, shown this once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreatedToken {
    /// The token value to authenticate with.
    pub token: String,
}

/// Limit conditions in a create request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitConditionsInput {
    /// Upper ceiling of calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
}

/// A limit in a create request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitInput {
    /// Limit type, e.g. `calls`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<LimitConditionsInput>,
}

/// A capability in a create request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilityInput {
    /// One of [`ENDPOINTS`].
    pub endpoint: String,
    /// Limits (at least one when present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Vec<LimitInput>>,
}

/// `tokensCreate_request`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTokenRequest {
    /// Capabilities of the new token (at least one).
    pub capabilities: Vec<CapabilityInput>,
    /// Lifetime in seconds (at least 1); unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<u64>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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
        let r: Result<CreateTokenRequest, _> =
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
