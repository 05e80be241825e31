// Assembles pkg/ from the two wasm-bindgen outputs: entry files for Node (CJS + ESM wrapper) and
// browsers (ESM, initialises the wasm itself), ApiError in both module formats, one index.d.ts,
// and package.json + README from pkg-template/. Usage: node scripts/package.mjs <nodeOut> <webOut> <pkgDir>
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const [nodeOut, webOut, pkg] = process.argv.slice(2);
if (!nodeOut || !webOut || !pkg) {
  console.error("usage: node scripts/package.mjs <nodeOut> <webOut> <pkgDir>");
  process.exit(2);
}
const root = new URL("..", import.meta.url).pathname;
rmSync(pkg, { recursive: true, force: true });
mkdirSync(join(pkg, "node"), { recursive: true });
mkdirSync(join(pkg, "web"), { recursive: true });

// The public classes: every `exports.X =` of the Node glue except internal `__` names.
const nodeGlue = readFileSync(join(nodeOut, "tokenops.js"), "utf8");
const classes = [...nodeGlue.matchAll(/^exports\.(\w+) = /gm)]
  .map((m) => m[1])
  .filter((name) => !name.startsWith("__"));
if (classes.length === 0) throw new Error("no exports found in the Node glue");
const names = ["ApiError", ...classes];
const factory = "(init) => new ApiError(init)";
// Classes named *Iterator implement next()/return() in Rust; JS makes them async iterables.
const iterators = classes.filter((c) => c.endsWith("Iterator"));
const makeIterable = (ns) =>
  iterators.map((c) => `${ns}${c}.prototype[Symbol.asyncIterator] = function () { return this; };\n`).join("");

// Node: CommonJS glue + entry; the ESM entry re-exports the same instance.
copyFileSync(join(nodeOut, "tokenops.js"), join(pkg, "node", "tokenops.js"));
copyFileSync(join(nodeOut, "tokenops_bg.wasm"), join(pkg, "node", "tokenops_bg.wasm"));
writeFileSync(join(pkg, "node", "package.json"), '{ "type": "commonjs" }\n');
const apiErrorEsm = readFileSync(join(root, "src/js/api-error.js"), "utf8");
const apiErrorCjs =
  '"use strict";\n' + apiErrorEsm.replace(/^export class ApiError/m, "class ApiError") + "module.exports = { ApiError };\n";
writeFileSync(join(pkg, "node", "api-error.js"), apiErrorCjs);
writeFileSync(
  join(pkg, "node", "index.js"),
  `"use strict";
const wasm = require("./tokenops.js");
const { ApiError } = require("./api-error.js");
wasm.__setApiErrorFactory(${factory});
${makeIterable("wasm.")}module.exports = { ApiError, ${classes.map((c) => `${c}: wasm.${c}`).join(", ")} };
`,
);
writeFileSync(
  join(pkg, "node", "index.mjs"),
  `import entry from "./index.js";
export const { ${names.join(", ")} } = entry;
`,
);

// Browsers and bundlers: ESM, top-level await initialises the wasm next to this file.
copyFileSync(join(webOut, "tokenops.js"), join(pkg, "web", "tokenops.js"));
copyFileSync(join(webOut, "tokenops_bg.wasm"), join(pkg, "web", "tokenops_bg.wasm"));
writeFileSync(join(pkg, "web", "package.json"), '{ "type": "module" }\n');
copyFileSync(join(root, "src/js/api-error.js"), join(pkg, "web", "api-error.js"));
writeFileSync(
  join(pkg, "web", "index.js"),
  `import init, { __setApiErrorFactory, ${classes.join(", ")} } from "./tokenops.js";
import { ApiError } from "./api-error.js";
await init({ module_or_path: new URL("tokenops_bg.wasm", import.meta.url) });
__setApiErrorFactory(${factory});
${makeIterable("")}export { ${names.join(", ")} };
`,
);

// Types: the Node glue's declarations as wasm-bindgen wrote them (tsify's model declarations,
// the classes, the hand-written section of src/js/types.d.ts), plus the ApiError class.
const dts = readFileSync(join(nodeOut, "tokenops.d.ts"), "utf8") + readFileSync(join(root, "src/js/api-error.d.ts"), "utf8");
writeFileSync(join(pkg, "index.d.ts"), dts);

// package.json and README.
const template = JSON.parse(readFileSync(join(root, "pkg-template/package.json"), "utf8"));
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
template.version = /^version = "([^"]+)"/m.exec(cargo)?.[1] ?? template.version;
writeFileSync(join(pkg, "package.json"), JSON.stringify(template, null, 2) + "\n");
copyFileSync(join(root, "pkg-template/README.md"), join(pkg, "README.md"));
console.log(`pkg: ${names.join(", ")}`);
