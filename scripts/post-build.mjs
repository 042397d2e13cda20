// Trunk post_build hook: runs in the staging directory before it becomes dist/.
//
// 0. Splits the page's module: the screens loaded on demand go into modules of their own
//    (scripts/split.mjs, which replaces trunk's files for the page).
// 1. Trunk injects its wasm loader as an inline <script type="module">. Our CSP forbids
//    inline script (the whole point of the CSP), so the loader moves to boot-<hash>.js.
// 2. Compacts wasm-bindgen's glue (what a minifier's first pass does, and nothing more:
//    comment lines and indentation go) and updates its integrity hash in index.html. It
//    also drops wasm-streams' JS stream adapters: their wasm exports are removed by
//    wasm-opt (see index.html), nothing in the app creates them.
//    Trunk's JS minifier cannot parse the glue, and its HTML minifier rewrites the CSP
//    meta tag, so release builds do without trunk's minification.
// 3. Joins the stylesheets, in their order in index.html (so the cascade is the same), into
//    one file without comments and indentation: one request instead of four, and
//    compressed together they are about a third smaller than apart.
// 4. Names the backup worker's files by content (trunk names a worker's files after its binary
//    only, so a new build would reuse the names), writes its loader, worker-<hash>.js, and puts
//    the loader's name in <meta name="cobro-worker"> for the page (src/platform/worker.rs).
// 5. Writes sw.js with the precache list of exactly the files of this build and a cache
//    name derived from their contents, so a new build is a new cache and old ones go.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { splitApp } from './split.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}

const indexPath = join(staging, 'index.html');
let html = splitApp(staging, readFileSync(indexPath, 'utf8'));
const inline = /<script type="module"[^>]*>([\s\S]*?)<\/script>/g;
const loaders = [...html.matchAll(inline)].filter((m) => !/\ssrc=/.test(m[0]));
if (loaders.length !== 1) {
  console.error(`post-build: expected one inline module script from trunk, found ${loaders.length}`);
  process.exit(1);
}
const loaderJs = loaders[0][1].trim() + '\n';
const bootName = `boot-${createHash('sha256').update(loaderJs).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, bootName), loaderJs);
html = html.replace(loaders[0][0], `<script type="module" src="./${bootName}"></script>`);
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) {
  console.error('post-build: an inline script is left in index.html; the CSP would block it');
  process.exit(1);
}

// Only whole lines change, so this is safe exactly when no string spans lines: no line
// with an odd number of backticks (a template literal going on) or ending in a backslash.
function compactJs(text) {
  const lines = text.split('\n');
  if (lines.some((l) => (l.match(/`/g) || []).length % 2 === 1 || /\\$/.test(l))) return null;
  const out = [];
  let inComment = false;
  for (const line of lines) {
    const t = line.trim();
    // A comment is dropped only when it owns its lines: code after a `*/` means bail out.
    const end = t.indexOf('*/');
    if (end !== -1 && end !== t.length - 2 && (inComment || t.startsWith('/*'))) return null;
    if (inComment) {
      inComment = end === -1;
    } else if (t.startsWith('/*')) {
      inComment = end === -1 || t === '/*/';
    } else if (t !== '' && !t.startsWith('//')) {
      out.push(t);
    }
  }
  return inComment ? null : out.join('\n') + '\n';
}
// The classes wasm-bindgen writes for wasm-streams' exports, their `Symbol.dispose` line and
// their finalization registries; all or nothing (the glue is left whole if the shape differs).
function withoutStreamAdapters(text) {
  const names = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
  let out = text;
  for (const n of names) {
    const parts = [
      new RegExp(`^export class ${n} \\{\\n[\\s\\S]*?^\\}\\n`, 'm'),
      new RegExp(`^if \\(Symbol\\.dispose\\) ${n}\\.prototype\\[Symbol\\.dispose\\] = ${n}\\.prototype\\.free;\\n`, 'm'),
      new RegExp(`^const ${n}Finalization = [^;]*;\\n`, 'm'),
    ];
    for (const re of parts) {
      if (!re.test(out)) return text;
      out = out.replace(re, '');
    }
  }
  return /intounderlying/i.test(out) ? text : out;
}
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const glues = readdirSync(staging).filter((f) => /^cobro-app-[0-9a-f]+\.js$/.test(f));
for (const glue of glues) {
  const path = join(staging, glue);
  const before = readFileSync(path);
  const compact = compactJs(withoutStreamAdapters(before.toString('utf8')));
  if (compact === null) {
    console.warn(`post-build: ${glue} has a string across lines; left as it is`);
    continue;
  }
  const [oldSri, newSri] = [sri(before), sri(compact)];
  if (!html.includes(oldSri)) {
    console.error(`post-build: index.html does not carry the integrity of ${glue}`);
    process.exit(1);
  }
  writeFileSync(path, compact);
  html = html.split(oldSri).join(newSri);
}

