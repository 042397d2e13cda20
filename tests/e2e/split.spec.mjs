// The download is split: the first screen's module is all a visit needs until the Backup page
// or the demo is used; only then does the page start the backup worker and fetch its module.
// Every screen but the agenda and the first run is a module of its own too, fetched the first
// time the screen opens (src/pages/on_demand.rs, scripts/split.mjs).
// Offline, the worker's and the screens' files come from the service worker's precache.
import { test, expect } from './fixtures.mjs';
import { SCREENS } from './routes.mjs';

const FIXTURE = new URL('./fixtures/small-backup.json', import.meta.url).pathname;
const WORKER_FILE = /\/(worker-[0-9a-f]{16}\.js|cobro-worker-[0-9a-f]{16}(_bg\.wasm|\.js))$/;

/** The page's own requests (the service worker's precache is not the page asking) for the worker's files. */
function watchWorkerFiles(page) {
  const seen = [];
  page.on('request', (r) => {
    if (WORKER_FILE.test(new URL(r.url()).pathname)) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

test('the first screen and every screen but Backup never fetch the backup worker', async ({ shell, page, backup }) => {
  const seen = watchWorkerFiles(page);
  await shell.open();
  await shell.waitForServiceWorker();
  for (const route of ['invoices', 'quotes', 'clients', 'reports', 'settings', 'agenda']) await shell.go(route);
  expect(seen).toEqual([]);
  expect(page.workers()).toHaveLength(0);
  // The worker starts with the Backup page and its module is fetched then.
  const started = page.waitForEvent('worker');
  await backup.goto();
  const worker = await started;
  await expect.poll(() => worker.evaluate(() => typeof wasm_bindgen === 'function')).toBe(true);
  await expect.poll(() => seen.some((p) => /\/worker-[0-9a-f]{16}\.js$/.test(p))).toBe(true);
  // Leaving the page lets it go (its memory with it).
  await shell.go('invoices');
  await expect.poll(() => page.workers().length).toBe(0);
});

test('the demo starts the worker only when asked for, and fills the agenda', async ({ shell, page }) => {
  const seen = watchWorkerFiles(page);
  await shell.open();
  await expect(page.locator('[data-page="first-run"]')).toBeVisible();
  expect(seen).toEqual([]);
  expect(page.workers()).toHaveLength(0);
  await page.locator('#load-demo').click();
  await expect(page.locator('[data-page="agenda"] #agenda-today')).toBeVisible();
  expect(seen.length).toBeGreaterThan(0);
});

test('offline after the first visit, a backup is still read and restored', async ({ shell, page, context, backup }) => {
  await shell.open();
  await shell.waitForServiceWorker();
  await context.setOffline(true);
  await page.reload();
  await expect(shell.nav).toBeVisible();
  await backup.goto();
  await backup.restore(FIXTURE);
  await expect(backup.count('Invoices')).toHaveText('30');
  await context.setOffline(false);
});

test('long lists show 50 items and a button for 50 more', async ({ shell, page, backup }) => {
  const { fixture, sealed } = await import('./pages/data.mjs');
  const doc = fixture('small-backup.json');
  const model = doc.data.clients[0];
  const quote = doc.data.quotes[0];
  for (let i = 0; i < 120; i++) {
    const id = `bulk-client-${String(i).padStart(3, '0')}`;
    doc.data.clients.push({ ...model, id, legal_name: `Cliente ${String(i).padStart(3, '0')} S.L.`, tax_id: `B${String(10000000 + i)}` });
    doc.data.quotes.push({ ...quote, id: `bulk-quote-${String(i).padStart(3, '0')}`, number: null, state: { state: 'draft' }, invoice_id: null });
  }
  await backup.open();
  await backup.restore(sealed(doc));
  await shell.go('clients');
  const clients = page.locator('#client-list li');
  await expect(clients).toHaveCount(50);
  await expect(page.locator('#client-list-count')).toHaveAttribute('data-total', String(125));
  await page.locator('#client-list-more').click();
  await expect(clients).toHaveCount(100);
  await shell.go('quotes');
  const quotes = page.locator('#quote-list li');
  await expect(quotes).toHaveCount(50);
  await page.locator('#quote-list-more').click();
  await expect(quotes).toHaveCount(100);
});

const SCREEN_MODULE = /\/cobro-app-(screen|shared)-[0-9a-f]{16}\.wasm$/;
// The screens loaded on demand, as the navigation names them, with what each shows once ready.
const ON_DEMAND = ['invoices', 'quotes', 'clients', 'recurring', 'reports', 'taxes', 'settings', 'backup'].map((route) => ({
  route,
  ready: SCREENS.find((s) => s.name === route).ready,
}));

/** The page's requests for the modules of screens loaded on demand. */
function watchScreenModules(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (SCREEN_MODULE.test(path)) seen.push(path);
  });
  return seen;
}

async function demo(page) {
  await page.locator('#load-demo').click();
  await expect(page.locator('[data-page="agenda"] #agenda-today')).toBeVisible();
}

test('the start screen fetches no other screen\'s module; each screen fetches its own when it first opens', async ({ shell, page }) => {
  const seen = watchScreenModules(page);
  await shell.open();
  await expect(page.locator('[data-page="first-run"]')).toBeVisible();
  await demo(page);
  expect(seen).toEqual([]);
  // A start with data opens on the agenda: still nothing but the page's own module.
  await page.reload();
  await expect(page.locator('[data-page="agenda"] #agenda-today')).toBeVisible();
  expect(seen).toEqual([]);
  const fetched = new Set();
  for (const { route, ready } of ON_DEMAND) {
    const before = seen.length;
    await shell.go(route);
    await expect(page.locator(ready).first()).toBeVisible();
    const mine = seen.slice(before);
    expect(mine.length, `${route} fetched a module of its own`).toBeGreaterThan(0);
    // A module is fetched once per visit, whichever screen asks for it first.
    for (const p of mine) {
      expect(fetched.has(p), `${p} fetched again`).toBe(false);
      fetched.add(p);
    }
  }
  const all = seen.length;
  await shell.go('agenda');
  await shell.go('invoices');
  await expect(page.locator(ON_DEMAND[0].ready).first()).toBeVisible();
  expect(seen).toHaveLength(all);
});

test('every screen opens on a cold load, and offline on a warm one', async ({ shell, page, context }) => {
  await shell.open();
  await demo(page);
  for (const { route, ready } of ON_DEMAND) {
    await shell.go(route);
    await expect(page.locator(ready).first()).toBeVisible();
  }
  await shell.waitForServiceWorker();
  await context.setOffline(true);
  // The reload keeps the last screen's route (Backup), itself a screen on demand.
  await page.reload();
  await expect(page.locator(ON_DEMAND.at(-1).ready).first()).toBeVisible();
  for (const { route, ready } of ON_DEMAND) {
    await shell.go(route);
    await expect(page.locator(ready).first()).toBeVisible();
  }
  await context.setOffline(false);
});
