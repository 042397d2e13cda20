// Accessibility end to end: axe-core on every screen (no serious or critical violation:
// labels, names, contrast, roles, landmarks), and the core flow done with the keyboard
// alone (Tab, typing, Enter and Space; no mouse, no direct focus calls).
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './pages/invoicing.mjs';
import { fixture, sealed } from './pages/data.mjs';

/** axe on the page as it is now; fails listing every serious or critical violation. */
async function expectAccessible(page, where) {
  const { violations, passes } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  // axe really looked: contrast was among the rules it checked and passed.
  expect(passes.map((p) => p.id)).toContain('color-contrast');
  if (process.env.AXE_ALL) console.log(where, violations.map((v) => `${v.id}/${v.impact}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`));
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(bad, `axe on ${where}`).toEqual([]);
}

test('the first run has no serious accessibility problem, in both languages', async ({ shell, firstRun, page }) => {
  await shell.open();
  await expect(firstRun.root).toBeVisible();
  await expectAccessible(page, 'first run (es)');
  await shell.setLanguage('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page, 'first run (en)');
});

test('every screen with data has no serious accessibility problem', async ({ backup, page }) => {
  test.setTimeout(180_000);
  const doc = fixture('demo-2026-03-01.json');
  await page.clock.setFixedTime(new Date('2026-03-01T10:00:00'));
  await backup.open();
  await backup.restore(sealed(doc, 'demo.json'));
  const invoice = doc.data.invoices.find((i) => i.number);
  const draft = doc.data.invoices.find((i) => !i.number);
  const client = doc.data.clients[0];
  const quote = doc.data.quotes[0];
  const screens = [
    ['./#/agenda', 'agenda'],
    [`./#/agenda/invoice/${invoice.id}`, 'agenda'],
    ['./#/invoices', 'invoices'],
    ['./#/invoices/new', 'invoice-edit'],
    ...(draft ? [[`./#/invoices/${draft.id}/edit`, 'invoice-edit']] : []),
    [`./#/invoices/${invoice.id}`, 'invoice-view'],
    ['./#/quotes', 'quotes'],
    ['./#/quotes/new', 'quote-edit'],
    ...(quote ? [[`./#/quotes/${quote.id}`, 'quote-view']] : []),
    ['./#/clients', 'clients'],
    [`./#/clients/${client.id}`, 'client-view'],
    ['./#/clients/new', 'client-edit'],
    ['./#/reports', 'reports'],
    ['./#/settings', 'settings'],
    ['./#/backup', 'backup'],
  ];
  for (const [route, screen] of screens) {
    await page.goto(route);
    await expect(page.locator(`[data-page="${screen}"]`)).toBeVisible();
    await expectAccessible(page, route);
  }
  // Forms opened inside screens: a contact, a payment, and the invoice as it prints.
  await page.goto(`./#/agenda/invoice/${invoice.id}`);
  const panel = page.locator('.collect-panel');
  await panel.locator('[data-action="log-contact"]').click();
  await expect(panel.locator('form[data-form="contact"]')).toBeVisible();
  await expectAccessible(page, 'contact form');
  await page.goto(`./#/invoices/${invoice.id}`);
  await expect(page.locator('#invoice-doc')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expectAccessible(page, 'print view');
});

/** Press Tab until the focused element matches `selector` (fails if it never does). */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      // What has the focus is visibly marked.
      const ring = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      });
      expect(ring, `${selector} shows a focus ring`).toBe(true);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reachable with Tab`);
}

async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test('keyboard alone: set up the business, add a client, write and issue an invoice', async ({ shell, page }) => {
  test.setTimeout(120_000);
  await shell.open();
  await expect(page.locator('[data-page="first-run"]')).toBeVisible();
  for (const [id, text] of [
    ['#fr-name', 'Teclado Estudio'],
    ['#fr-tax-id', '12345678Z'],
    ['#fr-street', 'Calle Mayor 1'],
    ['#fr-postal', '28013'],
    ['#fr-city', 'Madrid'],
    ['#fr-email', 'hola@teclado.es'],
    ['#fr-iban', 'ES91 2100 0418 4502 0005 1332'],
  ]) {
    await typeInto(page, id, text);
  }
  await tabTo(page, '#first-run-save');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-page="agenda"]')).toBeVisible();

  // Navigation by keyboard: the Clients link, then "New client".
  await tabTo(page, 'nav a[data-route="clients"]');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-page="clients"]')).toBeVisible();
  await tabTo(page, '#new-client');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-page="client-edit"]')).toBeVisible();
  await typeInto(page, '#client-name', 'Teclas SL');
  await typeInto(page, '#client-tax-id', 'B87654323');
  await tabTo(page, '#client-po-required');
  await page.keyboard.press('Space');
  await expect(page.locator('#client-po-required')).toBeChecked();
  await page.keyboard.press('Space');
  await expect(page.locator('#client-po-required')).not.toBeChecked();
  await typeInto(page, '#client-terms', '30');
  await tabTo(page, '#client-save');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-page="client-view"]')).toContainText('Teclas SL');

  // From the client's page to a new invoice for them.
  await tabTo(page, '#client-new-invoice');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-page="invoice-edit"]')).toBeVisible();
  await tabTo(page, '#inv-client');
  // A closed <select> takes typed letters as the option to choose.
  await page.keyboard.type('Teclas');
  await expect(page.locator('#inv-client option:checked')).toHaveText('Teclas SL');
  await typeInto(page, '.line-row .line-description', 'Diseño hecho sin ratón');
  await typeInto(page, '.line-row .line-quantity', '2');
  await typeInto(page, '.line-row .line-price', '100');
  await expect(page.locator('#total-amount')).toHaveAttribute('data-amount', '242.00');
  await expect(page.locator('#save-state')).toHaveText(/^Borrador guardado/);
  await tabTo(page, '#issue-invoice');
  await page.keyboard.press('Space');
  // The confirmation opens with its confirming button focused.
  await expect(page.locator('#confirm-issue')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-page="invoice-view"] #doc-number')).toHaveText(/^F\d{4}-0001$/);
  await expect(page.locator('#invoice-doc')).toContainText('Diseño hecho sin ratón');
});
