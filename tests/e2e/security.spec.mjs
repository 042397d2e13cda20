// Security end to end: hostile text in every field (typed in, or arriving in a backup)
// stays text on every screen and in the print view, and a whole session never asks
// anything of another origin. Every test here also fails on any dialog, page error,
// console error (a CSP violation is one) or foreign request (see fixtures.mjs).
import { test, expect } from './pages/invoicing.mjs';
import { fixture, sealed } from './pages/data.mjs';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  'javascript:alert(4)',
  "'';!--\"<XSS>=&{()}",
  '<a href="javascript:alert(5)">x</a>',
  '<img src="https://evil.example/t.png">',
  '<iframe src="https://evil.example/"></iframe>',
];
const pick = (i) => PAYLOADS[i % PAYLOADS.length];

/** Nothing a payload could have turned into exists in the page. */
async function expectInert(page, where) {
  const found = await page.evaluate(() => ({
    scripts: document.body.querySelectorAll('script').length,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick], [onfocus], [onmouseover]').length,
    frames: document.querySelectorAll('iframe, object, embed, frame').length,
    scriptLinks: [...document.querySelectorAll('[href], [src]')].filter((e) =>
      /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? ''),
    ).length,
    foreignImages: [...document.images].filter((i) => !/^(data|blob):/.test(i.src) && new URL(i.src).origin !== location.origin).length,
    xssTags: document.querySelectorAll('xss').length,
  }));
  expect(found, `nothing injected on ${where}`).toEqual({ scripts: 0, handlers: 0, frames: 0, scriptLinks: 0, foreignImages: 0, xssTags: 0 });
}

/** Open a route, wait for its screen, check nothing was injected and which payloads show as text. */
async function visit(page, route, screen, shows = []) {
  await page.goto(route);
  await expect(page.locator(`[data-page="${screen}"]`)).toBeVisible();
  for (const p of shows) await expect(page.locator('main')).toContainText(p);
  await expectInert(page, route);
}

test('hostile text typed into every form stays text on every screen and in the print view', async ({
  shell,
  firstRun,
  editor,
  invoiceView,
  page,
}) => {
  test.setTimeout(120_000);
  await shell.open();
  await firstRun.fill({
    name: `${pick(0)} Estudio`,
    taxId: '12345678Z',
    street: pick(1),
    postal: '28013',
    city: pick(2),
    email: 'lucia@example.es',
    iban: 'ES91 2100 0418 4502 0005 1332',
    holder: pick(3),
  });
  await firstRun.submit();
  await expect(page.locator('[data-page="agenda"]')).toBeVisible();

  const client = `${pick(2)} SL`;
  await page.goto('./#/clients/new');
  const fields = { 'client-name': client, 'client-street': pick(4), 'client-city': pick(5), 'client-ap-name': pick(6), 'client-instructions': pick(7), 'client-notes': pick(1) };
  for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value);
  await page.locator('#client-terms').fill('30');
  await page.locator('#client-save').click();
  await expect(page.locator('[data-page="client-view"]')).toContainText(client);

  await page.goto('./#/settings');
  await page.locator('#item-name').fill(pick(5));
  await page.locator('#item-description').fill(pick(6));
  await page.locator('#item-price').fill('10');
  await page.locator('#item-save').click();
  await expect(page.locator('#catalogue .catalogue-name')).toHaveText(pick(5));

  await editor.openNew();
  await editor.chooseClient(client);
  await editor.setLine(0, { description: pick(3), quantity: '1', price: '100' });
  await editor.field('inv-po', pick(0));
  await editor.field('inv-notes', pick(4));
  await editor.waitSaved();
  await editor.issue();
  await expect(invoiceView.number).toHaveText(/^F\d{4}-0001$/);
  const invoiceUrl = page.url();

  // Collections: a payment note and a contact with a hostile "who" and note.
  const panel = page.locator('.collect-panel');
  await panel.locator('[data-action="mark-sent"]').click();
  await panel.locator('form[data-form="send"] [data-action="save"]').click();
  // Sent: the panel no longer offers to mark it sent.
  await expect(panel.locator('[data-action="mark-sent"]')).toHaveCount(0);
  await panel.locator('[data-action="record-payment"]').click();
  const pay = panel.locator('form[data-form="payment"]');
  await pay.locator('[data-field="amount"]').fill('50');
  await pay.locator('[data-field="note"]').fill(pick(7));
  await pay.locator('[data-action="save"]').click();
  await expect(pay).toHaveCount(0);
  await panel.locator('[data-action="log-contact"]').click();
  const contact = panel.locator('form[data-form="contact"]');
  await contact.locator('[data-field="who"]').fill(pick(1));
  await contact.locator('[data-field="note"]').fill(pick(2));
  await contact.locator('[data-action="save"]').click();
  await expect(contact).toHaveCount(0);

  // Every screen, and the invoice as it prints.
  await page.goto(invoiceUrl);
  await expect(invoiceView.root).toBeVisible();
  for (const p of [pick(0), pick(1), pick(2), pick(3), pick(4)]) await expect(page.locator('main')).toContainText(p);
  await expect(page.locator('#collect-payments')).toContainText(pick(7));
  await expect(page.locator('#collect-contacts')).toContainText(pick(2));
  await expectInert(page, 'invoice view');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#invoice-doc')).toContainText(pick(3));
  await expect(page.locator('#doc-seller')).toContainText(`${pick(0)} Estudio`);
  await expectInert(page, 'print view');
  await page.emulateMedia({ media: 'screen' });

  await visit(page, './#/agenda', 'agenda');
  await visit(page, './#/invoices', 'invoices', [client]);
  await visit(page, './#/clients', 'clients', [client]);
  await page.locator('main a', { hasText: client }).first().click();
  await expect(page.locator('[data-page="client-view"]')).toContainText(pick(6));
  await expectInert(page, 'client page');
  await visit(page, './#/quotes', 'quotes');
  await visit(page, './#/reports', 'reports', [client]);
  await visit(page, './#/settings', 'settings', [pick(5)]);
  await visit(page, './#/backup', 'backup');
});

