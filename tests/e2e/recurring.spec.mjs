// Recurring invoices and the quarter's tax figures, living through months with Playwright's
// clock (the browser's Date is the app's only clock): a monthly retainer set up in January
// makes its three drafts when Cobro opens again in April (in two tabs at once, still three),
// they are issued with consecutive numbers, and the tax screen's VAT and withholding for
// each quarter are the ones worked out by hand from the invoices, a credit note crossing
// into the next quarter included.
import { test as base, expect } from './pages/invoicing.mjs';
import { Clock } from './pages/collections.mjs';
import { readStore } from './pages/data.mjs';

const test = base.extend({
  clock: async ({ page }, use) => use(new Clock(page)),
});

const BUSINESS = {
  name: 'Lucía Martín Estudio',
  taxId: '12345678Z',
  street: 'Calle Mayor 1',
  postal: '28013',
  city: 'Madrid',
  email: 'lucia@example.es',
  iban: 'ES91 2100 0418 4502 0005 1332',
  bic: 'CAIXESBBXXX',
  holder: 'Lucía Martín',
};
const CLIENT = {
  name: 'Acme Industrial SL',
  taxId: 'B87654323',
  apName: 'Marta Ruiz',
  apEmail: 'ap@acme.example',
  instructions: '',
  poRequired: false,
  terms: 30,
};

async function setUp(shell, firstRun, page, clientForm) {
  await shell.open();
  await expect(firstRun.root).toBeVisible();
  await firstRun.fill(BUSINESS);
  await firstRun.submit();
  await expect(page.locator('[data-page="agenda"]')).toBeVisible();
  await clientForm.create(CLIENT);
}

/** A monthly retainer of 300 € + 21 % VAT on the 1st, from 1 February 2027. */
async function createRetainer(page) {
  await page.goto('./#/recurring/new');
  await expect(page.locator('[data-page="recurring-edit"]')).toBeVisible();
  await page.locator('#sch-client').selectOption({ label: CLIENT.name });
  await page.locator('#sch-name').fill('Mantenimiento web');
  await page.locator('#sch-start').fill('2027-02-01');
  await expect(page.locator('#sch-day')).toHaveValue('1');
  const row = page.locator('.line-row').first();
  await row.locator('.line-description').fill('Mantenimiento web — {mes}');
  await row.locator('.line-quantity').fill('1');
  await row.locator('.line-price').fill('300');
  await page.locator('#sch-notes').fill('Periodo del {desde} al {hasta}.');
  // The next invoice, as it will be made: February's, in the client's language.
  await expect(page.locator('#schedule-preview [data-field="next-date"]')).toHaveText('01/02/2027');
  await expect(page.locator('#schedule-preview')).toContainText('Mantenimiento web — febrero de 2027');
  await expect(page.locator('#schedule-preview')).toContainText('Periodo del 01/02/2027 al 28/02/2027.');
  await expect(page.locator('#past-dates')).toHaveCount(0);
  await page.locator('#save-schedule').click();
  await expect(page.locator('[data-page="recurring"]')).toBeVisible();
}

/** The invoice of 1 000 € + 21 % VAT − 15 % IRPF, dated and issued `day` (today). */
async function issueWithWithholding(page, editor, invoiceView) {
  await editor.openNew();
  await editor.chooseClient(CLIENT.name);
  await editor.setLine(0, { description: 'Auditoría de accesibilidad', quantity: '1', price: '1000' });
  await editor.field('inv-withholding', '15');
  await editor.waitSaved();
  await editor.issue();
  await expect(invoiceView.number).toHaveText('F2027-0001');
}

