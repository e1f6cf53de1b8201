// Serves a folder of static files on loopback: `make demo` serves www/ with it, and
// tests/www starts it on a free port. Node's own http module, so it needs no install.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

// The browser refuses to stream-compile WASM or run modules served with another type.
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/** Starts serving `root` on `host:port` (0 picks a free port); resolves to the server. */
export function serve(root, { host = "127.0.0.1", port = 0 } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    let file;
    try {
      file = resolve(join(base, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    } catch {
      return send(res, 400, "bad request");
    }
    // Never answer for a file outside the served folder (`/../../etc/passwd`).
    if (file !== base && !file.startsWith(base + sep)) return send(res, 403, "forbidden");
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        // A rebuilt pkg/ must show on reload, not a cached older WASM.
        "cache-control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      send(res, 404, "not found");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

function send(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text + "\n");
}

// `node scripts/serve.mjs DIR [PORT]`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = "www", port = "8080"] = process.argv.slice(2);
  serve(dir, { port: Number(port) }).then(
    (server) => {
      const { address, port } = server.address();
      console.log(`Serving ${dir}/ on http://${address}:${port}/ (Ctrl-C stops)`);
    },
    (err) => {
      console.error(
        err.code === "EADDRINUSE"
          ? `Port ${port} is in use: stop what runs there, or pick another (make demo PORT=8081).`
          : `Cannot serve ${dir}/: ${err.message}`,
      );
      process.exit(1);
    },
  );
}
