// The first week on a phone: from an empty browser at 360×740, the days moved by Playwright's
// clock. Guided set-up, the first client and invoice from the checklist and the empty states,
// the checklist ticking, a backup asked for on the agenda (and its badge on "More"), a
// reminder text copied to the clipboard, and the bottom bar reaching every screen with
// thumb-sized targets and nothing overflowing sideways.
import { readFileSync } from 'node:fs';
import { test, expect, ROUTES } from './fixtures.mjs';

const PHONE = { width: 360, height: 740 };
const BUSINESS = {
  '#fr-name': 'Nuria Vidal Ilustración',
  '#fr-tax-id': '12345678Z',
  '#fr-street': 'Calle Mayor 1',
  '#fr-postal': '28013',
  '#fr-city': 'Madrid',
  '#fr-email': 'nuria@example.es',
  '#fr-iban': 'ES91 2100 0418 4502 0005 1332',
};
const NUMBER = 'F2026-0001';

/** Fix "now" at 10:00 local time on `day`; the app reads the day when a screen opens. */
async function setDay(page, day) {
  await page.clock.setFixedTime(new Date(`${day}T10:00:00`));
}

/** Sideways overflow of the whole document, in pixels (0 when nothing sticks out). */
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Every element of `locator` is at least 44 px in both directions (a thumb-sized target). */
async function expectThumbSized(locator) {
  const boxes = await locator.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { what: e.textContent.trim() || e.outerHTML.slice(0, 60), width: r.width, height: r.height };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  for (const b of boxes) {
    expect(b.height, `${b.what} height`).toBeGreaterThanOrEqual(44);
    expect(b.width, `${b.what} width`).toBeGreaterThanOrEqual(44);
  }
}

class Guide {
  constructor(page) {
    this.page = page;
    this.checklist = page.locator('#getting-started');
    this.progress = page.locator('#gs-progress');
    this.next = page.locator('#gs-next');
    this.notice = page.locator('#backup-notice');
    this.backupNow = page.locator('#backup-now');
    this.notNow = page.locator('#backup-not-now');
    this.more = page.locator('#nav-more-toggle');
    this.bar = page.locator('nav .nav-bar > li > :is(a, button)');
  }
  item(basic) {
    return this.checklist.locator(`li[data-basic="${basic}"]`);
  }
  async expectDone(basics) {
    for (const b of ['business', 'payment-method', 'client', 'invoice', 'backup']) {
      await expect(this.item(b)).toHaveAttribute('data-done', String(basics.includes(b)));
    }
    await expect(this.progress).toHaveAttribute('data-done', String(basics.length));
  }
  /** Open the agenda as the user does on a new day: the app starts again. */
  async openAgenda() {
    await this.page.goto('./#/agenda');
    await this.page.reload();
    await expect(this.page.locator('#agenda-today')).toBeVisible();
  }
}

