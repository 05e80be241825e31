// esbuild entry: the same consumer code, bundled with the package.
import { run } from "./hopr.app.mjs";

const sandbox = new URLSearchParams(location.search).get("sandbox");
run(sandbox).then(
  (result) => (window.testResult = { ok: true, result }),
  (error) => (window.testResult = { ok: false, error: String(error) }),
);