/** Hostile strings in every free-text field of a backup (ids, dates, amounts untouched). */
function poisoned(doc) {
  const TEXT = new Set(['name', 'legal_name', 'street', 'city', 'region', 'ap_contact_name', 'billing_instructions', 'notes', 'note', 'description', 'po_number', 'reason', 'who', 'label', 'holder', 'bank', 'url', 'confirmed_by']);
  let n = 0;
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (TEXT.has(k) && typeof x === 'string') v[k] = `${pick(n++)} ${x}`.trim();
      else walk(x);
    }
  };
  walk(doc.data);
  // A logo that names another site: never loaded (the app draws only inline images).
  doc.data.profile.logo_data_url = 'https://evil.example/logo.png';
  return doc;
}

test('hostile text in an imported backup stays text on every screen and in the print view', async ({ backup, page }) => {
  test.setTimeout(120_000);
  const doc = poisoned(fixture('demo-2026-03-01.json'));
  await page.clock.setFixedTime(new Date('2026-03-01T10:00:00'));
  await backup.open();
  await backup.choose(sealed(doc, 'poisoned.json'));
  await expect(backup.preview).toBeVisible();
  await backup.replaceButton.click();
  await expect(backup.outcome).toHaveClass(/ok/);

  const client = doc.data.clients[0];
  const invoice = doc.data.invoices.find((i) => i.number && doc.data.payments.some((p) => p.invoice_id === i.id) && doc.data.contacts.some((c) => c.invoice_id === i.id)) ?? doc.data.invoices[0];
  const quote = doc.data.quotes[0];
  await visit(page, './#/agenda', 'agenda');
  await expect(page.locator('#agenda-due > li.agenda-item').first()).toBeVisible();
  await visit(page, './#/invoices', 'invoices', [client.legal_name]);
  await visit(page, `./#/invoices/${invoice.id}`, 'invoice-view', [invoice.lines[0].description, doc.data.profile.name]);
  await expect(page.locator('#doc-logo')).toHaveCount(0);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#invoice-doc')).toContainText(invoice.lines[0].description);
  await expectInert(page, 'print view');
  await page.emulateMedia({ media: 'screen' });
  await visit(page, `./#/agenda/invoice/${invoice.id}`, 'agenda');
  await expect(page.locator('.collect-panel')).toBeVisible();
  await expectInert(page, 'collection panel');
  const draft = doc.data.invoices.find((i) => !i.number);
  if (draft) await visit(page, `./#/invoices/${draft.id}/edit`, 'invoice-edit');
  await visit(page, './#/quotes', 'quotes');
  if (quote) await visit(page, `./#/quotes/${quote.id}`, 'quote-view', [quote.lines[0].description]);
  await visit(page, './#/clients', 'clients', [client.legal_name]);
  await visit(page, `./#/clients/${client.id}`, 'client-view', [client.legal_name]);
  await visit(page, `./#/clients/${client.id}/edit`, 'client-edit');
  await visit(page, './#/reports', 'reports');
  await visit(page, './#/settings', 'settings', [doc.data.payment_methods[0].label]);
  await visit(page, './#/backup', 'backup');
});

test('a full session through every screen asks nothing of any other origin', async ({ backup, page, context, baseURL }) => {
  test.setTimeout(120_000);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const doc = fixture('demo-2026-03-01.json');
  await page.clock.setFixedTime(new Date('2026-03-01T10:00:00'));
  await backup.open();
  await backup.restore(sealed(doc, 'demo.json'));
  const invoice = doc.data.invoices.find((i) => i.number);
  const routes = [
    ['./#/agenda', 'agenda'],
    [`./#/agenda/invoice/${invoice.id}`, 'agenda'],
    ['./#/invoices', 'invoices'],
    ['./#/invoices/new', 'invoice-edit'],
    [`./#/invoices/${invoice.id}`, 'invoice-view'],
    ['./#/quotes', 'quotes'],
    ['./#/quotes/new', 'quote-edit'],
    [`./#/quotes/${doc.data.quotes[0].id}`, 'quote-view'],
    ['./#/clients', 'clients'],
    ['./#/clients/new', 'client-edit'],
    [`./#/clients/${doc.data.clients[0].id}`, 'client-view'],
    ['./#/reports', 'reports'],
    ['./#/settings', 'settings'],
    ['./#/backup', 'backup'],
  ];
  for (const lang of ['es', 'en']) {
    await page.locator('#lang-switch').selectOption(lang);
    for (const [route, screen] of routes) {
      await page.goto(route);
      await expect(page.locator(`[data-page="${screen}"]`)).toBeVisible();
    }
  }
  // The files it makes, too: calendar, CSV, backup.
  await page.goto('./#/agenda');
  await Promise.all([page.waitForEvent('download'), page.locator('#export-ics').click()]);
  await page.goto('./#/reports');
  const csv = page.locator('.report-csv button').first();
  await Promise.all([page.waitForEvent('download'), csv.click()]);
  await page.goto('./#/backup');
  await Promise.all([page.waitForEvent('download'), page.locator('#export-button').click()]);
  // A reload, served by the service worker.
  await page.reload();
  await expect(page.locator('[data-page="backup"]')).toBeVisible();

  const origin = new URL(baseURL).origin;
  const own = requests.filter((u) => /^(data|blob):/.test(u) || new URL(u).origin === origin);
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.filter((u) => !own.includes(u))).toEqual([]);
});
