// Authlete token operations, v2 and v3. Run: node examples/authlete.mjs http://127.0.0.1:8787
import { AuthleteTokens } from "tokenops";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:8787";
const v2 = new AuthleteTokens({ baseUrl, apiKey: "sandbox-key", apiSecret: "sandbox-secret" });
const v3 = new AuthleteTokens({ baseUrl, serviceId: "715948317", accessToken: "sandbox-service-token" });

const created = await v2.create({ grantType: "PASSWORD", clientId: 1001, subject: "carol", scopes: ["openid"] });
console.log(`created a token for ${created.subject}, expires ${new Date(Number(created.expiresAt)).toISOString()}`);

await v3.update({ accessToken: created.accessToken, scopes: ["openid", "email"] }, { contentType: "form" });

const page = await v3.list({ subject: "carol", start: 0, end: 5 });
console.log(`carol has ${page.totalCount} token(s); hash ${page.accessTokens[0].accessTokenHash}`);

let alice = 0;
for await (const token of v2.listAll({ subject: "alice", pageSize: 2 })) alice += token.scopes.length > 0 ? 1 : 0;
console.log(`alice has ${alice} token(s)`);

const { count } = await v2.revokeAll({ subject: "carol" });
console.log(`revoked ${count} token(s)`);

// int64 precision: a client id above 2^53 travels as a BigInt.
const big = await v3.create({ grantType: "CLIENT_CREDENTIALS", clientId: 9007199254740993n });
console.log(`big client id: ${big.clientId} (${typeof big.clientId})`);
await v3.delete(big.accessToken);
