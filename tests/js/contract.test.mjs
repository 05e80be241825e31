// The contract suite, client side: every operation of the three clients (the packed package)
// against `prism mock` of the providers' own OpenAPI documents (../shared/specs), through a
// recording proxy. A request fails when Prism lists a violation, when it carries a query name or
// a body field (at any depth) that the document does not declare, when its content type or path
// is not the document's, or when what reached the wire differs from what the caller passed. Then
// the answers: Prism's static answer of each operation (its examples, schema-level ones
// included), every documented example, and Prism's generated answers (fixed seed), must be
// accepted, unless tests/contract/exemptions.json lists the case with its reason.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { HoprTokens, AuthleteTokens, KnetikTokens } from "tokenops";
import { Spec, hoprUnderApiV3 } from "../contract/openapi.mjs";
import { startPrism, startRecorder } from "../contract/prism.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const specs = join(root, "../shared/specs");
const EXEMPTIONS = JSON.parse(readFileSync(join(root, "tests/contract/exemptions.json"), "utf8")).exemptions;
/** Generated answers asked of Prism per operation (its faker runs from a fixed seed). */
const GENERATED = 1;

const HOPR_CAPS = [{ endpoint: "tokensGetToken", limits: [{ type: "calls", conditions: { max: 10 } }] }];

/**
 * The documents and, for each operationId, the calls that exercise it: `[label, call(baseUrl),
 * expected wire form]`. `wire` is what the caller passed, as the document names it: path
 * parameters, query pairs, a JSON body or form pairs.
 */
const DOCUMENTS = {
  hopr: {
    file: () => hoprUnderApiV3(join(specs, "hoprd-v3-tokens.yaml"), join(root, "build/contract")),
    calls: {
      tokensCreate: [
        ["x-auth-token", (url) => hopr(url).createToken({ capabilities: HOPR_CAPS, lifetime: 600, description: "contract" }), { json: { capabilities: HOPR_CAPS, lifetime: 600, description: "contract" } }],
        ["basic", (url) => hopr(url, "basic").createToken({ capabilities: [{ endpoint: "nodePing" }] }), { json: { capabilities: [{ endpoint: "nodePing" }] } }],
      ],
      tokensGetToken: [
        ["x-auth-token", (url) => hopr(url).getToken(), {}],
        ["basic", (url) => hopr(url, "basic").getToken(), {}],
      ],
      tokensDelete: [["id with a slash", (url) => hopr(url).deleteToken("a/b c"), { params: { id: "a/b c" } }]],
    },
  },
  authleteV2: {
    file: () => join(specs, "authlete-v2-token-operations.yaml"),
    calls: authleteCalls((url) => new AuthleteTokens({ baseUrl: url, apiKey: "contract-key", apiSecret: "contract-secret", retry: false })),
  },
  authleteV3: {
    file: () => join(specs, "authlete-v3-token-operations.yaml"),
    calls: authleteCalls((url) => new AuthleteTokens({ baseUrl: url, serviceId: "715948317", accessToken: "contract-token", retry: false }), { serviceId: "715948317" }),
  },
  knetik: {
    file: () => join(specs, "knetik-auth-tokens.yaml"),
    calls: {
      getTokens: [
        ["client_credentials", (url) => knetik(url).getTokens({ filterClientId: "web", filterUsername: "a b", size: 5, page: 2, order: "username:ASC" }), { query: { filter_client_id: "web", filter_username: "a b", size: "5", page: "2", order: "username:ASC" } }],
        ["password grant", (url) => knetik(url, "password").getTokens(), { query: {} }],
      ],
      getToken: [["", (url) => knetik(url, "token").getToken("jdoe", "web-app"), { params: { username: "jdoe", client_id: "web-app" } }]],
      deleteTokens: [["", (url) => knetik(url, "token").deleteTokens({ username: "jdoe", clientId: "web-app" }), { query: { username: "jdoe", client_id: "web-app" } }]],
      getOAuthToken: [
        ["client_credentials", (url) => knetik(url).getToken("jdoe", "web-app"), { form: { grant_type: "client_credentials", client_id: "admin-client", client_secret: "contract-secret" } }],
        ["password", (url) => knetik(url, "password").getToken("jdoe", "web-app"), { form: { grant_type: "password", client_id: "web", username: "root", password: "contract-pass" } }],
      ],
    },
  },
};

function hopr(url, authScheme = "header") {
  return new HoprTokens({ baseUrl: url, apiToken: "contract-token", authScheme, retry: false });
}

