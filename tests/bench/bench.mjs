// The browser half of `scripts/bench.sh`: drives Debian's Chromium with Playwright's
// library API (not the test runner) against the release build, on backups made by the
// core's generator, and prints one table of medians. Everything is measured from outside
// the app (DOM, events, CDP), so the app carries no benchmark code:
//   import  `change` on the file input → preview shown, plus click "Replace" → outcome ok; the
//           file is chosen once the backup worker (started by the Backup page) is ready, and
//           the worker's start (created → first message) is printed on its own
//   boot    navigation start → agenda rendered with data; next to it, in the same page,
//           a plain getAll of every store (the floor no app can beat), and the start-up's
//           fixed part (navigation → first screen while the database is still empty)
//   filter  per keystroke: the input event → the list updated and laid out
//   export  click "Download backup" → the Blob's object URL is made
//   memory  after boot and a GC: JS heap (CDP) and every WebAssembly.Memory (CDP queryObjects)
//   long tasks  every main-thread task over 50 ms after the first paint (PerformanceObserver
//           'longtask'), by phase: boot, import, write, open list, filter, export, navigation
//   Lighthouse  mobile, default throttling, on a first visit and on a profile holding the
//           largest dataset (tests/bench/lighthouse.mjs)
// The server compresses (brotli or gzip) as a real host does. Speed targets are printed next
// to the figures, never asserted (a busy machine is no failure).
//
// node tests/bench/bench.mjs --dist DIR --data "1k=FILE,10k=FILE" [--runs N] [--port P]
//                            [--sizes FILE] [--core FILE] [--lighthouse-runs N]
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.mjs';
import { lighthouseRun } from './lighthouse.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), [])
);
const DIST = resolve(args.dist ?? 'dist');
const PORT = Number(args.port ?? process.env.BENCH_PORT ?? 8092);
const RUNS = Number(args.runs ?? process.env.BENCH_RUNS ?? 3);
const LH_RUNS = Number(args['lighthouse-runs'] ?? process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const DATASETS = (args.data ?? '').split(',').filter(Boolean).map((kv) => {
  const [label, file] = kv.split('=');
  return { label, file: resolve(file) };
});
const BASE = `http://127.0.0.1:${PORT}/`;
/** What a user types into the invoice list's text filter, one key at a time (a client's name). */
const TYPED = 'talleres';


// Injected by the bench before any script of the page (CDP, so the app's CSP does not apply):
// records when the agenda first shows its data, relative to navigation start, and every long
// task of the page's main thread (a worker's tasks are not the page's: they block nothing).
const BOOT_PROBE = () => {
  const probe = { agenda: null, screen: null, paint: null, long: [], phases: [['boot', 0]] };
  Object.defineProperty(window, '__benchBoot', { value: probe });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.long.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (probe.paint === null) probe.paint = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  // When the backup worker is created and when it first speaks (it says it is ready).
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = function Worker(...args) {
      const w = new NativeWorker(...args);
      const entry = [performance.now(), null];
      probe.workers = [...(probe.workers ?? []), entry];
      w.addEventListener('message', () => entry[1] ??= performance.now());
      return w;
    };
    window.Worker.prototype = NativeWorker.prototype;
  }
  const seen = () => {
    if (probe.screen === null && document.querySelector('[data-page]')) probe.screen = performance.now();
    if (probe.agenda === null && document.querySelector('[data-page="agenda"] #agenda-today .count')) {
      probe.agenda = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true });
  // Every memory the page's wasm modules export (the page's module; the screens' modules
  // share it), for the memory row. Asking DevTools for every WebAssembly.Memory instead
  // (Runtime.queryObjects) crashes Chromium 156 once modules share a memory.
  const memories = new Set();
  Object.defineProperty(window, '__benchMemories', { value: memories });
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const native = WebAssembly[name];
    if (!native) continue;
    WebAssembly[name] = async function (...args) {
      const out = await native.apply(this, args);
      const instance = out instanceof WebAssembly.Instance ? out : out?.instance;
      for (const v of Object.values(instance?.exports ?? {})) if (v instanceof WebAssembly.Memory) memories.add(v);
      return out;
    };
  }
};

/** Long tasks are told apart by the phase that had begun when they started. */
const phase = (page, name) => page.evaluate((n) => window.__benchBoot.phases.push([n, performance.now()]), name);