test.describe('on a 360 px phone', () => {
  test.use({ viewport: PHONE, permissions: ['clipboard-read', 'clipboard-write'] });

  test('the first week: guided start, first client and invoice, a backup asked for, a reminder copied', async ({ page, shell }) => {
    test.setTimeout(150_000);
    const guide = new Guide(page);

    // ---- Monday: set up from an empty browser ----
    await setDay(page, '2026-03-02');
    await shell.open();
    await expect(page.locator('[data-page="first-run"]')).toBeVisible();
    for (const [id, text] of Object.entries(BUSINESS)) await page.locator(id).fill(text);
    await page.locator('#first-run-save').click();

    // The agenda opens at its top with the checklist: business and payment method done.
    await expect(guide.checklist).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(guide.checklist).toBeInViewport();
    await guide.expectDone(['business', 'payment-method']);
    await expect(guide.progress).toHaveText('2 de 5 hechos');
    // Nothing issued, nothing to lose yet: no backup nagging.
    await expect(guide.notice).toHaveCount(0);
    await expect(guide.more).not.toHaveAttribute('data-badge', 'on');
    // The empty agenda says why and leads to the next step.
    await expect(page.locator('#agenda-empty')).toHaveAttribute('data-situation', 'no-clients');

    // The checklist's next step: the first client.
    await expect(guide.next).toHaveText('Tu primer cliente');
    await expect(guide.item('client')).toHaveClass(/next/);
    await guide.next.click();
    await expect(page.locator('[data-page="client-edit"]')).toBeVisible();
    await page.locator('#client-name').fill('Editorial Faro SL');
    await page.locator('#client-tax-id').fill('B87654323');
    await page.locator('#client-ap-name').fill('Marta Ruiz');
    await page.locator('#client-ap-email').fill('pagos@faro.example');
    await page.locator('#client-terms').fill('30');
    await page.locator('#client-save').click();
    await expect(page.locator('[data-page="client-view"]')).toContainText('Editorial Faro SL');

    // Back on the agenda through the bar: the client is ticked, the invoice is next, and the
    // empty agenda now leads to it too.
    await shell.go('agenda');
    await guide.expectDone(['business', 'payment-method', 'client']);
    await expect(page.locator('#agenda-empty')).toHaveAttribute('data-situation', 'no-invoices');
    await page.locator('#agenda-empty a[data-next]').click();
    await expect(page.locator('[data-page="invoice-edit"]')).toBeVisible();
    await page.locator('#inv-client').selectOption({ label: 'Editorial Faro SL' });
    const line = page.locator('.line-row').first();
    await line.locator('.line-description').fill('Ilustraciones de cubierta');
    await line.locator('.line-quantity').fill('1');
    await line.locator('.line-price').fill('800');
    await expect(page.locator('#save-state')).toHaveText(/Borrador guardado/);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.locator('#issue-invoice').click();
    // Issuing numbers the invoice for good: the editor asks once more.
    await expect(page.locator('#issue-confirm-number')).toHaveText(NUMBER);
    await page.locator('#confirm-issue').click();
    await expect(page.locator('#doc-number')).toHaveText(NUMBER);
    // Sent by email the same day: the receipt check falls due tomorrow.
    await page.locator('.collect-panel [data-action="mark-sent"]').click();
    await page.locator('.collect-panel form[data-form="send"] [data-action="save"]').click();
    await expect(page.locator('#collect-sent')).toBeVisible();

    // An issued invoice never backed up: the agenda asks for a backup, More wears a badge.
    await shell.go('agenda');
    await guide.expectDone(['business', 'payment-method', 'client', 'invoice']);
    await expect(guide.notice).toBeVisible();
    await expect(guide.notice).toContainText('Todavía no has descargado ninguna copia');
    await expect(guide.more).toHaveAttribute('data-badge', 'on');
    await expectThumbSized(guide.notice.locator('button'));
    // "Not now" hides it for the rest of the day, also after the app starts again.
    await guide.notNow.click();
    await expect(guide.notice).toHaveCount(0);
    await guide.openAgenda();
    await expect(guide.checklist).toBeVisible();
    await expect(guide.notice).toHaveCount(0);
    await expect(guide.more).toHaveAttribute('data-badge', 'on');

    // ---- Tuesday: the receipt check, and the backup asked for again ----
    await setDay(page, '2026-03-03');
    await guide.openAgenda();
    await expect(guide.notice).toBeVisible();
    const card = page.locator(`#agenda-due > li[data-kind="receipt_check"][data-invoice="${NUMBER}"]`);
    await expect(card).toBeVisible();
    // The reminder text copied to the clipboard, with a visible confirmation.
    await card.locator('[data-action="copy"]').click();
    await expect(card.locator('.share-status')).toHaveText(/Texto copiado/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(NUMBER);
    await card.locator('.share-preview summary').click();
    expect(copied).toBe(await card.locator('.share-body').innerText());
    // The mail app gets the same text, addressed to the client's payments contact.
    const mailto = await card.locator('[data-action="email"]').getAttribute('href');
    expect(mailto).toMatch(/^mailto:pagos@faro\.example\?/);
    expect(decodeURIComponent(mailto)).toContain(NUMBER);
    await expectThumbSized(card.locator('.share-actions > *'));
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // One tap downloads the backup the Backup page makes.
    const [download] = await Promise.all([page.waitForEvent('download'), guide.backupNow.click()]);
    expect(download.suggestedFilename()).toBe('cobro-backup-2026-03-03.json');
    const file = readFileSync(await download.path(), 'utf8');
    expect(file).toContain('Editorial Faro SL');
    expect(file).toContain(NUMBER);
    await expect(page.locator('#backup-notice-outcome')).toHaveText('Copia descargada.');
    await expect(guide.notice).toHaveCount(0);
    await expect(guide.more).not.toHaveAttribute('data-badge', 'on');
    // Every basic done: the checklist says so once and can then be hidden for good.
    await guide.expectDone(['business', 'payment-method', 'client', 'invoice', 'backup']);
    await expect(guide.checklist).toContainText('Todo listo');
    await page.locator('#gs-dismiss').click();
    await expect(guide.checklist).toHaveCount(0);
    await guide.openAgenda();
    await expect(guide.checklist).toHaveCount(0);
    await expect(guide.notice).toHaveCount(0);

    // ---- A week later without a backup: asked again, where the user is ----
    await setDay(page, '2026-03-09');
    await guide.openAgenda();
    await expect(guide.notice).toHaveCount(0);
    await setDay(page, '2026-03-10');
    await guide.openAgenda();
    await expect(guide.notice).toBeVisible();
    await expect(guide.notice).toContainText('Tu última copia es de hace 7 días');
    await expect(guide.more).toHaveAttribute('data-badge', 'on');
    // The badge leads on: More shows which entry wants attention, and the Backup page agrees.
    await shell.reveal('backup');
    await expect(shell.navLink('backup')).toHaveAttribute('data-badge', 'on');
    await shell.go('backup');
    await expect(page.locator('#last-backup')).toHaveClass(/warn/);
    await expect(page.locator('#last-backup')).toContainText('hace 7 días');

    // ---- The bottom bar reaches every screen, and every screen fits ----
    for (const route of ROUTES) {
      await shell.go(route);
      await expect(shell.navLink(route)).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('#nav-more')).toBeHidden();
      expect(await overflow(page), `${route} overflows sideways`).toBeLessThanOrEqual(0);
    }
  });

  test('a reminder is copied where the Clipboard API is missing, and a refused copy says what to do', async ({ page, shell, context }) => {
    // An origin without the async Clipboard API (plain http on a LAN, older browsers).
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await setDay(page, '2026-03-10');
    await shell.open();
    await page.locator('#load-demo').click();
    const card = page.locator('#agenda-due > li.agenda-item').first();
    await card.locator('[data-action="copy"]').click();
    await expect(card.locator('.share-status')).toHaveAttribute('data-said', 'copied');
    await card.locator('.share-preview summary').click();
    const body = await card.locator('.share-body').innerText();
    // Read back from another tab of the same browser, which has the API.
    const reader = await context.newPage();
    await reader.goto('./#/backup');
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(body);
    await reader.close();

    // A browser that refuses: the user is told how to copy by hand, and the text is there.
    await page.evaluate(() =>
      Object.defineProperty(Navigator.prototype, 'clipboard', {
        get: () => ({ writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }),
      }),
    );
    await card.locator('[data-action="copy"]').click();
    await expect(card.locator('.share-status')).toHaveAttribute('data-said', 'copy-failed');
    await expect(card.locator('.share-status')).toContainText('cópialo a mano');
    await expect(card.locator('.share-body')).toBeVisible();
  });

  test('the bottom bar: four areas and More, thumb-sized, the rest one tap away', async ({ page, shell }) => {
    const guide = new Guide(page);
    await shell.open();
    await page.locator('#load-demo').click();
    await expect(page.locator('[data-page="agenda"]')).toBeVisible();

    // One row at the bottom of the screen, icons with labels, in reach of a thumb.
    await expect(guide.bar).toHaveText(['Agenda', 'Facturas', 'Clientes', 'Informes', /^Más/]);
    await expectThumbSized(guide.bar);
    for (const item of await guide.bar.all()) {
      await expect(item).toBeInViewport();
      await expect(item.locator('svg.icon')).toBeVisible();
      const box = await item.boundingBox();
      expect(box.y + box.height).toBeGreaterThan(PHONE.height - 80);
    }
    // Quotes, settings and backup wait in the sheet.
    for (const route of ['quotes', 'settings', 'backup']) await expect(shell.navLink(route)).toBeHidden();
    await guide.more.click();
    await expect(guide.more).toHaveAttribute('aria-expanded', 'true');
    const sheet = page.locator('#nav-more a');
    await expect(sheet).toHaveText(['Presupuestos', 'Periódicas', 'Impuestos', 'Ajustes', /^Copia de seguridad/]);
    await expectThumbSized(sheet);
    for (const item of await sheet.all()) await expect(item).toBeInViewport();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // Escape closes it and gives the focus back to "More"; so does a tap outside it.
    await page.keyboard.press('Escape');
    await expect(page.locator('#nav-more')).toBeHidden();
    await expect(guide.more).toBeFocused();
    await guide.more.click();
    await page.mouse.click(180, 200);
    await expect(page.locator('#nav-more')).toBeHidden();
    // Going to a screen in the sheet marks More as where the user is.
    await shell.go('quotes');
    await expect(guide.more).toHaveClass(/current/);
    await shell.go('clients');
    await expect(guide.more).not.toHaveClass(/current/);

    // In English too.
    await shell.setLanguage('en');
    await expect(guide.bar).toHaveText(['Agenda', 'Invoices', 'Clients', 'Reports', /^More/]);
  });

  test('the invoice list opens on invoices, its filters folded behind one button', async ({ page, shell }) => {
    await shell.open();
    await page.locator('#load-demo').click();
    await expect(page.locator('[data-page="agenda"]')).toBeVisible();
    await shell.go('invoices');
    const rows = page.locator('#invoice-list .doc-row');
    // The first screen shows rows, not form fields.
    await expect(rows.first()).toBeInViewport();
    await expect(page.locator('#filter-status')).toBeHidden();
    const toggle = page.locator('#filters-toggle');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(page.locator('#filter-status')).toBeVisible();
    await page.locator('#filter-status').selectOption('paid');
    await expect(rows.first()).toHaveAttribute('data-status', 'paid');
    // Folded again, the button still tells a filter is on.
    await toggle.click();
    await expect(page.locator('#filter-status')).toBeHidden();
    await expect(toggle.locator('.filters-count')).toHaveText('1');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });
});

