// Assembles pkg/ from the wasm-bindgen outputs of scripts/build.sh:
// - web/: the combined browser entry (all three services), and web/<service>/ one entry per
//   service, each with its own wasm built with only that service; ESM, the wasm initialised by
//   the entry itself; one ApiError class (web/api-error.js) shared by all of them.
// - node/: CommonJS, one build per entry as in browsers: node/index.js over the combined wasm
//   (glue node/tokenops.js), node/<service>.js over its service's own (glue
//   node/tokenops-<service>.js), and .mjs wrappers over the same instances; one ApiError class
//   (node/api-error.js) shared by all of them. Each glue reads the browser's copy of its wasm (the
//   same bytes), so the package ships every wasm once.
// - index.d.ts (what wasm-bindgen writes for the combined build, plus the ApiError class) and
//   <service>.d.ts, which re-export from it; package.json and README from pkg-template/, the
//   license files.
// - cli/: the `tokenops` command, copied from cli/.
// - the emulator, `tokenops/sandbox`: web/sandbox/ (the browser entry, ESM: the wasm-bindgen web
//   glue of the emulator core, its wasm, sandbox/js/shell.mjs and web.mjs), node/sandbox.js (the
//   Node entry, CommonJS: sandbox/js/node.cjs, a CommonJS copy of shell.mjs and the Node glue,
//   which reads the browser wasm), node/sandbox.mjs, and sandbox.d.ts (the emulator models'
//   declarations tsify wrote, then sandbox/js/types.d.ts).
// Usage: node scripts/package.mjs <outDir> <pkgDir>
//   (outDir holds nodejs/, nodejs-<service>/, web/, web-<service>/, sandbox-nodejs/, sandbox-web/)
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, rmSync, readdirSync, chmodSync } from "node:fs";
import { join } from "node:path";

const [out, pkg] = process.argv.slice(2);
if (!out || !pkg) {
  console.error("usage: node scripts/package.mjs <outDir> <pkgDir>");
  process.exit(2);
}
const root = new URL("..", import.meta.url).pathname;
const SERVICES = { hopr: "HoprTokens", authlete: "AuthleteTokens", knetik: "KnetikTokens" };
rmSync(pkg, { recursive: true, force: true });
mkdirSync(join(pkg, "node"), { recursive: true });
mkdirSync(join(pkg, "web"), { recursive: true });

/** The public classes of a glue file: its `exports.X =` or `export class X`, without `__` names. */
function classesOf(glue) {
  const names = [...glue.matchAll(/^(?:exports\.(\w+) = |export class (\w+))/gm)].map((m) => m[1] ?? m[2]);
  return names.filter((name) => !name.startsWith("__"));
}
const factory = "(init) => new ApiError(init)";
// Classes named *Iterator implement next()/return() in Rust; JS makes them async iterables.
const makeIterable = (classes, ns) =>
  classes
    .filter((c) => c.endsWith("Iterator"))
    .map((c) => `${ns}${c}.prototype[Symbol.asyncIterator] = function () { return this; };\n`)
    .join("");

// ApiError, as ESM for browsers and as CommonJS for Node.
const apiErrorEsm = readFileSync(join(root, "src/js/api-error.js"), "utf8");
copyFileSync(join(root, "src/js/api-error.js"), join(pkg, "web", "api-error.js"));
writeFileSync(
  join(pkg, "node", "api-error.js"),
  '"use strict";\n' + apiErrorEsm.replace(/^export (class|function) /gm, "$1 ") + "module.exports = { ApiError, withCallerStacks };\n",
);

// Browsers and bundlers: one directory per wasm; top-level await initialises it next to the entry.
// A service entry exports ApiError and its client class, as in Node and its declarations; the
// combined one every class.
function webEntry(from, dir, apiErrorPath, service) {
  const glue = readFileSync(join(from, "tokenops.js"), "utf8");
  const classes = classesOf(glue);
  const exported = service ? [SERVICES[service]] : classes;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "tokenops.js"), glue);
  copyFileSync(join(from, "tokenops_bg.wasm"), join(dir, "tokenops_bg.wasm"));
  writeFileSync(
    join(dir, "index.js"),
    `import init, { __setApiErrorFactory, ${classes.join(", ")} } from "./tokenops.js";
import { ApiError, withCallerStacks } from "${apiErrorPath}";
await init({ module_or_path: new URL("tokenops_bg.wasm", import.meta.url) });
__setApiErrorFactory(${factory});
${makeIterable(classes, "")}withCallerStacks(${classes.join(", ")});
export { ApiError, ${exported.join(", ")} };
`,
  );
  return classes;
}
writeFileSync(join(pkg, "web", "package.json"), '{ "type": "module" }\n');
const combined = webEntry(join(out, "web"), join(pkg, "web"), "./api-error.js");
for (const service of Object.keys(SERVICES)) {
  webEntry(join(out, `web-${service}`), join(pkg, "web", service), "../api-error.js", service);
}

