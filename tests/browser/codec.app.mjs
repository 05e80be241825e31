// What the JSON codec decides, for each service the loaded entry has: unknown fields kept at every
// depth, integers beyond 2^53 exact (BigInt), nesting too deep refused as a decode error with the
// client still working, error bodies, and the exact body text a dry run shows. The
// `tokenops/hopr` and `tokenops/knetik` browser builds parse JSON with the engine, the combined
// build with serde_json inside the wasm: tests/js/json-codec.test.mjs runs this on each entry in
// Chromium and requires the same result.
import * as tokenops from "tokenops";

const BIG = "9007199254740993"; // 2^53 + 1: a JS number would read 9007199254740992

async function control(sandboxUrl, path, body) {
  const res = await fetch(sandboxUrl + path, { method: "POST", headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
}

/** A value safe to hand back to Node: BigInts as `123n` text, errors as their public fields. */
function plain(value) {
  if (value instanceof tokenops.ApiError) {
    const { kind, status, code, body } = value;
    return { error: { kind, status, code, body: plain(body), message: value.message } };
  }
  return JSON.parse(JSON.stringify(value ?? null, (_, v) => (typeof v === "bigint" ? `${v}n` : v)));
}

async function outcome(call) {
  try {
    return plain(await call());
  } catch (e) {
    return plain(e);
  }
}

const deep = (n) => "[".repeat(n) + "]".repeat(n);
const depth = (v) => (Array.isArray(v) ? 1 + Math.max(0, ...v.map(depth)) : 0);

async function hopr(sandboxUrl) {
  const path = "/api/v3/token";
  const client = new tokenops.HoprTokens({ baseUrl: sandboxUrl, apiToken: "hopr-demo-token", retry: false });
  const answer = async (body, status = 200) => {
    await control(sandboxUrl, "/_sandbox/faults", { path, status, body });
    return outcome(() => client.getToken());
  };
  const capability = '{"endpoint":"tokensGetToken","limits":[{"type":"calls","conditions":{"max":5,"window":{"unit":"h","n":[1,2.5]}},"used":1,"note":null}],"since":"v4"}';
  return {
    extras: await answer(`{"id":"t","description":"d\\u00e9\\"\\n","capabilities":[${capability}],"valid_until":1700000000,"big":${BIG},"neg":-${BIG},"float":1.5e300,"tiny":-0.000001,"nested":{"a":[true,null,"x",{"b":[]}]}}`),
    bigTyped: await answer(`{"id":"t","capabilities":[],"valid_until":${BIG}}`),
    bom: await answer(`\ufeff{"id":"t","capabilities":[]}`),
    deepExtra: await answer(`{"id":"t","capabilities":[],"x":${deep(5000)}}`),
    atTheLimit: await answer(`{"id":"t","capabilities":[],"x":${deep(126)}}`).then((t) => ({ ...t, x: depth(t.x) })),
    overTheLimit: await answer(`{"id":"t","capabilities":[],"x":${deep(127)}}`),
    syntax: await answer(`{"id":"t","capabilities":[]`),
    trailing: await answer(`{"id":"t","capabilities":[]} x`),
    wrongType: await answer(`{"id":7,"capabilities":[]}`),
    missing: await answer(`{"capabilities":[]}`),
    errorBody: await answer(`{"status":"INVALID","error":"bad \\"thing\\"","detail":{"n":${BIG},"deep":${deep(3)}}}`, 400),
    deepErrorBody: await answer(`{"status":"X","error":${deep(5000)}}`, 400),
    recovered: await outcome(() => client.getToken()),
    dryRun: await outcome(() =>
      client.createToken({ capabilities: [{ endpoint: "tokensGetToken", limits: [{ type: "calls", conditions: { max: 3 } }] }], lifetime: 60, description: 'q"\\ \u0001 é 😀 \u2028 </script>' }, { dryRun: true }),
    ),
    tooLong: await outcome(() => client.createToken({ capabilities: [{ endpoint: "tokensGetToken" }], lifetime: 2n ** 53n }, { dryRun: true })),
  };
}

async function knetik(sandboxUrl) {
  const client = new tokenops.KnetikTokens({ baseUrl: sandboxUrl, clientId: "admin-client", clientSecret: "admin-secret", retry: false });
  await client.getTokens({ size: 1 }); // the OAuth token first, so the faults below hit the list
  const page = async (body) => {
    await control(sandboxUrl, "/_sandbox/faults", { path: "/auth/tokens", status: 200, body });
    return outcome(() => client.getTokens({ size: 1 }));
  };
  const token = async (expiresIn) => {
    await control(sandboxUrl, "/_sandbox/reset");
    const fresh = new tokenops.KnetikTokens({ baseUrl: sandboxUrl, clientId: "admin-client", clientSecret: "admin-secret", retry: false });
    await control(sandboxUrl, "/_sandbox/faults", { path: "/oauth/token", status: 200, body: `{"access_token":"kt-${expiresIn.length}","token_type":"bearer","expires_in":${expiresIn}}` });
    return outcome(() => fresh.getTokens({ size: 1 }).then((p) => p.total_elements !== undefined));
  };
  return {
    bigTotal: await page(`{"content":[{"token":"a","client_id":"c","username":"u","expires":${BIG},"x":{"y":[${BIG}]}}],"total_elements":${BIG},"number":0}`),
    deep: await page(`{"content":[],"total_elements":0,"x":${deep(5000)}}`),
    expiresText: await token('"3600"'),
    expiresNumber: await token("3600"),
    expiresJunk: await token('"soon"'),
  };
}

export async function run(sandboxUrl) {
  const out = {};
  if (tokenops.HoprTokens) out.hopr = await hopr(sandboxUrl);
  if (tokenops.KnetikTokens) out.knetik = await knetik(sandboxUrl);
  await control(sandboxUrl, "/_sandbox/reset");
  return out;
}

/** What must hold whichever codec decoded (executed in Node). */
export function check(r, assert) {
  if (r.hopr) {
    const h = r.hopr;
    assert.equal(h.extras.big, `${BIG}n`);
    assert.equal(h.extras.neg, `-${BIG}n`);
    assert.equal(h.extras.float, 1.5e300);
    assert.deepEqual(h.extras.nested, { a: [true, null, "x", { b: [] }] });
    assert.equal(h.extras.description, 'dé"\n');
    assert.deepEqual(h.extras.capabilities[0].limits[0].conditions.window, { unit: "h", n: [1, 2.5] });
    assert.equal(h.extras.capabilities[0].since, "v4");
    // Typed `number` in the HOPR declarations (no node sends a time beyond 2^53 s): refused.
    assert.equal(h.bigTyped.error.kind, "decode");
    assert.equal(h.bom.id, "t");
    for (const name of ["deepExtra", "overTheLimit", "syntax", "trailing", "wrongType", "missing"]) {
      assert.equal(h[name].error?.kind, "decode", name);
      assert.equal(h[name].error.status, 200, name);
    }
    assert.match(h.deepExtra.error.message, /deeper than 127/);
    assert.deepEqual(h.atTheLimit, { id: "t", capabilities: [], x: 126 });
    assert.equal(h.errorBody.error.code, "INVALID");
    assert.equal(h.errorBody.error.body.detail.n, `${BIG}n`);
    assert.equal(h.deepErrorBody.error.status, 400);
    assert.equal(h.recovered.id, "hopr-demo-token");
    assert.equal(JSON.parse(h.dryRun.body).description, 'q"\\ \u0001 é 😀 \u2028 </script>');
    assert.equal(h.tooLong.error.kind, "invalid_argument");
  }
  if (r.knetik) {
    const k = r.knetik;
    assert.equal(k.bigTotal.total_elements, `${BIG}n`);
    assert.equal(k.bigTotal.content[0].x.y[0], `${BIG}n`);
    assert.equal(k.deep.error.kind, "decode");
    assert.equal(k.expiresText, true);
    assert.equal(k.expiresNumber, true);
  }
}
