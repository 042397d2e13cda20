// A tiny static server for dist/, as any static host would serve it: at / and also
// under the sub-path /cobro/ (to prove the build works from a sub-path). With --compress
// (the benchmark's Lighthouse runs), text and wasm go out brotli- or gzip-compressed as the
// browser accepts, as a real host sends them (compressed once per file and kept).
// Test hook (only in this server, never in the app): the same build is also mounted at
// /bump/, where POST /__bump-sw makes sw.js a new version, to exercise the "update
// available" prompt without disturbing tests that use the other mounts.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), [])
);
const root = resolve(args.dir ?? 'dist');
const port = Number(args.port ?? 4173);
const MOUNTS = ['/cobro', '/bump'];
const COMPRESS = process.argv.includes('--compress');
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg']);
const packed = new Map();
/** `body` compressed as `encoding` ('br' or 'gzip'), computed once per file and build. */
function compressed(file, body, encoding) {
  const key = `${encoding} ${file} ${body.length}`;
  if (!packed.has(key)) {
    packed.set(
      key,
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body, { level: 9 })
    );
  }
  return packed.get(key);
}
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
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (COMPRESS && COMPRESSIBLE.has(extname(file))) {
      const accepted = String(req.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
      headers.vary = 'accept-encoding';
      if (encoding) {
        body = compressed(file, body, encoding);
        headers['content-encoding'] = encoding;
      }
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
server.listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/ (also under ${MOUNTS.join(', ')})`));
