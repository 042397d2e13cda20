// Offline PWA and static hosting: manifest, precache of the whole build, offline
// reload, update prompt, sub-path hosting, and the security baseline (CSP, no inline script).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test, expect } from './fixtures.mjs';

// The build under test (E2E_DIST, as in the config), else dist/ at the repository root.
const DIST = process.env.E2E_DIST ? `${process.env.E2E_DIST.replace(/\/$/, '')}/` : new URL('../../dist/', import.meta.url).pathname;
const walk = (dir) =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

test('the manifest makes the app installable', async ({ request }) => {
  const manifest = await (await request.get('./manifest.webmanifest')).json();
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const res = await request.get(`./${icon.src}`);
    expect(res.status(), icon.src).toBe(200);
    expect((await res.body()).subarray(1, 4).toString()).toBe('PNG');
  }
});

test('the service worker precaches every file of the build', async () => {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const list = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
  const files = walk(DIST)
    .map((f) => `./${relative(DIST, f)}`)
    .filter((f) => f !== './sw.js');
  expect(list.sort()).toEqual(['./', ...files].sort());
  expect(sw).toMatch(/const CACHE = 'cobro-[0-9a-f]{16}'/);
});

test('the app reloads offline', async ({ shell, page, context, invoices }) => {
  await shell.open();
  await shell.waitForServiceWorker();
  await context.setOffline(true);
  await page.reload();
  await expect(shell.nav).toBeVisible();
  await invoices.goto();
  await expect(invoices.heading).toHaveText('Facturas');
  await context.setOffline(false);
});

test('a new build shows "update available" and reloads into it, dropping the old cache', async ({ shell, page, request }) => {
  await shell.open('./bump/');
  await shell.waitForServiceWorker();
  const before = await page.evaluate(() => caches.keys());
  expect(before).toHaveLength(1);
  await expect(shell.updateBanner).toBeHidden();
  const bump = await request.post('./__bump-sw');
  expect(bump.status()).toBe(200);
  const after = `${before[0].replace(/-bump\d+$/, '')}-bump${await bump.text()}`;
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await expect(shell.updateBanner).toBeVisible();
  await Promise.all([page.waitForEvent('load'), shell.updateBanner.getByRole('button').click()]);
  await expect(shell.nav).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([after]);
});

test('works from a sub-path, as on https://host/cobro/', async ({ shell, page }) => {
  await shell.open('./cobro/');
  await shell.go('reports');
  expect(new URL(page.url()).pathname).toBe('/cobro/');
  await shell.waitForServiceWorker();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  expect(new URL(scope).pathname).toBe('/cobro/');
});

test('the page is locked down: CSP from our origin only, no inline script', async ({ request }) => {
  const html = await (await request.get('./')).text();
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s).toMatch(/\ssrc="\.\//);
  expect(html).not.toMatch(/https?:\/\//);
});

test('a session through every screen requests nothing from another origin', async ({ shell, page, problems }) => {
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await shell.open();
  for (const route of ['invoices', 'quotes', 'clients', 'reports', 'settings', 'backup', 'agenda']) await shell.go(route);
  await shell.setLanguage('en');
  await shell.waitForServiceWorker();
  expect(urls.length).toBeGreaterThan(3);
  // `problems` (checked after every test) already holds any foreign request; be explicit here.
  expect(urls.filter((u) => !u.startsWith('http://127.0.0.1:'))).toEqual([]);
  expect(problems).toEqual([]);
});
