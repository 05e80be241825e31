// Builds tests/bundlers/app with each bundler, configured as its README recipe says (the lines
// marked "recipe" are the ones README "Bundlers" documents; everything else is what the bundler
// needs for any page), into <out>/<bundler>/.
// Usage: node build.mjs <out> [bundler ...]; exports BUNDLERS, `build(name, out)` and
// `devServer(vite)`.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { mkdir, copyFile, rm } from "node:fs/promises";

const here = fileURLToPath(new URL(".", import.meta.url));
const app = join(here, "app");

export const BUNDLERS = {
  async vite(outDir) {
    const { build } = await import("vite");
    await build({ root: app, logLevel: "silent", build: { outDir, emptyOutDir: true } });
  },
  async vite7(outDir) {
    const { build } = await import("vite7");
    await build({ root: app, logLevel: "silent", build: { outDir, emptyOutDir: true } });
  },
  async vite6(outDir) {
    const { build } = await import("vite6");
    // recipe (Vite 6): a target with top-level await
    await build({ root: app, logLevel: "silent", build: { outDir, emptyOutDir: true, target: "es2022" } });
  },
  async webpack(outDir) {
    const { default: webpack } = await import("webpack");
    const config = {
      mode: "production",
      context: here,
      entry: join(app, "main.js"),
      output: { path: outDir, filename: "main.js", clean: true },
    };
    const stats = await new Promise((resolve, reject) => webpack(config, (err, s) => (err ? reject(err) : resolve(s))));
    if (stats.hasErrors()) throw new Error(stats.toString("errors-only"));
    await copyFile(join(app, "index.html"), join(outDir, "index.html"));
  },
  async rollup(outDir) {
    const { rollup } = await import("rollup");
    const { nodeResolve } = await import("@rollup/plugin-node-resolve");
    const { importMetaAssets } = await import("@web/rollup-plugin-import-meta-assets");
    const bundle = await rollup({
      input: join(app, "main.js"),
      plugins: [nodeResolve({ browser: true }), importMetaAssets()], // recipe: importMetaAssets()
      onwarn: () => {},
    });
    await bundle.write({ dir: outDir, format: "es" });
    await copyFile(join(app, "index.html"), join(outDir, "index.html"));
  },
  async esbuild(outDir) {
    const esbuild = await import("esbuild");
    await esbuild.build({
      entryPoints: [join(app, "main.js")],
      bundle: true,
      minify: true,
      format: "esm", // recipe
      outdir: outDir,
      absWorkingDir: here,
      logLevel: "silent",
    });
    // recipe: the wasm beside the bundle
    await copyFile(join(here, "node_modules/tokenops/web/tokenops_bg.wasm"), join(outDir, "tokenops_bg.wasm"));
    await copyFile(join(app, "index.html"), join(outDir, "index.html"));
  },
};

export async function build(name, out) {
  const outDir = join(out, name);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await BUNDLERS[name](outDir);
  return outDir;
}

/** A dev server of `vite` (8), `vite7` or `vite6` on the app, on a free loopback port; resolves to
 * { url, close }. */
export async function devServer(vite) {
  const { createServer } = await import(vite);
  const server = await createServer({
    root: app,
    cacheDir: join(here, "node_modules/.vite", vite),
    logLevel: "silent",
    server: { host: "127.0.0.1", port: 0 },
    // Vite 8 needs nothing; Vite 6 and 7 pre-bundle the entry away from its .wasm.
    ...(vite === "vite" ? {} : { optimizeDeps: { exclude: ["tokenops"] } }), // recipe (Vite 6/7)
  });
  await server.listen();
  const address = server.httpServer.address();
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, ...names] = process.argv.slice(2);
  for (const name of names.length ? names : Object.keys(BUNDLERS)) console.log(name, await build(name, out));
}
