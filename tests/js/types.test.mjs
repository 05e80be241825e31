// `tsc --strict` on a consumer file that uses the public types of the installed package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

test("a consumer compiles under tsc --strict, and misuse does not", () => {
  const tsc = `${root}/node_modules/.bin/tsc`;
  const run = (file) => {
    try {
      execFileSync(tsc, ["-p", `${root}/tests/types/${file}`], { encoding: "utf8", stdio: "pipe" });
      return "";
    } catch (e) {
      return `${e.stdout}${e.stderr}` || "failed";
    }
  };
  assert.equal(run("tsconfig.json"), "");
  const misuse = run("tsconfig.misuse.json");
  const expected = readFileSync(`${root}/tests/types/misuse.ts`, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.includes("// expect-error") ? [i + 1] : []));
  const reported = [...new Set([...misuse.matchAll(/misuse\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])))];
  assert.ok(expected.length >= 7);
  assert.deepEqual(reported, expected, misuse);
});

test("each service entry gives only its own class as a value", () => {
  const tsc = `${root}/node_modules/.bin/tsc`;
  let output = "";
  try {
    execFileSync(tsc, ["-p", `${root}/tests/types/tsconfig.misuse-entries.json`], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    output = `${e.stdout}${e.stderr}` || "failed";
  }
  const expected = readFileSync(`${root}/tests/types/misuse-entries.ts`, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.includes("// expect-error") ? [i + 1] : []));
  const reported = [...new Set([...output.matchAll(/misuse-entries\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])))];
  assert.equal(expected.length, 2);
  assert.deepEqual(reported, expected, output);
});

test("under module node16 the types agree with what Node runs: named exports in ESM and CJS, no default", () => {
  const tsc = `${root}/node_modules/.bin/tsc`;
  let output = "";
  try {
    execFileSync(tsc, ["-p", `${root}/tests/types/node16/tsconfig.json`], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    output = `${e.stdout}${e.stderr}` || "failed";
  }
  const expected = readFileSync(`${root}/tests/types/node16/misuse.mts`, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.includes("// expect-error") ? [i + 1] : []));
  const errors = [...output.matchAll(/^(.+?)\((\d+),\d+\): error/gm)].map((m) => `${m[1].split("/").pop()}:${m[2]}`);
  assert.deepEqual(errors, expected.map((line) => `misuse.mts:${line}`), output);
});

test("tokenops/sandbox and the fetch option type-check, and misuse does not", () => {
  const tsc = `${root}/node_modules/.bin/tsc`;
  let output = "";
  try {
    execFileSync(tsc, ["-p", `${root}/tests/types/tsconfig.misuse-sandbox.json`], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    output = `${e.stdout}${e.stderr}` || "failed";
  }
  const expected = readFileSync(`${root}/tests/types/misuse-sandbox.ts`, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.includes("// expect-error") ? [i + 1] : []));
  const reported = [...new Set([...output.matchAll(/misuse-sandbox\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])))];
  assert.equal(expected.length, 5);
  assert.deepEqual(reported, expected, output);
});
