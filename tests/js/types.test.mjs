// `tsc --strict` on consumer files that use the public types of the installed package, and on
// misuse files whose lines marked `// expect-error` must each be refused (and no other line).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** What `tsc -p tests/types/<project>` printed ("" when it compiled). */
function tsc(project) {
  try {
    execFileSync(`${root}/node_modules/.bin/tsc`, ["-p", `${root}/tests/types/${project}`], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (e) {
    return `${e.stdout}${e.stderr}` || "failed";
  }
}

/** The 1-based lines of `tests/types/<file>` marked `// expect-error`. */
function expectedErrors(file) {
  return readFileSync(`${root}/tests/types/${file}`, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.includes("// expect-error") ? [i + 1] : []));
}

/** The lines of `name` (a file name) on which `output` reports an error. */
function reportedErrors(output, name) {
  const escaped = name.replace(/[.]/g, "\\.");
  return [...new Set([...output.matchAll(new RegExp(`${escaped}\\((\\d+),\\d+\\): error`, "g"))].map((m) => Number(m[1])))];
}

test("a consumer compiles under tsc --strict, and misuse does not", () => {
  assert.equal(tsc("tsconfig.json"), "");
  const misuse = tsc("tsconfig.misuse.json");
  const expected = expectedErrors("misuse.ts");
  assert.ok(expected.length >= 7);
  assert.deepEqual(reportedErrors(misuse, "misuse.ts"), expected, misuse);
});

test("each service entry gives only its own class as a value", () => {
  const output = tsc("tsconfig.misuse-entries.json");
  const expected = expectedErrors("misuse-entries.ts");
  assert.equal(expected.length, 2);
  assert.deepEqual(reportedErrors(output, "misuse-entries.ts"), expected, output);
});

test("under module node16 the types agree with what Node runs: named exports in ESM and CJS, no default", () => {
  const output = tsc("node16/tsconfig.json");
  const expected = expectedErrors("node16/misuse.mts");
  const errors = [...output.matchAll(/^(.+?)\((\d+),\d+\): error/gm)].map((m) => `${m[1].split("/").pop()}:${m[2]}`);
  assert.deepEqual(errors, expected.map((line) => `misuse.mts:${line}`), output);
});

test("tokenops/sandbox and the fetch option type-check, and misuse does not", () => {
  const output = tsc("tsconfig.misuse-sandbox.json");
  const expected = expectedErrors("misuse-sandbox.ts");
  assert.equal(expected.length, 5);
  assert.deepEqual(reportedErrors(output, "misuse-sandbox.ts"), expected, output);
});

test("each client class is documented in the declarations as prose", () => {
  const dts = readFileSync(`${root}/tests/node_modules/tokenops/index.d.ts`, "utf8");
  for (const cls of ["HoprTokens", "AuthleteTokens", "KnetikTokens"]) {
    const before = dts.slice(0, dts.indexOf(`export class ${cls} {`));
    const doc = before.slice(before.lastIndexOf("/**"));
    assert.match(doc, /^\/\*\*\n \* Client for the /, `${cls}: ${doc}`);
  }
});

test("the declarations' docs are for TypeScript readers: no Rust example, no rustdoc link", () => {
  for (const file of ["index.d.ts", "sandbox.d.ts"]) {
    const dts = readFileSync(`${root}/tests/node_modules/tokenops/${file}`, "utf8");
    assert.doesNotMatch(dts, /^\s*\* ```/m, `${file}: a fenced block`);
    assert.doesNotMatch(dts, /\]\((crate|super|self)::/, `${file}: a rustdoc link`);
    assert.doesNotMatch(dts, /assert(_eq)?!\(|\bunwrap\(\)/, `${file}: Rust code`);
    assert.doesNotMatch(dts, /\(examples?[: ]/, `${file}: a pointer to a Rust example`);
  }
  // The typed Rust API's names read as the JS API's, but where the text says it means Rust.
  const dts = readFileSync(`${root}/tests/node_modules/tokenops/index.d.ts`, "utf8");
  const rust = [...dts.matchAll(/`(?:Hopr|Authlete|Knetik)(?:Client|Config)\b[^`]*`/g)].map((m) => m[0]);
  assert.deepEqual([...new Set(rust)].sort(), ["`AuthleteClient::describe`", "`HoprClient::describe`", "`KnetikClient::describe`"]);
  assert.match(dts, /How the API token is sent \(`HoprTokensOptions\.authScheme`\)/);
  assert.match(dts, /what\s+\*\s+`HoprTokens\.getToken` resolves to/);
  assert.doesNotMatch(dts, /`(base_url|api_token|get_token|delete_token|create_token)`/);
});
