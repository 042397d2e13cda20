// The browser half of `scripts/bench.sh`: drives Debian's Chromium with Playwright's
// library API (not the test runner) against the release build, on backups made by the
// core's generator, and prints one table of medians. Everything is measured from outside
// the app (DOM, events, CDP), so the app carries no benchmark code:
//   import  `change` on the file input → preview shown, plus click "Replace" → outcome ok
//   boot    navigation start → agenda rendered with data; next to it, in the same page,
//           a plain getAll of every store (the floor no app can beat), and the start-up's
//           fixed part (navigation → first screen while the database is still empty)
//   filter  per keystroke: the input event → the list updated and laid out
//   export  click "Download backup" → the Blob's object URL is made
//   memory  after boot and a GC: JS heap (CDP) and every WebAssembly.Memory (CDP queryObjects)
// Speed targets are printed next to the figures, never asserted (a busy machine is no failure).
//
// node tests/bench/bench.mjs --dist DIR --data "1k=FILE,10k=FILE" [--runs N] [--port P]
//                            [--sizes FILE] [--core FILE]
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), [])
);
const DIST = resolve(args.dist ?? 'dist');
const PORT = Number(args.port ?? process.env.BENCH_PORT ?? 8092);
const RUNS = Number(args.runs ?? process.env.BENCH_RUNS ?? 3);
const DATASETS = (args.data ?? '').split(',').filter(Boolean).map((kv) => {
  const [label, file] = kv.split('=');
  return { label, file: resolve(file) };
});
const BASE = `http://127.0.0.1:${PORT}/`;
/** What a user types into the invoice list's text filter, one key at a time (a client's name). */
const TYPED = 'talleres';


// Injected by the bench before any script of the page (CDP, so the app's CSP does not apply):
// records when the agenda first shows its data, relative to navigation start.
const BOOT_PROBE = () => {
  const probe = { agenda: null, screen: null };
  Object.defineProperty(window, '__benchBoot', { value: probe });
  const seen = () => {
    if (probe.screen === null && document.querySelector('[data-page]')) probe.screen = performance.now();
    if (probe.agenda === null && document.querySelector('[data-page="agenda"] #agenda-today .count')) {
      probe.agenda = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true });
};

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function startServer() {
  const server = spawn(process.execPath, [join(ROOT, 'tests/e2e/serve.mjs'), '--dir', DIST, '--port', String(PORT)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.once('exit', (code) => fail(new Error(`the static server ended (${code}); is port ${PORT} free?`)));
    server.stdout.once('data', () => ok(server));
  });
}

