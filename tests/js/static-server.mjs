// A static file server on a loopback port for the page tests, as any static host would serve a
// built page: URL prefix -> folder, `index.html` for a path ending in `/`, no `..`.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join, extname } from "node:path";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

/** Serves `dirs` (URL prefix -> folder); resolves to `{ origin, close }`. */
export async function serveStatic(dirs) {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, "http://x");
    for (const [prefix, dir] of Object.entries(dirs)) {
      if (pathname.startsWith(prefix) && !pathname.includes("..")) {
        const rest = pathname.slice(prefix.length);
        const file = join(dir, rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest);
        try {
          const body = await readFile(file);
          res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
          return res.end(body);
        } catch {
          break;
        }
      }
    }
    res.writeHead(404).end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    // Drops the browser's idle keep-alive connections too, so closing never waits on them.
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }),
  };
}