test('on a desktop the side rail lists every area with its icon, filters always open', async ({ page, shell }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await shell.open();
  await page.locator('#load-demo').click();
  await expect(page.locator('[data-page="agenda"]')).toBeVisible();
  await expect(page.locator('#nav-more-toggle')).toBeHidden();
  for (const route of ROUTES) {
    await expect(shell.navLink(route)).toBeVisible();
    await expect(shell.navLink(route).locator('svg.icon')).toBeVisible();
  }
  // A backup is due on the demo (never exported): the Backup entry itself wears the badge.
  await expect(shell.navLink('backup')).toHaveAttribute('data-badge', 'on');
  await shell.go('invoices');
  await expect(page.locator('#filters-toggle')).toBeHidden();
  await expect(page.locator('#filter-status')).toBeVisible();
});

test('empty screens say why and lead to the next step', async ({ page, shell }) => {
  await shell.open();
  for (const [id, text] of Object.entries(BUSINESS)) await page.locator(id).fill(text);
  await page.locator('#first-run-save').click();
  await expect(page.locator('#getting-started')).toBeVisible();
  const expectations = [
    ['invoices', '#invoices-empty', 'no-clients', '#/clients/new'],
    ['quotes', '#quotes-empty', 'no-clients', '#/clients/new'],
    ['clients', '#clients-empty', 'no-clients', '#/clients/new'],
    ['reports', '#report-empty', 'no-clients', '#/clients/new'],
  ];
  for (const [route, id, situation, href] of expectations) {
    await shell.go(route);
    const empty = page.locator(id);
    await expect(empty).toHaveAttribute('data-situation', situation);
    await expect(empty.locator('a[data-next]')).toHaveAttribute('href', href);
    await expect(empty.locator('svg.icon')).toBeVisible();
  }
  // A list with nothing in it has nothing to search or filter.
  await shell.go('invoices');
  await expect(page.locator('#filter-text')).toBeHidden();
  await expect(page.locator('#shown-total')).toBeHidden();
  // With a client, the invoice and quote lists lead to the first document.
  await page.locator('#invoices-empty a[data-next]').click();
  await page.locator('#client-name').fill('Editorial Faro SL');
  await page.locator('#client-save').click();
  await expect(page.locator('[data-page="client-view"]')).toBeVisible();
  await shell.go('invoices');
  await expect(page.locator('#invoices-empty')).toHaveAttribute('data-situation', 'no-invoices');
  await expect(page.locator('#invoices-empty a[data-next]')).toHaveText('Nueva factura');
  await shell.go('quotes');
  await expect(page.locator('#quotes-empty a[data-next]')).toHaveAttribute('href', '#/quotes/new');
  // A search that finds nothing is not an empty business.
  await shell.go('clients');
  await page.locator('#client-search').fill('zzz');
  await expect(page.locator('#no-match')).toBeVisible();
  await expect(page.locator('#clients-empty')).toHaveCount(0);
});
