// The admin console: one section per provider, each built by its own module. The modules are
// imported here, not statically, so that a package that cannot load (its wasm missing, say)
// shows why instead of leaving "Loading…" on the page.
const main = document.getElementById("sections");
try {
  const modules = await Promise.all([import("./hopr.js"), import("./authlete.js"), import("./knetik.js")]);
  const sections = [modules[0].hoprSection, modules[1].authleteSection, modules[2].knetikSection];
  main.replaceChildren(...sections.map((make) => make()));
} catch (err) {
  const boot = document.getElementById("boot");
  boot.className = "error-panel";
  boot.setAttribute("role", "alert");
  boot.textContent = `The tokenops package could not be loaded from /pkg/ (${err?.message ?? err}). Build it (bash scripts/build.sh) or start the sandbox with --pkg pointing at it.`;
}
