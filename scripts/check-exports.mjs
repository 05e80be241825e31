// Keeps the JS shell behind the cargo feature `js` (README "The Rust API"): a Rust app that links
// tokenops with its default features must get no export of ours.
//
//   node scripts/check-exports.mjs sources
//     Every `#[wasm_bindgen]` attribute in src/ outside src/js/ (the shell, a module compiled only
//     with `js`) sits on or inside an `extern "C"` import block (a binding of a JS function the
//     typed API calls, as js-sys has them; imports add nothing to an app's exports or .d.ts);
//     every tsify derive or attribute outside src/js/ is a `cfg_attr(feature = "js", ...)`; and
//     src/lib.rs declares `pub mod js` under `feature = "js"`.
//   node scripts/check-exports.mjs dts <app .d.ts> <package dir>
//     The .d.ts that wasm-bindgen wrote for a Rust app built on tokenops names nothing the
//     package declares (its classes, interfaces and types, read from the package's .d.ts files).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function rustFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? rustFiles(join(dir, e.name)) : e.name.endsWith(".rs") ? [join(dir, e.name)] : []);
}

/** Problems in the sources, as `path:line: what`. */
export function checkSources(srcDir = join(root, "src")) {
  const problems = [];
  const shell = join(srcDir, "js");
  for (const file of rustFiles(srcDir).filter((f) => !f.startsWith(shell + "/"))) {
    const rel = relative(root, file);
    const lines = readFileSync(file, "utf8").split("\n");
    const code = (l) => !/^\s*(\/\/|$)/.test(l);
    let importDepth = 0; // > 0 inside an `extern "C" { ... }` block
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!code(line)) continue;
      if (importDepth > 0) {
        importDepth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
        continue;
      }
      if (/^\s*(pub(\([^)]*\))?\s+)?(unsafe\s+)?extern\s+"C"\s*\{/.test(line)) {
        importDepth = (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
        continue;
      }
      if (/#\[.*\bwasm_bindgen\s*[\](]/.test(line)) {
        // The attribute must belong to the import block that follows it.
        let j = i + 1;
        while (j < lines.length && (!code(lines[j]) || /^\s*#\[/.test(lines[j]))) j++;
        if (!/^\s*(pub(\([^)]*\))?\s+)?(unsafe\s+)?extern\s+"C"\s*\{/.test(lines[j] ?? "")) {
          problems.push(`${rel}:${i + 1}: a #[wasm_bindgen] item outside src/js (only an extern "C" import block may be): ${line.trim()}`);
        }
      }
      if (/\bTsify\b|#\[tsify\b/.test(line) && !/^\s*use tsify::Tsify;/.test(line) && !/cfg_attr\(\s*feature = "js",/.test(line)) {
        problems.push(`${rel}:${i + 1}: tsify outside #[cfg_attr(feature = "js", ...)]: ${line.trim()}`);
      }
      if (/^\s*use tsify::Tsify;/.test(line) && !/#\[cfg\(feature = "js"\)\]/.test(lines[i - 1] ?? "")) {
        problems.push(`${rel}:${i + 1}: \`use tsify::Tsify\` without #[cfg(feature = "js")]`);
      }
    }
  }
  const lib = readFileSync(join(srcDir, "lib.rs"), "utf8").split("\n");
  const at = lib.findIndex((l) => /^\s*pub mod js;/.test(l));
  if (at < 0 || !/^#\[cfg\(.*feature = "js".*\)\]$/.test(lib[at - 1] ?? "")) {
    problems.push(`src/lib.rs: \`pub mod js;\` must be declared under #[cfg(... feature = "js" ...)]`);
  }
  return problems;
}

/** The names a .d.ts declares (`export class X`, `interface X`, `type X`, ...). */
export function declaredNames(text) {
  return [...text.matchAll(/^\s*(?:export\s+)?(?:declare\s+)?(?:class|interface|type|function|const|enum)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
}

/** Names of ours that the app's .d.ts mentions. */
export function checkAppDts(appDts, pkgDir) {
  const ours = new Set();
  for (const f of readdirSync(pkgDir).filter((f) => f.endsWith(".d.ts"))) {
    for (const name of declaredNames(readFileSync(join(pkgDir, f), "utf8"))) ours.add(name);
  }
  for (const generic of ["InitInput", "InitOutput", "SyncInitInput", "initSync", "default"]) ours.delete(generic); // wasm-bindgen's own
  if (ours.size < 20) throw new Error(`only ${ours.size} names found in ${pkgDir}/*.d.ts: is the package built?`);
  const text = readFileSync(appDts, "utf8");
  return [...ours].filter((name) => new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`).test(text));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === "sources") {
    const problems = checkSources();
    for (const p of problems) console.error(p);
    if (problems.length) process.exit(1);
    console.log("[check-exports] no #[wasm_bindgen] export and no tsify declaration outside the js feature");
  } else if (mode === "dts" && args.length === 2) {
    const found = checkAppDts(args[0], args[1]);
    if (found.length) {
      console.error(`[check-exports] ${args[0]} names what tokenops declares: ${found.join(", ")}`);
      process.exit(1);
    }
    console.log(`[check-exports] ${relative(process.cwd(), args[0])} names nothing of tokenops`);
  } else {
    console.error("usage: node scripts/check-exports.mjs sources | dts <app .d.ts> <package dir>");
    process.exit(2);
  }
}
