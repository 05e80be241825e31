// Watches the size of the wasm linear memory of the package, for the soak and the benchmark,
// without any hook in the published package: it wraps `WebAssembly.Instance` so the instance the
// Node glue creates is seen. Call `watchWasmMemory()` before the package is loaded.
let memory = null;

export function watchWasmMemory() {
  const Original = WebAssembly.Instance;
  if (Original.__tokenopsWatched) return;
  function Instance(module, imports) {
    const instance = new Original(module, imports);
    if (instance.exports.memory instanceof WebAssembly.Memory) memory = instance.exports.memory;
    return instance;
  }
  Instance.prototype = Original.prototype;
  Instance.__tokenopsWatched = true;
  WebAssembly.Instance = Instance;
}

/** The wasm linear memory in bytes (0 before the package is loaded). */
export function wasmMemoryBytes() {
  return memory ? memory.buffer.byteLength : 0;
}
