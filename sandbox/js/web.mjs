// The browser (and bundler) entry of `tokenops/sandbox`: `createSandbox`, the emulator in the
// page, answering through its own `fetch`. `startSandbox` needs Node's http server: here it
// rejects, saying so.
import init, * as wasm from "./tokenops_sandbox.js";
import { createShell } from "./shell.js";

await init({ module_or_path: new URL("tokenops_sandbox_bg.wasm", import.meta.url) });

export const { createSandbox } = createShell(wasm);

/** Not available in browsers: use `createSandbox` (or run `tokenops sandbox` and give its URL). */
export async function startSandbox() {
  throw new Error("startSandbox needs Node (it listens on a port); in a browser use createSandbox(), or run `tokenops sandbox` beside the tests and give its URL");
}