// Comments out (never inside a quoted string), then each line trimmed; a CSS string cannot
// hold a raw line break, so no line starts inside one.
function compactCss(text) {
  let out = '';
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === quote) quote = null;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return null;
      // A comment separates tokens (`0/**/auto`): a space keeps them apart.
      out += ' ';
      i = end + 1;
    } else {
      if (c === '"' || c === "'") quote = c;
      out += c;
    }
  }
  if (quote) return null;
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n') + '\n';
}
const sheetLink = /<link rel="stylesheet" href="\.\/([^"]+\.css)" integrity="([^"]+)"\s*\/?>\s*/g;
const sheets = [...html.matchAll(sheetLink)];
if (sheets.length > 1) {
  let css = '';
  for (const [, name, integrity] of sheets) {
    const bytes = readFileSync(join(staging, name));
    if (sri(bytes) !== integrity) {
      console.error(`post-build: ${name} does not match its integrity in index.html`);
      process.exit(1);
    }
    const compact = compactCss(bytes.toString('utf8'));
    if (compact === null) {
      console.error(`post-build: ${name} has an unterminated comment or string`);
      process.exit(1);
    }
    css += compact;
  }
  const name = `style-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  writeFileSync(join(staging, name), css);
  for (const [, old] of sheets) unlinkSync(join(staging, old));
  const link = `<link rel="stylesheet" href="./${name}" integrity="${sri(css)}"/>\n    `;
  html = html.replace(sheets[0][0], link);
  for (const s of sheets.slice(1)) html = html.replace(s[0], '');
}
const hashOf = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const WORKER = 'cobro-worker';
const workerJs = join(staging, `${WORKER}.js`);
const workerWasm = join(staging, `${WORKER}_bg.wasm`);
const hasWorker = readdirSync(staging).includes(`${WORKER}.js`);
if (hasWorker) {
  const wasmName = `${WORKER}-${hashOf(readFileSync(workerWasm))}_bg.wasm`;
  renameSync(workerWasm, join(staging, wasmName));
  const glue = readFileSync(workerJs, 'utf8');
  const compact = compactJs(glue) ?? glue;
  const jsName = `${WORKER}-${hashOf(compact)}.js`;
  writeFileSync(join(staging, jsName), compact);
  unlinkSync(workerJs);
  // A classic worker: importScripts works in every browser, module workers not in all.
  const loader = `importScripts('./${jsName}');\nwasm_bindgen({ module_or_path: './${wasmName}' });\n`;
  const loaderName = `worker-${hashOf(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);
  if (!html.includes('</head>')) {
    console.error('post-build: index.html has no </head> for the worker meta tag');
    process.exit(1);
  }
  html = html.replace('</head>', `  <meta name="cobro-worker" content="./${loaderName}" />\n  </head>`);
} else {
  console.error(`post-build: trunk built no ${WORKER}.js; the Backup page would not work`);
  process.exit(1);
}
writeFileSync(indexPath, html);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = walk(staging)
  .map((p) => relative(staging, p).split('\\').join('/'))
  .filter((f) => f !== 'sw.js')
  .sort();
const digest = createHash('sha256');
for (const f of files) digest.update(f).update(readFileSync(join(staging, f)));
const version = digest.digest('hex').slice(0, 16);
// "./" is the navigation URL of the app itself (index.html under any sub-path).
const precache = ['./', ...files.map((f) => `./${f}`)];

const sw = `// Generated by scripts/post-build.mjs for build ${version}. Do not edit.
const CACHE = 'cobro-${version}';
const PRECACHE = ${JSON.stringify(precache)};

// A file named by its content cannot be stale: it may come from the HTTP cache (on a first
// visit the page has just downloaded it, so it is not downloaded twice). Any other file is
// fetched afresh, so a stale HTTP cache never gets baked into a new version.
const HASHED = /-[0-9a-f]{16}(_bg)?\\.(js|wasm|css)$/;
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'reload' })))
    )
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('cobro-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

// The page asks the waiting worker to take over when the user accepts the update.
self.addEventListener('message', (event) => {
  if (event.data === 'SKIP_WAITING') self.skipWaiting();
});

// Cache first: every file of a build is immutable and named by content; the app shell
// (navigations) is served from the cache too, so the app opens offline.
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  const key = req.mode === 'navigate' ? './' : req;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key, { ignoreSearch: req.mode === 'navigate' }).then((hit) => hit || fetch(req))
    )
  );
});
`;
writeFileSync(join(staging, 'sw.js'), sw);
console.log(`post-build: ${bootName}, sw.js with ${precache.length} URLs, cache cobro-${version}`);
