
/** One of the 40 HOPR endpoint names a capability can grant. */
export type HoprEndpoint =
  | "tokensCreate" | "tokensGetToken" | "ticketsGetStatistics" | "ticketsRedeemTickets"
  | "ticketsGetTickets" | "settingsGetSettings" | "nodeGetVersion" | "nodeGetPeers"
  | "nodeGetMetrics" | "nodeGetInfo" | "nodeGetEntryNodes" | "messagesWebsocket"
  | "messagesGetSize" | "messagesPopAllMessage" | "messagesPopMessage" | "messagesSendMessage"
  | "messagesDeleteMessages" | "channelsOpenChannel" | "channelsGetChannels" | "aliasesSetAlias"
  | "aliasesGetAliases" | "accountWithdraw" | "accountGetBalances" | "accountGetAddresses"
  | "accountGetAddress" | "tokensDelete" | "settingsSetSetting" | "peersPingPeer"
  | "peerInfoGetPeerInfo" | "channelsRedeemTickets" | "channelsGetTickets" | "channelsGetChannel"
  | "channelsCloseChannel" | "aliasesGetAlias" | "aliasesRemoveAlias" | "nodeStreamWebsocket"
  | "nodePing" | "messagesSign" | "messageSign" | "channelsFundChannels";

/** Options of `new HoprTokens()`. */
export interface HoprTokensOptions extends ClientOptions {
  /** The node's API token. Never shown in errors, `toString` or `JSON.stringify`. */
  apiToken: string;
  /** `"header"` (default): `x-auth-token`; `"basic"`: HTTP Basic with the token as user name. */
  authScheme?: "header" | "basic";
}

/** `TokenCapabilityLimit_conditions`. */
export interface TokenCapabilityLimitConditions {
  /** Upper ceiling of calls. */
  max?: number;
  [extra: string]: unknown;
}

/** `TokenCapabilityLimit`, plus the `used` counter real nodes report. */
export interface TokenCapabilityLimit {
  type: string;
  conditions?: TokenCapabilityLimitConditions;
  /** Calls used so far (real nodes add it; not in the spec). */
  used?: number;
  [extra: string]: unknown;
}

/** `TokenCapability`. */
export interface TokenCapability {
  /** A {@link HoprEndpoint}, or a name a newer node added. */
  endpoint: HoprEndpoint | (string & {});
  limits?: TokenCapabilityLimit[];
  [extra: string]: unknown;
}

/** `Token`: the caller's own token. */
export interface Token {
  id: string;
  description?: string;
  /** Seconds since the epoch; absent for tokens without expiry. */
  valid_until?: number;
  capabilities: TokenCapability[];
  [extra: string]: unknown;
}

/** A capability in a create request. */
export interface TokenCapabilityInput {
  endpoint: HoprEndpoint;
  /** At least one when given. */
  limits?: { type: string; conditions?: { max?: number } }[];
}

/** `tokensCreate_request`. */
export interface CreateTokenRequest {
  /** At least one. Without the superuser token, each must equal one of the caller's own. */
  capabilities: TokenCapabilityInput[];
  /** Seconds (>= 1); unlimited when absent. */
  lifetime?: number;
  description?: string;
}

/** `tokensCreate_201_response`: the new token, shown this once. */
export interface CreatedToken {
  token: string;
}

/** What `JSON.stringify(hoprTokens)` gives. */
export interface HoprTokensDescription {
  provider: "hopr";
  baseUrl: string;
  authScheme: "header" | "basic";
  timeoutMs: number;
}