test('a monthly retainer: three drafts three months later, issued in order, and the quarters it adds up to', async ({
  shell,
  firstRun,
  clientForm,
  editor,
  invoiceView,
  clock,
  page,
  context,
}) => {
  // 10 January: set up the business, the client and the retainer.
  await clock.set('2027-01-10');
  await setUp(shell, firstRun, page, clientForm);
  await createRetainer(page);
  const schedule = page.locator('#schedule-list [data-schedule]');
  await expect(schedule).toHaveCount(1);
  await expect(schedule.locator('[data-field="status"]')).toHaveText('Próxima: 01/02/2027');
  await expect(page.locator('#to-issue-empty')).toBeVisible();
  // The client's page lists it too.
  await page.goto('./#/clients');
  await page.locator('.doc-row a', { hasText: CLIENT.name }).first().click();
  await expect(page.locator('#client-schedules [data-schedule]')).toContainText('Mantenimiento web');

  // 20 January: an invoice with withholding, issued the same day.
  await clock.set('2027-01-20');
  await page.reload();
  await issueWithWithholding(page, editor, invoiceView);

  // 15 April: Cobro opens again, in two tabs at once. Each runs the catch-up; the drafts are
  // made once (the second tab's transaction reads the cursor the first moved).
  await clock.set('2027-04-15');
  const other = await context.newPage();
  await other.clock.setFixedTime(new Date('2027-04-15T10:00:00'));
  await page.goto('./#/recurring');
  await Promise.all([page.reload(), other.goto('./#/recurring')]);
  const drafts = page.locator('#to-issue [data-draft]');
  await expect(drafts).toHaveCount(3);
  await expect(other.locator('#to-issue [data-draft]')).toHaveCount(3);
  const stored = (await readStore(page, 'invoices')).filter((i) => i.id.includes('@'));
  expect(stored.map((i) => i.issue_date).sort()).toEqual(['2027-02-01', '2027-03-01', '2027-04-01']);
  expect(stored.every((i) => i.number === null)).toBe(true);
  // Each with its month written in.
  const texts = Object.fromEntries(stored.map((i) => [i.issue_date, [i.lines[0].description, i.notes]]));
  expect(texts).toEqual({
    '2027-02-01': ['Mantenimiento web — febrero de 2027', 'Periodo del 01/02/2027 al 28/02/2027.'],
    '2027-03-01': ['Mantenimiento web — marzo de 2027', 'Periodo del 01/03/2027 al 31/03/2027.'],
    '2027-04-01': ['Mantenimiento web — abril de 2027', 'Periodo del 01/04/2027 al 30/04/2027.'],
  });
  await other.close();
  // The review opens the draft in the editor, as any draft.
  await drafts.first().locator('[data-action="review"]').click();
  await expect(page.locator('.line-description').first()).toHaveValue('Mantenimiento web — febrero de 2027');
  await page.goto('./#/recurring');

  // Issue them all, oldest first: consecutive numbers in date order.
  await page.locator('#issue-all').click();
  await expect(page.locator('#confirm-issue-all')).toContainText('Se emitirán 3 facturas');
  await page.locator('#confirm-issue-all-yes').click();
  await expect(page.locator('[data-notice="ok"]')).toHaveText('Facturas emitidas: 3.');
  await expect(page.locator('#to-issue-empty')).toBeVisible();
  const issued = (await readStore(page, 'invoices')).filter((i) => i.id.includes('@'));
  expect(issued.map((i) => [i.issue_date, i.number]).sort()).toEqual([
    ['2027-02-01', 'F2027-0002'],
    ['2027-03-01', 'F2027-0003'],
    ['2027-04-01', 'F2027-0004'],
  ]);
  await expect(page.locator('#schedule-list [data-field="status"]')).toHaveText('Próxima: 01/05/2027');

  // The January invoice is cancelled by a credit note today: it counts in the second quarter.
  await page.goto('./#/invoices');
  await page.locator('.doc-row a', { hasText: 'F2027-0001' }).click();
  await invoiceView.creditNote('Servicio no prestado');
  await expect(invoiceView.cancelledBy).toBeVisible();

  // By hand, from the invoices: Q1 = F1 (1 000, VAT 210, IRPF 150) + Feb and Mar (300 + 63
  // each): base 1 600, VAT 336, withholding 150; the list's totals add up to 1 786.
  await page.goto('./#/invoices');
  const rows = await page.locator('#invoice-list .doc-row').evaluateAll((els) =>
    els.map((e) => ({ date: e.dataset.date, amount: Number(e.dataset.amount) })),
  );
  const q1Total = rows.filter((r) => r.date >= '2027-01-01' && r.date <= '2027-03-31').reduce((a, r) => a + r.amount, 0);
  expect(q1Total).toBeCloseTo(1000 + 210 - 150 + 2 * (300 + 63), 2);
  expect(q1Total).toBeCloseTo(1786, 2);

  await page.goto('./#/taxes/2027/1');
  await expect(page.locator('#tax-period')).toHaveText('1T 2027');
  const box = (n) => page.locator(`#tax-boxes [data-box="${n}"] [data-field="amount"]`);
  await expect(box('07')).toHaveText('1.600,00 €');
  await expect(box('08')).toHaveText('21 %');
  await expect(box('09')).toHaveText('336,00 €');
  await expect(box('27')).toHaveText('336,00 €');
  await expect(box('14')).toHaveCount(0);
  await expect(page.locator('#tax-withholding [data-field="value"]')).toHaveText('150,00 €');
  await expect(page.locator('#tax-total [data-field="value"]')).toHaveText('1.786,00 €');
  await expect(page.locator('#tax-130 [data-box="130-01"] [data-field="amount"]')).toHaveText('1.600,00 €');
  await expect(page.locator('#tax-130 [data-box="130-06"] [data-field="amount"]')).toHaveText('150,00 €');
  await expect(page.locator('#tax-docs tbody tr')).toHaveCount(3);

  // Q2 = April (300, VAT 63) and the credit note of Q1's invoice (−1 000, −210, −150).
  await page.locator('#tax-quarter').selectOption('2');
  await expect(page).toHaveURL(/#\/taxes\/2027\/2$/);
  await expect(box('07')).toHaveText('300,00 €');
  await expect(box('09')).toHaveText('63,00 €');
  await expect(box('14')).toHaveText('-1.000,00 €');
  await expect(box('15')).toHaveText('-210,00 €');
  await expect(box('27')).toHaveText('-147,00 €');
  await expect(page.locator('#tax-withholding [data-field="value"]')).toHaveText('-150,00 €');
  await expect(page.locator('#tax-docs tbody tr[data-credit="true"]')).toHaveCount(1);
  // Modelo 130 counts from 1 January: 1 600 + 300 − 1 000, and 150 − 150.
  await expect(page.locator('#tax-130 [data-box="130-01"] [data-field="amount"]')).toHaveText('900,00 €');
  await expect(page.locator('#tax-130 [data-box="130-06"] [data-field="amount"]')).toHaveText('0,00 €');
  // Modelo 347: the client's year without the withheld invoice is 3 × 363 = 1 089, under the limit.
  await expect(page.locator('#tax-347 tbody tr')).toHaveCount(0);
  await expect(page.locator('#tax-347-left-out')).toContainText('2 con retención');

  // The figures download as CSV in both dialects.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#tax-csv-semicolon').click()]);
  expect(download.suggestedFilename()).toBe('cobro-impuestos-2027-2T-es.csv');
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('303;14-15;Rectificaciones (facturas rectificativas);21;-1000,00;-210,00\r\n');
  expect(csv).toContain('303;27;Total cuota devengada;;;-147,00\r\n');
  const [comma] = await Promise.all([page.waitForEvent('download'), page.locator('#tax-csv-comma').click()]);
  expect(readFileSync(await comma.path(), 'utf8')).toContain('303,07-09,IVA devengado,21,300.00,63.00\r\n');
});

test('make recurring from an invoice, pause, resume and end', async ({ shell, firstRun, clientForm, editor, invoiceView, clock, page }) => {
  await clock.set('2027-01-20');
  await setUp(shell, firstRun, page, clientForm);
  await issueWithWithholding(page, editor, invoiceView);
  await page.locator('#make-recurring').click();
  await expect(page.locator('[data-page="recurring-edit"]')).toBeVisible();
  // The invoice's client, lines and withholding; monthly on its day from next month.
  await expect(page.locator('.line-description').first()).toHaveValue('Auditoría de accesibilidad');
  await expect(page.locator('#sch-withholding')).toHaveValue('15');
  await expect(page.locator('#sch-start')).toHaveValue('2027-02-20');
  await expect(page.locator('#sch-day')).toHaveValue('20');
  await page.locator('.line-description').first().fill('Auditoría mensual ({periodo})');
  await expect(page.locator('#schedule-preview')).toContainText('Auditoría mensual (febrero de 2027)');
  await page.locator('#save-schedule').click();
  const item = page.locator('#schedule-list [data-schedule]');
  await expect(item).toHaveAttribute('data-status', 'active');
  await expect(item).toContainText('Cada mes, el día 20');

  await item.locator('[data-action="pause"]').click();
  await expect(item).toHaveAttribute('data-status', 'paused');
  // Paused through March: nothing is made, and the skipped months stay skipped.
  await clock.set('2027-03-25');
  await page.reload();
  await expect(page.locator('#to-issue-empty')).toBeVisible();
  await item.locator('[data-action="resume"]').click();
  await expect(item.locator('[data-field="status"]')).toHaveText('Próxima: 20/04/2027');
  await item.locator('[data-action="end"]').click();
  await item.locator('[data-action="confirm-end"]').click();
  await expect(item).toHaveAttribute('data-status', 'ended');
  await clock.set('2027-06-01');
  await page.reload();
  await expect(page.locator('#to-issue-empty')).toBeVisible();

  // In English, the same screen in English words.
  await shell.setLanguage('en');
  await expect(page.locator('[data-page="recurring"] h1')).toHaveText('Recurring invoices');
  await expect(item).toContainText('Every month, on the 20th');
  await expect(item.locator('[data-field="status"]')).toHaveText('Ended');
});

for (const [name, viewport, railShown] of [
  ['phone (360 px)', { width: 360, height: 740 }, false],
  ['desktop', { width: 1280, height: 800 }, true],
]) {
  test.describe(name, () => {
    test.use({ viewport });
    test('recurring and taxes: in the rail on desktops, from their screens on phones; nothing overflows', async ({
      shell,
      page,
    }) => {
      await shell.open();
      for (const route of ['recurring', 'taxes']) {
        await expect(shell.navLink(route)).toBeVisible({ visible: railShown });
      }
      await page.goto('./#/invoices');
      await page.locator('#to-recurring').click();
      await expect(page.locator('[data-page="recurring"]')).toBeVisible();
      await page.goto('./#/reports');
      await page.locator('#to-taxes').click();
      await expect(page.locator('[data-page="taxes"]')).toBeVisible();
      for (const hash of ['#/recurring', '#/recurring/new', '#/taxes/2027/1']) {
        await page.goto(`./${hash}`);
        await expect(page.locator('main h1')).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, hash).toBeLessThanOrEqual(0);
      }
    });
  });
}
