// A tiny static server for dist/, as any static host would serve it: at / and also
// under the sub-path /cobro/ (to prove the build works from a sub-path).
// Test hook (only in this server, never in the app): the same build is also mounted at
// /bump/, where POST /__bump-sw makes sw.js a new version, to exercise the "update
// available" prompt without disturbing tests that use the other mounts.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), [])
);
const root = resolve(args.dir ?? 'dist');
const port = Number(args.port ?? 4173);
const MOUNTS = ['/cobro', '/bump'];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};
let swBump = 0;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'POST' && url.pathname === '/__bump-sw') {
    swBump += 1;
    // The new version's number: the cache it will be named after.
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(swBump));
    return;
  }
  let path = decodeURIComponent(url.pathname);
  const mount = MOUNTS.find((m) => path === m || path.startsWith(`${m}/`)) ?? '';
  if (mount && path === mount) {
    res.writeHead(301, { location: `${mount}/` }).end();
    return;
  }
  path = path.slice(mount.length);
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    let body = await readFile(file);
    if (mount === '/bump' && path === '/sw.js' && swBump > 0) {
      // A new cache name = a new build, as a real deployment would produce.
      body = Buffer.from(body.toString('utf8').replace(/const CACHE = '([^']+)'/, `const CACHE = '$1-bump${swBump}'`));
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
server.listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/ (also under ${MOUNTS.join(', ')})`));