/** Restore `file` on the backup screen; returns [parse+validate+preview ms, write ms, ms to the first screen]. */
async function importBackup(page, file) {
  await page.goto(`${BASE}#/backup`);
  await page.locator('[data-page="backup"] #import-file').waitFor({ state: 'attached' });
  // The database is still empty: navigation → first screen is the start-up's fixed part.
  const empty = await page.evaluate(() => window.__benchBoot.screen);
  await page.evaluate(() => {
    const t = { change: null, preview: null, click: null, outcome: null, error: null };
    Object.defineProperty(window, '__benchImport', { value: t });
    document.addEventListener('change', (e) => e.target.id === 'import-file' && (t.change = performance.now()), true);
    document.addEventListener('click', (e) => e.target.closest?.('#import-replace') && (t.click = performance.now()), true);
    new MutationObserver(() => {
      if (t.preview === null && document.getElementById('import-preview')) t.preview = performance.now();
      if (t.error === null && document.getElementById('import-problems')) t.error = document.getElementById('import-problems').innerText;
      const o = document.getElementById('backup-outcome');
      if (t.outcome === null && o && t.click !== null) {
        t.outcome = performance.now();
        if (!o.classList.contains('ok')) t.error = o.innerText;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.locator('#import-file').setInputFiles(file);
  await page.waitForFunction(() => window.__benchImport.preview !== null || window.__benchImport.error !== null, null, { timeout: 600_000, polling: 50 });
  await page.locator('#import-replace').click();
  await page.waitForFunction(() => window.__benchImport.outcome !== null || window.__benchImport.error !== null, null, { timeout: 600_000, polling: 50 });
  const t = await page.evaluate(() => window.__benchImport);
  if (t.error) throw new Error(`import failed: ${t.error}`);
  return [t.preview - t.change, t.outcome - t.click, empty];
}

/** Boot a new page on the agenda; returns { boot, baseline, records } in ms. */
async function boot(context) {
  const page = await context.newPage();
  await page.goto(`${BASE}#/agenda`);
  await page.waitForFunction(() => window.__benchBoot?.agenda != null, null, { timeout: 600_000, polling: 50 });
  const bootMs = await page.evaluate(() => window.__benchBoot.agenda);
  // The app goes on decoding the history after showing the agenda: the floor (and the
  // memory after it) are measured once the page is idle, so the app's work does not slow
  // the plain read down and flatter the ratio.
  await page.evaluate(async () => {
    for (let quiet = 0; quiet < 3; ) {
      const idle = await new Promise((ok) => requestIdleCallback((d) => ok(d.timeRemaining()), { timeout: 60_000 }));
      quiet = idle >= 40 ? quiet + 1 : 0;
    }
  });
  // The floor: the same database, the same page, one transaction, getAll of every store.
  const floor = await page.evaluate(async () => {
    const t0 = performance.now();
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('cobro');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    const counts = await Promise.all(
      names.map((n) => new Promise((ok, fail) => {
        const r = tx.objectStore(n).getAll();
        r.onsuccess = () => ok(r.result.length);
        r.onerror = () => fail(r.error);
      }))
    );
    const ms = performance.now() - t0;
    db.close();
    return { ms, records: counts.reduce((a, b) => a + b, 0) };
  });
  return { page, boot: bootMs, baseline: floor.ms, records: floor.records };
}

/** JS heap after a GC, and the size of every WebAssembly.Memory in the page, in bytes. */
async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const sum = await cdp.send('Runtime.callFunctionOn', {
    objectId: found.objects.objectId,
    functionDeclaration: 'function () { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }',
    returnByValue: true,
  });
  await cdp.detach();
  return { heap, wasm: sum.result.value };
}

/** Open the invoice list, then type TYPED; returns { open, keys: [ms per keystroke], shown: [before, after] }. */
async function filter(page) {
  const t0 = await page.evaluate(() => performance.now());
  await page.locator('nav a[data-route="invoices"]').click();
  await page.locator('#invoice-list li').first().waitFor();
  const open = (await page.evaluate(() => performance.now())) - t0;
  return page.evaluate(async ([typed, open]) => {
    // A macrotask runs after every microtask, so after the app's reactive updates.
    const settle = () => new Promise((ok) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok();
      ch.port2.postMessage(0);
    });
    const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));
    const input = document.getElementById('filter-text');
    const shown = () => document.querySelectorAll('#invoice-list li').length;
    const before = shown();
    const keys = [];
    for (const ch of typed) {
      const start = performance.now();
      input.value += ch;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, data: ch, inputType: 'insertText' }));
      await settle();
      document.body.getBoundingClientRect(); // style and layout of the updated list count too
      keys.push(performance.now() - start);
      await pause(30); // a fast typist
    }
    return { open, keys, shown: [before, shown()] };
  }, [TYPED, open]);
}

/** Click "Download backup"; returns ms until the file's Blob URL is made. */
async function exportAll(page) {
  await page.locator('nav a[data-route="backup"]').click();
  await page.locator('#export-button').waitFor();
  await page.evaluate(() => {
    const t = { click: null, url: null };
    Object.defineProperty(window, '__benchExport', { value: t, configurable: true });
    document.addEventListener('click', (e) => e.target.closest?.('#export-button') && (t.click = performance.now()), true);
    const make = URL.createObjectURL;
    URL.createObjectURL = function (blob) {
      if (t.url === null) t.url = performance.now();
      return make.call(this, blob);
    };
  });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.locator('#export-button').click()]);
  await download.delete();
  const t = await page.evaluate(() => window.__benchExport);
  return t.url - t.click;
}

async function runOnce(browser, file) {
  const context = await browser.newContext({ locale: 'es-ES', serviceWorkers: 'allow', acceptDownloads: true });
  // Years of data on a busy machine: no action may time out (figures are the point, not limits).
  context.setDefaultTimeout(600_000);
  await context.addInitScript(BOOT_PROBE);
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  try {
    const first = await context.newPage();
    const [parse, write, empty] = await importBackup(first, file);
    await first.close();
    const b = await boot(context);
    const mem = await memory(b.page);
    const f = await filter(b.page);
    const exp = await exportAll(b.page);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { parse, write, import: parse + write, empty, ...b, ...mem, ...f, export: exp };
  } finally {
    await context.close();
  }
}

const fmtMs = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : 'n/a');
const fmtMB = (x) => (Number.isFinite(x) ? `${(x / 1048576).toFixed(1)} MB` : 'n/a');