/** Long tasks after the first paint, per phase: { phase: [durations] }. */
async function longTasks(page) {
  const { long, phases, paint } = await page.evaluate(() => {
    const p = window.__benchBoot;
    return { long: p.long, phases: p.phases, paint: p.paint };
  });
  const out = {};
  for (const [start, duration] of long) {
    if (paint === null || start < paint) continue;
    let name = phases[0][0];
    for (const [n, t] of phases) if (t <= start) name = n;
    (out[name] ??= []).push(duration);
  }
  return out;
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function startServer() {
  const server = spawn(process.execPath, [join(ROOT, 'tests/e2e/serve.mjs'), '--dir', DIST, '--port', String(PORT), '--compress'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.once('exit', (code) => fail(new Error(`the static server ended (${code}); is port ${PORT} free?`)));
    server.stdout.once('data', () => ok(server));
  });
}

/** Ask for every file once per encoding, so no measured load waits for the server to compress. */
async function warmServer() {
  for (const name of readdirSync(DIST)) {
    for (const encoding of ['br', 'gzip']) {
      await fetch(`${BASE}${name}`, { headers: { 'accept-encoding': encoding } }).then((r) => r.arrayBuffer()).catch(() => {});
    }
  }
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
  // The Backup page starts the worker; a person takes longer than that to pick a file, so the
  // file is chosen once it is ready, and its start is reported on its own.
  await page.waitForFunction(() => window.__benchBoot.workers?.[0]?.[1] != null, null, { timeout: 600_000, polling: 20 });
  const workerStart = await page.evaluate(() => window.__benchBoot.workers[0][1] - window.__benchBoot.workers[0][0]);
  await phase(page, 'import');
  await page.locator('#import-file').setInputFiles(file);
  await page.waitForFunction(() => window.__benchImport.preview !== null || window.__benchImport.error !== null, null, { timeout: 600_000, polling: 50 });
  await phase(page, 'write');
  await page.locator('#import-replace').click();
  await page.waitForFunction(() => window.__benchImport.outcome !== null || window.__benchImport.error !== null, null, { timeout: 600_000, polling: 50 });
  const t = await page.evaluate(() => window.__benchImport);
  if (t.error) throw new Error(`import failed: ${t.error}`);
  return [t.preview - t.change, t.outcome - t.click, empty, await longTasks(page), workerStart];
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

/** JS heap after a GC, and the size of every memory of the page's wasm modules, in bytes. */
async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  await cdp.detach();
  const wasm = await page.evaluate(() => [...window.__benchMemories].reduce((n, m) => n + m.buffer.byteLength, 0));
  return { heap, wasm };
}

/** Open the invoice list, then type TYPED; returns { open, keys: [ms per keystroke], shown: [before, after] }. */
async function filter(page) {
  await phase(page, 'open list');
  const t0 = await page.evaluate(() => performance.now());
  await page.locator('nav a[data-route="invoices"]').click();
  await page.locator('#invoice-list li').first().waitFor();
  const open = (await page.evaluate(() => performance.now())) - t0;
  await phase(page, 'filter');
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
  await phase(page, 'navigation');
  await page.locator('nav a[data-route="backup"]').click();
  await page.locator('#export-button').waitFor();
  await phase(page, 'export');
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

/** Every other screen once, each until it shows its heading, then an idle moment. */
async function visitScreens(page) {
  await phase(page, 'navigation');
  for (const route of ['clients', 'quotes', 'reports', 'settings', 'agenda']) {
    await page.locator(`nav a[data-route="${route}"]`).click();
    await page.locator(`[data-page="${route}"] h1`).waitFor();
    await page.waitForTimeout(300);
  }
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
    const [parse, write, empty, importLong, workerStart] = await importBackup(first, file);
    await first.close();
    const b = await boot(context);
    const mem = await memory(b.page);
    const f = await filter(b.page);
    const exp = await exportAll(b.page);
    await visitScreens(b.page);
    // The import page's own start-up (an empty database) counts with the boot.
    const long = importLong;
    for (const [ph, d] of Object.entries(await longTasks(b.page))) long[ph] = [...(long[ph] ?? []), ...d];
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { parse, write, import: parse + write, empty, workerStart, ...b, ...mem, ...f, export: exp, long };
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

/** Rows from `scripts/sizes.sh` output: the module lines (raw, gzip, brotli, budget). */
function sizeRows(file) {
  if (!file || !existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const module = (name) => {
    const l = lines.find((x) => x.startsWith(name) && /\d/.test(x));
    return l ? l.slice(name.length).trim().split(/\s+/).slice(0, 4).map(Number) : null;
  };
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const rows = [];
  const first = module('first screen');
  if (first) rows.push(['1. first screen download (wasm+js+css), brotli', '', `${kb(first[2])} (raw ${kb(first[0])}, gzip ${kb(first[1])}; budget ${kb(first[3])})`, '<= 250 KB']);
  const worker = module('backup worker');
  if (worker) rows.push(['   backup worker, on demand, brotli', '', `${kb(worker[2])} (raw ${kb(worker[0])})`, '']);
  return rows;
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
  await warmServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const results = {};
  const lh = { first: [], big: [] };
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
    await browser.close();
    if (LH_RUNS > 0) {
      for (let i = 1; i <= LH_RUNS; i++) {
        lh.first.push(await lighthouseRun(BASE));
        process.stderr.write(`[bench] lighthouse first visit ${i}/${LH_RUNS}: ${JSON.stringify(lh.first.at(-1))}\n`);
      }
      // A profile that holds the largest dataset and the service worker's cache: a returning user.
      const big = DATASETS.at(-1);
      const profile = mkdtempSync(join(tmpdir(), 'cobro-bench-profile-'));
      try {
        const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'es-ES', serviceWorkers: 'allow' });
        ctx.setDefaultTimeout(600_000);
        await ctx.addInitScript(BOOT_PROBE);
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        await importBackup(page, big.file);
        await page.goto(`${BASE}#/agenda`);
        await page.waitForFunction(() => navigator.serviceWorker?.controller != null && window.__benchBoot?.agenda != null, null, { timeout: 600_000 });
        await ctx.close();
        for (let i = 1; i <= LH_RUNS; i++) {
          lh.big.push(await lighthouseRun(`${BASE}#/agenda`, { userDataDir: profile, keepStorage: true }));
          process.stderr.write(`[bench] lighthouse ${big.label} profile ${i}/${LH_RUNS}: ${JSON.stringify(lh.big.at(-1))}\n`);
        }
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close().catch(() => {});
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
      ['2. import: to preview (read+parse+validate, in the worker) / write', label, `${fmtMs(m(label, 'parse'))} / ${fmtMs(m(label, 'write'))}`, '<= 500 ms to preview (10k)'],
      ['   backup worker start: created → ready (Backup page opened)', label, fmtMs(m(label, 'workerStart')), ''],
      ['3. boot: navigation → agenda with data', label, `${fmtMs(boot)} = ${(boot / floor).toFixed(1)}x floor`, '<= 1.5x floor'],
      ['   floor: getAll of every store, same page', label, `${fmtMs(floor)} (${rs[0].records} records)`, ''],
      ['   fixed part: navigation → first screen, no data', label, fmtMs(m(label, 'empty')), ''],
      ['4. filter: per keystroke (median / worst)', label, `${fmtMs(median(keys))} / ${fmtMs(Math.max(...keys))}`, '<= 16 ms'],
      ['   open the invoice list', label, fmtMs(m(label, 'open')), ''],
      ['5. export everything to JSON', label, fmtMs(m(label, 'export')), '<= 300 ms for 10k'],
      ['7. memory after boot: JS heap / wasm', label, `${fmtMB(m(label, 'heap'))} / ${fmtMB(m(label, 'wasm'))}`, '']
    );
    // Long tasks: the median count over runs, the longest seen in any run, and where.
    const counts = rs.map((r) => Object.values(r.long).reduce((n, d) => n + d.length, 0));
    const all = rs.flatMap((r) => Object.values(r.long).flat());
    const where = {};
    for (const r of rs) for (const [ph, d] of Object.entries(r.long)) where[ph] = Math.max(where[ph] ?? 0, d.length);
    const places = Object.entries(where).map(([ph, n]) => `${ph} ${n}`).join(', ');
    rows.push([
      '8. long tasks > 50 ms after first paint',
      label,
      `${median(counts)}${all.length ? ` (longest ${fmtMs(Math.max(...all))}; most per run: ${places})` : ''}`,
      '0',
    ]);
  }
  if (lh.first.length) {
    const lm = (xs, k) => median(xs.map((x) => x[k]));
    const big = DATASETS.at(-1).label;
    const secs = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
    rows.push(
      ['9. Lighthouse mobile performance: first visit / profile', big, `${lm(lh.first, 'score')} / ${lm(lh.big, 'score')}`, '>= 95 / >= 90'],
      ['   LCP: first visit / profile', big, `${secs(lm(lh.first, 'lcp'))} / ${secs(lm(lh.big, 'lcp'))}`, '<= 2.0 s first visit'],
      ['   TBT: first visit / profile', big, `${fmtMs(lm(lh.first, 'tbt'))} / ${fmtMs(lm(lh.big, 'tbt'))}`, '<= 200 ms profile'],
      ['   FCP / DOM elements, profile', big, `${secs(lm(lh.big, 'fcp'))} / ${lm(lh.big, 'dom')}`, '']
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
  const lhNote = lh.first.length ? `; Lighthouse ${lh.first[0].version}, ${LH_RUNS} runs per visit (medians)` : '';
  console.log(`\n${table(rows)}\n\n${version}, headless, ${RUNS} runs per dataset${lhNote}`);
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