function knetik(url, grant = "client_credentials") {
  const credentials = {
    client_credentials: { clientId: "admin-client", clientSecret: "contract-secret" },
    password: { clientId: "web", username: "root", password: "contract-pass" },
    token: { accessToken: "contract-bearer" },
  }[grant];
  return new KnetikTokens({ baseUrl: url, retry: false, ...credentials });
}

function stringValues(o) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
}

function authleteCalls(make, params = {}) {
  const create = { grantType: "CLIENT_CREDENTIALS", clientId: 26888344961664, subject: "john", accessTokenDuration: 3600 };
  const update = { accessToken: "Z5a40U6dWvw2gMoCOAFbZcM85q4HC0Z", accessTokenExpiresAt: 1640995200000, accessTokenPersistent: false };
  return {
    auth_token_create_api: [
      ["JSON", (url) => make(url).create({ ...create, scopes: ["history.read", "timeline.read"] }), { params, json: { ...create, scopes: ["history.read", "timeline.read"] } }],
      ["form", (url) => make(url).create(create, { contentType: "form" }), { params, form: stringValues(create) }],
    ],
    auth_token_update_api: [
      ["JSON", (url) => make(url).update({ ...update, scopes: ["history.read"] }), { params, json: { ...update, scopes: ["history.read"] } }],
      ["form", (url) => make(url).update(update, { contentType: "form" }), { params, form: stringValues(update) }],
    ],
    auth_token_revoke_api: [
      ["JSON", (url) => make(url).revoke({ clientIdentifier: "26888344961664", subject: "john" }), { params, json: { clientIdentifier: "26888344961664", subject: "john" } }],
      ["form", (url) => make(url).revoke({ accessTokenIdentifier: "Z5a40U6dWvw2" }, { contentType: "form" }), { params, form: { accessTokenIdentifier: "Z5a40U6dWvw2" } }],
    ],
    auth_token_delete_api: [["", (url) => make(url).delete("Z5a40U6d/Wvw2"), { params: { ...params, accessTokenIdentifier: "Z5a40U6d/Wvw2" } }]],
    auth_token_get_list_api: [
      ["filters", (url) => make(url).list({ clientIdentifier: "26888344961664", subject: "john", start: 0, end: 5, tokenStatus: "VALID" }), { params, query: { clientIdentifier: "26888344961664", subject: "john", start: "0", end: "5", tokenStatus: "VALID" } }],
      ["no filter", (url) => make(url).list(), { params, query: {} }],
    ],
  };
}


/** An answer with `action` (when it has one) set to OK. */
function actionOk(_entry, text) {
  try {
    const body = JSON.parse(text);
    if (body && typeof body === "object" && "action" in body) return JSON.stringify({ ...body, action: "OK" });
  } catch {
    // not JSON: unchanged
  }
  return text;
}

function exempt(doc, operationId, answer) {
  return EXEMPTIONS.find((e) => e.document === doc && e.operationId === operationId && e.answer === answer);
}

/** The problems of one recorded request against the document and the caller's values. */
function requestProblems(spec, entry, operationId, wire) {
  const where = `${entry.method} ${entry.path}`;
  const op = spec.operation(entry.method, entry.path);
  if (!op) return [`${where}: no path of the document matches`];
  const problems = [];
  if (op.operation.operationId !== operationId) problems.push(`${where}: is ${op.operation.operationId}, expected ${operationId}`);
  for (const v of entry.violations) problems.push(`${where}: Prism: ${v.location?.join(".") ?? ""} ${v.message}`);
  const query = new URLSearchParams(entry.query);
  const declared = new Set(spec.parameters(op, "query").map((p) => p.name));
  for (const name of new Set(query.keys())) if (!declared.has(name)) problems.push(`${where}: query name ${name} is not declared`);
  const contentType = entry.headers["content-type"]?.split(";")[0];
  let body;
  if (entry.body) {
    const schema = spec.bodySchema(op, contentType);
    if (!schema) problems.push(`${where}: content type ${contentType} is not declared`);
    body = contentType === "application/json" ? JSON.parse(entry.body) : Object.fromEntries(new URLSearchParams(entry.body));
    for (const path of schema ? spec.undeclared(body, schema) : []) problems.push(`${where}: body field ${path} is not declared`);
  }
  if (!operationId || !wire) return problems;
  for (const [name, value] of Object.entries(wire.params ?? {})) {
    if (op.params[name] !== value) problems.push(`${where}: path parameter ${name} is ${op.params[name]}, the caller passed ${value}`);
  }
  if (wire.query) {
    const sent = Object.fromEntries(query);
    try {
      assert.deepEqual(sent, wire.query);
    } catch {
      problems.push(`${where}: query ${JSON.stringify(sent)}, the caller passed ${JSON.stringify(wire.query)}`);
    }
  }
  for (const [kind, expected] of [["json", wire.json], ["form", wire.form]]) {
    if (expected === undefined) continue;
    try {
      assert.deepEqual(body, expected);
    } catch {
      problems.push(`${where}: ${kind} body ${JSON.stringify(body)}, the caller passed ${JSON.stringify(expected)}`);
    }
  }
  return problems;
}