function table(rows) {
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => String(c ?? '').padEnd(w[i])).join('  ').trimEnd()).join('\n');
}

/** Rows from `scripts/sizes.sh` output: the total line. */
function sizeRows(file) {
  if (!file || !existsSync(file)) return [];
  const total = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('total'));
  if (!total) return [];
  const [raw, gz, br] = total.trim().split(/\s+/).slice(-3).map(Number);
  return [['1. bundle wasm+js+css, brotli', '', `${(br / 1024).toFixed(0)} KB (raw ${(raw / 1024).toFixed(0)} KB, gzip ${(gz / 1024).toFixed(0)} KB)`, '<= 250 KB']];
}

/** Rows from `cargo bench -p cobro-core`: Criterion's `name time: [lo median hi]`, or the std bench's table. */
function coreRows(file) {
  if (!file || !existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const rows = [];
  let name = null;
  for (const l of lines) {
    const crit = l.match(/^(\S.*?)?\s+time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]/);
    if (crit) {
      const bench = (crit[1] ?? name ?? '').trim();
      rows.push([`6. core: ${bench}`, '10k', `${crit[2]} ${crit[3]}`, bench.startsWith('agenda_reports/agenda_report') ? '<= 2 ms' : '']);
      name = null;
    } else if (/^\S/.test(l) && !/^(Benchmarking|Found|Gnuplot|\s)/.test(l)) {
      name = l.trim();
    }
  }
  if (rows.length) return rows;
  // The std-only bench prints "name   median   runs" rows.
  for (const l of lines) {
    const m = l.match(/^\s*(agenda\+report, (?:cold|warm))\s+([\d.]+\s*[µm]?s)/);
    if (m) rows.push([`6. core: ${m[1]}`, '10k', m[2], '<= 2 ms']);
  }
  return rows;
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no build in ${DIST}`);
  if (DATASETS.length === 0) throw new Error('no --data given');
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const results = {};
  try {
    for (const { label, file } of DATASETS) {
      results[label] = [];
      for (let i = 1; i <= RUNS; i++) {
        const r = await runOnce(browser, file);
        results[label].push(r);
        process.stderr.write(
          `[bench] ${label} run ${i}/${RUNS}: import ${fmtMs(r.parse)} + ${fmtMs(r.write)}, boot ${fmtMs(r.boot)} (floor ${fmtMs(r.baseline)}), ` +
            `list ${fmtMs(r.open)}, keys ${r.keys.map((k) => k.toFixed(1)).join(' ')} (${r.shown[0]} → ${r.shown[1]} shown), export ${fmtMs(r.export)}\n`
        );
      }
    }
  } finally {
    await browser.close();
    server.kill();
  }

  const rows = [['measure', 'data', `median of ${RUNS}`, 'target'], ...sizeRows(args.sizes)];
  const m = (label, key) => median(results[label].map((r) => r[key]));
  for (const { label } of DATASETS) {
    const rs = results[label];
    const keys = rs.flatMap((r) => r.keys);
    const boot = m(label, 'boot');
    const floor = m(label, 'baseline');
    rows.push(
      ['2. import (read+parse+validate+preview / write)', label, `${fmtMs(m(label, 'import'))} (${fmtMs(m(label, 'parse'))} + ${fmtMs(m(label, 'write'))})`, '<= 1 s for 10k'],
      ['3. boot: navigation → agenda with data', label, `${fmtMs(boot)} = ${(boot / floor).toFixed(1)}x floor`, '<= 1.5x floor'],
      ['   floor: getAll of every store, same page', label, `${fmtMs(floor)} (${rs[0].records} records)`, ''],
      ['   fixed part: navigation → first screen, no data', label, fmtMs(m(label, 'empty')), ''],
      ['4. filter: per keystroke (median / worst)', label, `${fmtMs(median(keys))} / ${fmtMs(Math.max(...keys))}`, '<= 16 ms'],
      ['   open the invoice list', label, fmtMs(m(label, 'open')), ''],
      ['5. export everything to JSON', label, fmtMs(m(label, 'export')), '<= 300 ms for 10k'],
      ['7. memory after boot: JS heap / wasm', label, `${fmtMB(m(label, 'heap'))} / ${fmtMB(m(label, 'wasm'))}`, '']
    );
  }
  rows.push(...coreRows(args.core));
  const version = (() => {
    try {
      return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'chromium ?';
    }
  })();
  console.log(`\n${table(rows)}\n\n${version}, headless, ${RUNS} runs per dataset`);
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
