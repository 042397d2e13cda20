// The download is split: the first screen's module is all a visit needs until the Backup page
// or the demo is used; only then does the page start the backup worker and fetch its module.
// Every screen but the agenda and the first run is in a module of its own too, one per group of
// screens that share their code, fetched the first time one of the group opens (src/main.rs,
// src/pages/on_demand.rs, scripts/split.mjs).
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
// The screens loaded on demand, as the navigation names them, in their groups (src/main.rs),
// with what each shows once ready.
const GROUPS = [
  ['invoices', 'quotes', 'clients', 'recurring'],
  ['reports', 'taxes'],
  ['settings', 'backup'],
];
const ready = (route) => SCREENS.find((s) => s.name === route).ready;
const ON_DEMAND = GROUPS.flat().map((route) => ({ route, ready: ready(route) }));

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

test('the start screen fetches no other screen\'s module; a group\'s module comes with its first screen, once', async ({ shell, page }) => {
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
  for (const group of GROUPS) {
    for (const [i, route] of group.entries()) {
      const before = seen.length;
      await shell.go(route);
      await expect(page.locator(ready(route)).first()).toBeVisible();
      const mine = seen.slice(before);
      if (i === 0) expect(mine.length, `${route} fetched its group's module`).toBeGreaterThan(0);
      else expect(mine, `${route} is in ${group[0]}'s module`).toEqual([]);
      // A module is fetched once per visit, whichever screen asks for it first.
      for (const p of mine) {
        expect(fetched.has(p), `${p} fetched again`).toBe(false);
        fetched.add(p);
      }
    }
  }
  const all = seen.length;
  await shell.go('agenda');
  await shell.go('invoices');
  await expect(page.locator(ON_DEMAND[0].ready).first()).toBeVisible();
  expect(seen).toHaveLength(all);
});

test('a card\'s collection panel and letter come with their own module, once, and the agenda keeps none of it', async ({ shell, page }) => {
  await shell.open();
  await demo(page);
  await page.reload();
  await expect(page.locator('[data-page="agenda"] #agenda-today')).toBeVisible();
  const seen = watchScreenModules(page);
  const card = page.locator('[data-page="agenda"] a[href^="#/agenda/invoice/"]').first();
  const invoiceHref = await card.getAttribute('href');
  await card.click();
  await expect(page.locator('#collect-status')).toBeVisible();
  const panel = [...seen];
  expect(panel.length, 'the panel fetched its module').toBeGreaterThan(0);
  // The letter is in the same module; the agenda's list needs nothing new.
  await page.goto(`./${invoiceHref.replace('/invoice/', '/letter/')}`);
  await expect(page.locator('#letter-doc, #no-letter').first()).toBeVisible();
  await shell.go('agenda');
  await expect(page.locator('[data-page="agenda"] #agenda-today')).toBeVisible();
  await page.goto(`./${invoiceHref}`);
  await expect(page.locator('#collect-status')).toBeVisible();
  expect(seen).toEqual(panel);
});

test.describe('a screen whose module cannot be fetched', () => {
  // The service worker would answer from its precache, out of the test's reach.
  test.use({ serviceWorkers: 'block' });

  for (const [lang, says] of [
    ['es', /no se ha podido cargar.*Tus datos no se han tocado/],
    ['en', /could not be loaded.*Your data was not touched/],
  ]) {
    test(`says so in its language, keeps the app alive, and opens after a reload (${lang})`, async ({ shell, page, problems }) => {
      await shell.open();
      await demo(page);
      await shell.setLanguage(lang);
      const refused = [];
      await page.route(SCREEN_MODULE, (route) => {
        refused.push(route.request().url());
        return route.abort('internetdisconnected');
      });
      await (await shell.reveal('invoices')).click();
      const notice = page.locator('#screen-not-loaded');
      await expect(notice).toBeVisible();
      await expect(notice).toHaveAttribute('role', 'alert');
      await expect(notice).toContainText(says);
      expect(refused.length).toBeGreaterThan(0);
      // The app did not abort: the agenda still works, and the screen asks again when opened again.
      await shell.go('agenda');
      await expect(page.locator('[data-page="agenda"] #agenda-today')).toBeVisible();
      const refusedBefore = refused.length;
      await (await shell.reveal('invoices')).click();
      await expect(notice).toBeVisible();
      expect(refused.length).toBeGreaterThan(refusedBefore);
      // Back online, the notice's button reloads the page on the same screen, which opens.
      await page.unroute(SCREEN_MODULE);
      await notice.getByRole('button').click();
      await expect(page.locator(ready('invoices')).first()).toBeVisible();
      await expect(notice).toHaveCount(0);
      // Without a reload, too: a failure is not remembered, the next opening fetches again.
      await page.route(SCREEN_MODULE, (route) => route.abort('internetdisconnected'));
      await (await shell.reveal('reports')).click();
      await expect(notice).toBeVisible();
      await page.unroute(SCREEN_MODULE);
      await shell.go('agenda');
      await shell.go('reports');
      await expect(page.locator(ready('reports')).first()).toBeVisible();
      // The browser reports each refused fetch, and the split loader logs its failure; nothing
      // else may have gone wrong.
      const rest = problems.filter((p) => !/^console error: (Failed to load resource: net::ERR_INTERNET_DISCONNECTED|TypeError: Failed to fetch)/.test(p));
      expect(rest).toEqual([]);
      problems.length = 0;
    });
  }
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