for (const [doc, { file, calls }] of Object.entries(DOCUMENTS)) describe(doc, () => {
  let spec;
  let prism;
  let recorder;
  before(async () => {
    const path = file();
    spec = new Spec(path);
    prism = await startPrism(path);
    recorder = await startRecorder(prism.url);
  });
  after(async () => {
    await recorder?.stop();
    await prism?.stop();
  });

  test(`${doc}: every request conforms to the document and carries what the caller passed`, async () => {
    const problems = [];
    for (const [operationId, cases] of Object.entries(calls)) {
      for (const [label, call, wire] of cases) {
        recorder.take();
        await call(recorder.url).catch(() => {}); // the answers are checked below
        const exchanges = recorder.take();
        const mine = exchanges.filter((e) => spec.operation(e.method, e.path)?.operation.operationId === operationId);
        if (mine.length === 0) problems.push(`${operationId} ${label}: no request reached ${operationId} (${exchanges.map((e) => `${e.method} ${e.path}`).join(", ")})`);
        for (const e of exchanges) {
          const own = spec.operation(e.method, e.path)?.operation.operationId === operationId;
          problems.push(...requestProblems(spec, e, own ? operationId : spec.operation(e.method, e.path)?.operation.operationId, own ? wire : null).map((p) => `${operationId} ${label}: ${p}`));
        }
      }
    }
    const unexpected = problems.filter((p) => !EXEMPTIONS.some((e) => e.document === doc && e.request && p.includes(e.request)));
    assert.deepEqual(unexpected, [], unexpected.join("\n"));
  });

  test(`${doc}: the client accepts every documented example and Prism's generated answers`, async (t) => {
    const refused = [];
    let checked = 0;
    const answers = [
      ...Object.keys(calls).map((operationId) => ({ operationId, answer: "static", status: spec.successStatus(operationId), prefer: `code=${spec.successStatus(operationId)}` })),
      ...spec.examples().map((x) => ({ ...x, answer: x.name === null ? "example" : `example:${x.name}`, prefer: `code=${x.status}${x.name === null ? "" : `, example=${x.name}`}` })),
      ...Object.keys(calls).flatMap((operationId) => Array.from({ length: GENERATED }, (_, i) => ({ operationId, answer: "generated", run: i, prefer: "dynamic=true" }))),
    ];
    for (const a of answers) {
      const cases = calls[a.operationId];
      if (!cases) continue; // an operation of the document that tokenops does not offer
      const [label, call] = cases[0];
      // Only the answers of this operation are chosen; the others (a Knetik token) stay static.
      recorder.prefer = null;
      const prefer = a.prefer;
      recorder.preferFor = (path, method) => (spec.operation(method, path)?.operation.operationId === a.operationId ? prefer : null);
      // A generated Authlete answer draws `action` from its enum; anything but OK means the
      // operation did not happen (README "Authlete"), so the rest of the answer is checked with OK.
      recorder.rewrite = a.answer === "generated" ? actionOk : null;
      const error = await call(recorder.url).then(() => null, (e) => e);
      recorder.preferFor = null;
      recorder.rewrite = null;
      const exchanges = recorder.take();
      const answered = exchanges.find((e) => spec.operation(e.method, e.path)?.operation.operationId === a.operationId);
      assert.ok(answered, `${a.operationId} ${a.answer}: the call did not reach the operation`);
      if (a.status !== undefined) assert.equal(answered.status, a.status, `${a.operationId} ${a.answer}: Prism did not give the example`);
      checked++;
      if (error && !exempt(doc, a.operationId, a.answer)) {
        refused.push(`${a.operationId} (${label}) ${a.answer}${a.run === undefined ? "" : ` #${a.run}`}: ${error.kind} ${error.message} [status ${answered?.status}]`);
      }
    }
    assert.deepEqual(refused, [], refused.join("\n"));
    assert.ok(checked >= Object.keys(calls).length, `${checked} answers checked`);
    t.diagnostic(`${doc}: ${checked} answers checked (${answers.filter((a) => a.answer.startsWith("example")).length} documented examples)`);
  });
});
