// The command's escaping of terminal controls (cli/terminal.mjs, and toJson, through which every
// JSON and NDJSON line goes), as installed from the packed package, on random strings from a
// seeded generator weighted towards the characters that matter: C0, DEL, C1, bidi overrides and
// isolates, backslashes, lone surrogates. The end-to-end runs are in cli.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";

const cli = new URL("../node_modules/tokenops/cli/", import.meta.url);
const { escapeControls } = await import(new URL("terminal.mjs", cli));
const { toJson } = await import(new URL("values.mjs", cli));

const ITERATIONS = 20_000;

/** mulberry32: a small seeded PRNG, so a failure repeats. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Code point ranges to draw from, each equally likely. */
const RANGES = [
  [0x00, 0x1f],
  [0x7f, 0xa0],
  [0x2028, 0x2030],
  [0x2064, 0x206a],
  [0x20, 0x7e],
  [0x5c, 0x5c], // backslash
  [0x75, 0x75], // u
  [0xa1, 0xffff], // the rest of the BMP, lone surrogates included
  [0x10000, 0x10ffff],
];

function randomString(next) {
  const length = Math.floor(next() * 24);
  let s = "";
  for (let i = 0; i < length; i++) {
    const [lo, hi] = RANGES[Math.floor(next() * RANGES.length)];
    s += String.fromCodePoint(lo + Math.floor(next() * (hi - lo + 1)));
  }
  return s;
}

/** The characters no output may hold raw, by code point (not by the module's own pattern). */
function isControl(cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}
const rawControl = (text) => [...text].find((c) => isControl(c.codePointAt(0)));

/** Reads escapeControls' output back (exact for text without a backslash of its own). */
const unescape = (text) => text.replace(/\\(u[0-9a-f]{4}|[nrt])/g, (_, e) => ({ n: "\n", r: "\r", t: "\t" })[e] ?? String.fromCharCode(parseInt(e.slice(1), 16)));

test("escapeControls: no raw control character; text without one comes out unchanged; without a backslash it reads back", () => {
  const next = random(24);
  for (let i = 0; i < ITERATIONS; i++) {
    const s = randomString(next);
    const shown = escapeControls(s);
    assert.equal(rawControl(shown), undefined, `${JSON.stringify(s)} -> ${JSON.stringify(shown)}`);
    if (rawControl(s) === undefined) assert.equal(shown, s);
    if (!s.includes("\\")) assert.equal(unescape(shown), s, JSON.stringify(s));
  }
  assert.equal(escapeControls("a\u001b[2J\r\n\t\u009b\u202e\u2069\u007f"), String.raw`a\u001b[2J\r\n\t\u009b\u202e\u2069\u007f`);
});

test("toJson: no raw control character, and JSON.parse reads back the same value", () => {
  const next = random(2021_25743);
  for (let i = 0; i < ITERATIONS; i++) {
    const s = randomString(next);
    const value = { [`k${s}`]: [s, { s }], n: 9007199254740993n };
    const text = toJson(value);
    assert.equal(rawControl(text), undefined, `${JSON.stringify(s)} -> ${text}`);
    const back = JSON.parse(text.replace("9007199254740993", '"big"'));
    assert.deepEqual(back, { [`k${s}`]: [s, { s }], n: "big" }, JSON.stringify(s));
    assert.ok(text.endsWith('"n":9007199254740993}'), text);
  }
});
