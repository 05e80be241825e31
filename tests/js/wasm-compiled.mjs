// Which wasm a child process compiles: loaded before anything else, this records the SHA-256 of
// every wasm module compiled from bytes (`new WebAssembly.Module`, `compile`, `instantiate`) and,
// when the process exits, writes them to stderr as one line, `wasm-compiled: ["<sha256>", ...]`
// (assertions.mjs `compiledWasm` names them). Two ways to start it:
//   node --import <this file> <program> [args]        before a program (the `tokenops` command)
//   <node | deno run -A | bun> <this file> <specifier>  imports, then requires, a package entry
// Not a test file: the suites start it in a child process.
import { createHash } from "node:crypto";
import { writeSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const hashes = [];
function record(source) {
  const bytes = ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source);
  hashes.push(createHash("sha256").update(bytes).digest("hex"));
}
const { Module, compile, instantiate } = WebAssembly;
WebAssembly.Module = new Proxy(Module, {
  construct(target, args, newTarget) {
    record(args[0]);
    return Reflect.construct(target, args, newTarget);
  },
});
WebAssembly.compile = (source, ...rest) => {
  record(source);
  return compile(source, ...rest);
};
// instantiate(module) compiles nothing: only its bytes form is recorded.
WebAssembly.instantiate = (source, ...rest) => {
  if (!(source instanceof Module)) record(source);
  return instantiate(source, ...rest);
};
process.on("exit", () => writeSync(2, `wasm-compiled: ${JSON.stringify(hashes)}\n`));

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const specifier = process.argv[2];
  await import(specifier);
  createRequire(import.meta.url)(specifier);
}
