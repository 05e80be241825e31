// Knetik Cloud auth tokens with OAuth2. Run: node examples/knetik.mjs http://127.0.0.1:8787
import { KnetikTokens, ApiError } from "tokenops";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:8787";
// client_credentials grant; the client fetches, caches and refreshes the OAuth token itself.
const admin = new KnetikTokens({ baseUrl, clientId: "admin-client", clientSecret: "admin-secret" });

const page = await admin.getTokens({ size: 10, page: 1, order: "username:ASC" });
console.log(`${page.total_elements} token(s): ${page.content.map((t) => `${t.username ?? "-"}@${t.client_id}`).join(", ")}`);

const one = await admin.getToken("alice", "web");
console.log(`alice's token on web starts with ${one.token.slice(0, 6)}…`);

let seen = 0;
for await (const _ of admin.listAll({ filterClientId: "web-app", pageSize: 1 })) seen++;
console.log(`web-app has ${seen} token(s)`);

await admin.deleteTokens({ username: "jdoe", clientId: "web-app" });

// password grant: alice lacks TOKENS_ADMIN.
const alice = new KnetikTokens({ baseUrl, clientId: "web", username: "alice", password: "alice-pass" });
try {
  await alice.getTokens();
} catch (err) {
  if (!(err instanceof ApiError)) throw err;
  console.log(`alice: ${err.kind} ${err.status} ${err.message}`);
}