// Node: CommonJS, one wasm-bindgen glue per wasm, as in browsers: `tokenops` over the combined
// wasm, each service entry over its service's own, so an entry instantiates only what it exports
// (cold start). Each glue reads the browser's copy of its wasm (the same bytes: shipped once).
// ApiError stays one class (node/api-error.js) for every entry.
const wasmLine = "const wasmPath = `${__dirname}/tokenops_bg.wasm`;";
/** Writes node/<file> (a wasm-bindgen glue reading `web/<webDir>tokenops_bg.wasm`); returns its classes. */
function nodeGlue(from, webDir, file) {
  const glue = readFileSync(join(from, "tokenops.js"), "utf8");
  if (!glue.includes(wasmLine)) throw new Error(`${from}: the Node glue no longer reads its wasm as expected`);
  if (!readFileSync(join(from, "tokenops_bg.wasm")).equals(readFileSync(join(pkg, "web", webDir, "tokenops_bg.wasm")))) {
    throw new Error(`${from}: the Node and browser wasm differ; the package can no longer ship one of them`);
  }
  writeFileSync(join(pkg, "node", file), glue.replace(wasmLine, `const wasmPath = \`\${__dirname}/../web/${webDir}tokenops_bg.wasm\`;`));
  return classesOf(glue);
}
/** Writes node/<name>.js over a glue (ApiError wired, iterators iterable) and its .mjs twin. */
function nodeEntry(name, glueFile, classes, exported) {
  const missing = exported.filter((c) => !classes.includes(c));
  if (missing.length) throw new Error(`node/${glueFile} exports no ${missing.join(", ")}`);
  writeFileSync(
    join(pkg, "node", `${name}.js`),
    `"use strict";
const wasm = require("./${glueFile}");
const { ApiError, withCallerStacks } = require("./api-error.js");
wasm.__setApiErrorFactory(${factory});
${makeIterable(classes, "wasm.")}withCallerStacks(${classes.map((c) => `wasm.${c}`).join(", ")});
module.exports = { ApiError, ${exported.map((c) => `${c}: wasm.${c}`).join(", ")} };
`,
  );
  writeFileSync(
    join(pkg, "node", `${name}.mjs`),
    `import entry from "./${name}.js";
export const { ${["ApiError", ...exported].join(", ")} } = entry;
`,
  );
}
writeFileSync(join(pkg, "node", "package.json"), '{ "type": "commonjs" }\n');
const nodeClasses = nodeGlue(join(out, "nodejs"), "", "tokenops.js");
nodeEntry("index", "tokenops.js", nodeClasses, nodeClasses);
for (const [service, cls] of Object.entries(SERVICES)) {
  const glueFile = `tokenops-${service}.js`;
  nodeEntry(service, glueFile, nodeGlue(join(out, `nodejs-${service}`), `${service}/`, glueFile), [cls]);
}

/**
 * The Rust docs that tsify and wasm-bindgen copy into the declarations, made for TypeScript
 * readers: a fenced block of a doc comment (a Rust example, with the blank doc line before it)
 * is left out, and a rustdoc link (`[`X`](crate::a::X)`, `[`X`]`) becomes its code text.
 */
function forTypeScript(text) {
  const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  const names = "(Hopr|Authlete|Knetik)";
  const code = String.raw`(?:\s*\*?\s*\x60[^\x60]+\x60,?)+`;
  return text
    .replace(/^([ \t]*)\*\n(?=\1\* ```)/gm, "")
    .replace(/^([ \t]*)\* ```[\w,]*\n(?:\1\*.*\n)*?\1\* ```\n/gm, "")
    .replace(/\[(`[^`\]]+`)\]\((?:crate|super|self)::[\w:]+\)/g, "$1")
    .replace(/\[(`[^`\]]+`)\](?![(\[])/g, "$1")
    // The examples these point to are Rust's, left out above.
    .replace(new RegExp(String.raw`(?:\n[ \t]*\*)? ?\(examples?(?::${code}| there)\)`, "g"), "")
    .replace(new RegExp(String.raw`; examples?:${code}`, "g"), "")
    // The typed Rust API's names as the JS API spells them (`describe` is named as Rust's).
    .replace(new RegExp(String.raw`\x60${names}Client::(?!describe\x60)(\w+)\x60`, "g"), (_, s, m) => `\`${s}Tokens.${camel(m)}\``)
    .replace(new RegExp(String.raw`\x60${names}Config::(\w+)\x60`, "g"), (_, s, f) => `\`${s}TokensOptions.${camel(f)}\``)
    .replace(new RegExp(String.raw`\x60${names}Config\x60`, "g"), "`$1TokensOptions`");
}

