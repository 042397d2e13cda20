// The app shell: every area reachable, both languages, phone and desktop widths.
import { test, expect, ROUTES } from './fixtures.mjs';

test('a fresh install opens on the set-up, not on an empty agenda', async ({ shell, page }) => {
  await shell.open();
  await expect(page.locator('[data-page="first-run"]')).toBeVisible();
  await expect(page.locator('[data-page="agenda"]')).toHaveCount(0);
});

test('every area opens from the navigation and shows its heading', async ({ shell, page }) => {
  await shell.open();
  const headings = [];
  for (const route of ROUTES.filter((r) => r !== 'agenda')) {
    await shell.go(route);
    await expect(shell.navLink(route)).toHaveAttribute('aria-current', 'page');
    headings.push(await shell.heading.textContent());
  }
  expect(headings).toEqual(['Facturas', 'Presupuestos', 'Clientes', 'Informes', 'Ajustes', 'Copia de seguridad']);
  await shell.go('agenda');
  await expect(shell.navLink('agenda')).toHaveAttribute('aria-current', 'page');
  // Deep links work on load too.
  await page.goto('./#/clients');
  await expect(page.locator('[data-page="clients"]')).toBeVisible();
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-GB' });
  test('the browser language is the default', async ({ shell, invoices }) => {
    await shell.open();
    await invoices.goto();
    await expect(invoices.heading).toHaveText('Invoices');
    await expect(shell.page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test('the language switch is remembered across reloads', async ({ shell, invoices, page }) => {
  await shell.open();
  await invoices.goto();
  await expect(invoices.heading).toHaveText('Facturas');
  await shell.setLanguage('en');
  await expect(invoices.heading).toHaveText('Invoices');
  await page.reload();
  await expect(page.locator('[data-page="invoices"] h1')).toHaveText('Invoices');
  await expect(shell.langSwitch).toHaveValue('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

for (const [name, viewport] of [
  ['phone (360 px)', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
]) {
  test.describe(name, () => {
    test.use({ viewport });
    test('navigation is on screen and nothing overflows sideways', async ({ shell, page }) => {
      await shell.open();
      // On a phone the areas the bar has no room for are one tap away, under "More".
      for (const route of ROUTES) {
        await expect(await shell.reveal(route)).toBeInViewport();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}
