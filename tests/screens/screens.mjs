// The browser half of `scripts/screens.sh`: every screen of tests/e2e/routes.mjs with the
// demo data, at 360×740 and 1280×800, in Spanish and English, as full-page PNGs; and every
// printable document as the A4 PDF the browser prints, with a PNG of each page. For people
// to look at; nothing is asserted (the layout rules are asserted by layout.spec.mjs).
//
// node tests/screens/screens.mjs --dist DIR --out DIR [--port P] [--only name,name]
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.mjs';
import { SCREENS, loadDemo, withDraft } from '../e2e/routes.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const DIST = resolve(args.dist ?? 'dist');
const OUT = resolve(args.out ?? 'target/screens');
const PORT = Number(args.port ?? process.env.SCREENS_PORT ?? 8093);
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const BASE = `http://127.0.0.1:${PORT}/`;
const SIZES = [
  { label: '360', viewport: { width: 360, height: 740 } },
  { label: '1280', viewport: { width: 1280, height: 800 } },
];

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

async function show(page, screen, ids) {
  const path = screen.path(ids);
  if (!path) return false;
  // A hash equal to the current one draws nothing anew: leave it first.
  if (page.url().endsWith(path)) await page.goto(`${BASE}#/backup`);
  await page.goto(BASE + path);
  await page.locator(screen.ready).first().waitFor({ timeout: 20_000 });
  // Fonts and layout settle; nothing else is awaited (the app makes no requests).
  await page.evaluate(async () => {
    await document.fonts.ready;
    window.scrollTo(0, 0);
  });
  return true;
}

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const written = [];
try {
  for (const lang of ['es', 'en']) {
    for (const size of SIZES) {
      const context = await browser.newContext({
        baseURL: BASE,
        viewport: size.viewport,
        locale: lang === 'es' ? 'es-ES' : 'en-GB',
        serviceWorkers: 'block',
      });
      await context.addInitScript((l) => localStorage.setItem('cobro.lang', JSON.stringify(l)), lang);
      const page = await context.newPage();
      const ids = await withDraft(page, await loadDemo(page));
      const dir = join(OUT, `${lang}-${size.label}`);
      mkdirSync(dir, { recursive: true });
      for (const screen of SCREENS) {
        if (ONLY && !ONLY.has(screen.name)) continue;
        if (!(await show(page, screen, ids))) continue;
        const file = join(dir, `${screen.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
        // Documents print the same at any window width: once per language.
        if (screen.document && size.label === '1280') {
          const pdf = join(OUT, `${lang}-print`, `${screen.name}.pdf`);
          mkdirSync(dirname(pdf), { recursive: true });
          await page.emulateMedia({ media: 'print' });
          writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
          await page.emulateMedia({ media: 'screen' });
          execFileSync('pdftoppm', ['-png', '-r', '80', pdf, pdf.replace(/\.pdf$/, '')]);
          written.push(pdf);
        }
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(`${written.length} files in ${OUT}`);