// Types: what wasm-bindgen wrote for the combined build (tsify's model declarations, the classes,
// the hand-written section of src/js/types.d.ts) plus the ApiError class; each service entry
// re-exports its class and ApiError, and every type.
// `.d.mts` twins tell TypeScript what `import` gives (ESM: named exports, no default), so that
// node16/nodenext ESM consumers see the package as Node runs it.
const dts = forTypeScript(readFileSync(join(out, "nodejs", "tokenops.d.ts"), "utf8")) + readFileSync(join(root, "src/js/api-error.d.ts"), "utf8");
writeFileSync(join(pkg, "index.d.ts"), dts);
writeFileSync(join(pkg, "index.d.mts"), `// What \`import ... from "tokenops"\` gives: the named exports of index.d.ts.\nexport * from "./index.js";\n`);
for (const [service, cls] of Object.entries(SERVICES)) {
  const entry = `// The ${service} entry: its client class and ApiError; every type of the package.
export { ${cls}, ApiError } from "./index.js";
export type * from "./index.js";
`;
  writeFileSync(join(pkg, `${service}.d.ts`), entry);
  writeFileSync(join(pkg, `${service}.d.mts`), entry);
}

// The emulator: `tokenops/sandbox`.
{
  const web = join(pkg, "web", "sandbox");
  mkdirSync(web, { recursive: true });
  const from = join(out, "sandbox-web");
  copyFileSync(join(from, "tokenops_sandbox.js"), join(web, "tokenops_sandbox.js"));
  copyFileSync(join(from, "tokenops_sandbox_bg.wasm"), join(web, "tokenops_sandbox_bg.wasm"));
  const shell = readFileSync(join(root, "sandbox/js/shell.mjs"), "utf8");
  writeFileSync(join(web, "shell.js"), shell);
  copyFileSync(join(root, "sandbox/js/web.mjs"), join(web, "index.js"));

  const nodeFrom = join(out, "sandbox-nodejs");
  if (!readFileSync(join(nodeFrom, "tokenops_sandbox_bg.wasm")).equals(readFileSync(join(from, "tokenops_sandbox_bg.wasm")))) {
    throw new Error("the emulator's Node and browser wasm differ; the package can no longer ship one of them");
  }
  const glue = readFileSync(join(nodeFrom, "tokenops_sandbox.js"), "utf8");
  const line = "const wasmPath = `${__dirname}/tokenops_sandbox_bg.wasm`;";
  if (!glue.includes(line)) throw new Error("the emulator's Node glue no longer reads its wasm as expected");
  writeFileSync(join(pkg, "node", "sandbox-core.js"), glue.replace(line, "const wasmPath = `${__dirname}/../web/sandbox/tokenops_sandbox_bg.wasm`;"));
  // The shell as CommonJS: it imports nothing and exports only declarations.
  const exported = [...shell.matchAll(/^export (?:async )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]);
  if (/^export (?!(?:async )?(?:function|class|const) )/m.test(shell)) throw new Error("sandbox/js/shell.mjs: an export this script cannot turn into CommonJS");
  writeFileSync(
    join(pkg, "node", "sandbox-shell.js"),
    '"use strict";\n' + shell.replace(/^export /gm, "") + `module.exports = { ${exported.join(", ")} };\n`,
  );
  copyFileSync(join(root, "sandbox/js/node.cjs"), join(pkg, "node", "sandbox.js"));
  writeFileSync(join(pkg, "node", "sandbox.mjs"), 'import entry from "./sandbox.js";\nexport const { startSandbox, createSandbox } = entry;\n');

  // Types: the models (everything tsify wrote before wasm-bindgen's own classes and functions).
  const generated = readFileSync(join(nodeFrom, "tokenops_sandbox.d.ts"), "utf8");
  const models = generated.slice(0, generated.search(/^export (class|function) /m));
  if (!/export interface Fault\b/.test(models)) throw new Error("the emulator's declarations have no Fault");
  const types = `// The \`tokenops/sandbox\` entry: the emulator of the three services, for tests.\n${models}${readFileSync(join(root, "sandbox/js/types.d.ts"), "utf8")}`;
  writeFileSync(join(pkg, "sandbox.d.ts"), types);
  writeFileSync(join(pkg, "sandbox.d.mts"), `// What \`import ... from "tokenops/sandbox"\` gives: the named exports of sandbox.d.ts.\nexport * from "./sandbox.js";\n`);
}

// package.json, README and the license texts.
const template = JSON.parse(readFileSync(join(root, "pkg-template/package.json"), "utf8"));
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
template.version = /^version = "([^"]+)"/m.exec(cargo)?.[1] ?? template.version;
writeFileSync(join(pkg, "package.json"), JSON.stringify(template, null, 2) + "\n");
copyFileSync(join(root, "pkg-template/README.md"), join(pkg, "README.md"));
for (const license of ["LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(join(root, license), join(pkg, license));

// The `tokenops` command (cli/, plain Node ESM over node/<service>.mjs).
mkdirSync(join(pkg, "cli"), { recursive: true });
for (const file of readdirSync(join(root, "cli"))) copyFileSync(join(root, "cli", file), join(pkg, "cli", file));
chmodSync(join(pkg, "cli", "tokenops.mjs"), 0o755);
console.log(`pkg: ${["ApiError", ...combined].join(", ")}; entries ${["tokenops", ...Object.keys(SERVICES).map((s) => `tokenops/${s}`), "tokenops/sandbox"].join(", ")}`);
