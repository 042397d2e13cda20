// Recurring invoices and the quarter's tax figures, living through months with Playwright's
// clock (the browser's Date is the app's only clock): a monthly retainer set up in January
// makes its three drafts when Cobro opens again in April (in two tabs at once, still three),
// they are issued with consecutive numbers, and the tax screen's VAT and withholding for
// each quarter are the ones worked out by hand from the invoices, a credit note crossing
// into the next quarter included.
import { test as base, expect } from './pages/invoicing.mjs';
import { Clock } from './pages/collections.mjs';
import { readStore } from './pages/data.mjs';
import { expectGoodLayout } from './layout.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A downloaded CSV as Python's csv module reads it (the reader a script would use). */
function pythonCsv(path, delimiter) {
  const script = [
    'import csv, json, sys',
    "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:",
    '    print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, path, delimiter], { encoding: 'utf8' }));
}

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
async function createRetainer(page, { issueOnOpen = false } = {}) {
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
  if (issueOnOpen) await page.locator('#sch-issue-on-open').check();
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
  // The agenda shows them as "to issue" items, leading to where they are issued.
  await page.goto('./#/agenda');
  await expect(page.locator('#agenda-recurring [data-draft]')).toHaveCount(3);
  await expect(page.locator('#agenda-to-issue')).toHaveText('Facturas periódicas por emitir (3)');
  await page.locator('#agenda-to-recurring').click();
  await expect(page.locator('[data-page="recurring"]')).toBeVisible();
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
  await page.goto('./#/agenda');
  await expect(page.locator('#agenda-today')).toBeVisible();
  await expect(page.locator('#agenda-recurring')).toHaveCount(0);

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
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('303;14-15;Rectificaciones (facturas rectificativas);21;-1000,00;-210,00\r\n');
  expect(csv).toContain('303;27;Total cuota devengada;;;-147,00\r\n');
  const [comma] = await Promise.all([page.waitForEvent('download'), page.locator('#tax-csv-comma').click()]);
  expect(readFileSync(await comma.path(), 'utf8')).toContain('303,07-09,IVA devengado,21,300.00,63.00\r\n');
  // Read back by Python's csv module: six columns on every row, the amounts plain numbers
  // in each dialect's decimal mark (no quote, no apostrophe before a minus sign).
  const semiRows = pythonCsv(await download.path(), ';');
  const commaRows = pythonCsv(await comma.path(), ',');
  expect(semiRows[0]).toEqual(['Modelo', 'Casilla', 'Concepto', 'Tipo %', 'Base', 'Importe']);
  expect(commaRows[0]).toEqual(['Modelo', 'Casilla', 'Concepto', 'Tipo %', 'Base', 'Importe']);
  expect(semiRows.length).toBe(commaRows.length);
  for (const [rows, number] of [
    [semiRows, /^-?\d+,\d{2}$/],
    [commaRows, /^-?\d+\.\d{2}$/],
  ]) {
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(6);
      for (const cell of row.slice(4)) if (cell !== '') expect(cell).toMatch(number);
    }
  }
  expect(semiRows).toContainEqual(['303', '14-15', 'Rectificaciones (facturas rectificativas)', '21', '-1000,00', '-210,00']);
  expect(commaRows).toContainEqual(['303', '27', 'Total cuota devengada', '', '', '-147.00']);
  expect(commaRows).toContainEqual(['130', '01', 'Ingresos del año hasta el trimestre', '', '', '900.00']);
  const [list347] = await Promise.all([page.waitForEvent('download'), page.locator('#tax-347-semicolon').click()]);
  expect(pythonCsv(await list347.path(), ';')).toEqual([['NIF', 'Cliente', '1T', '2T', '3T', '4T', 'Total anual']]);
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

test('a retainer lived month by month: away six weeks, back to one invoice per missed month, issued on opening with its billing record, never twice across two tabs', async ({
  shell,
  firstRun,
  clientForm,
  clock,
  page,
  context,
}) => {
  await clock.set('2027-01-10');
  await setUp(shell, firstRun, page, clientForm);
  await createRetainer(page, { issueOnOpen: true });
  const made = async () =>
    (await readStore(page, 'invoices'))
      .filter((i) => i.id.includes('@'))
      .map((i) => [i.issue_date, i.number])
      .sort();
  const status = page.locator('#schedule-list [data-schedule] [data-field="status"]');
  // Opening Cobro on 3 February and on 2 March: each month's invoice, issued on opening.
  for (const [day, expected, next] of [
    ['2027-02-03', [['2027-02-01', 'F2027-0001']], '01/03/2027'],
    ['2027-03-02', [['2027-02-01', 'F2027-0001'], ['2027-03-01', 'F2027-0002']], '01/04/2027'],
  ]) {
    await clock.set(day);
    await page.reload();
    await expect.poll(made).toEqual(expected);
    await expect(status).toHaveText(`Próxima: ${next}`);
  }
  // Once more on 20 March: nothing new.
  await clock.set('2027-03-20');
  await page.reload();
  await expect(status).toHaveText('Próxima: 01/04/2027');
  // Away six weeks. Back on 3 May, in two tabs at once: April and May, each made and issued
  // once, in date order.
  await clock.set('2027-05-03');
  const other = await context.newPage();
  await other.clock.setFixedTime(new Date('2027-05-03T10:00:00'));
  await Promise.all([page.reload(), other.goto('./#/recurring')]);
  await expect
    .poll(made)
    .toEqual([
      ['2027-02-01', 'F2027-0001'],
      ['2027-03-01', 'F2027-0002'],
      ['2027-04-01', 'F2027-0003'],
      ['2027-05-01', 'F2027-0004'],
    ]);
  await expect(status).toHaveText('Próxima: 01/06/2027');
  await expect(other.locator('#to-issue-empty')).toBeVisible();
  await other.reload();
  await expect(other.locator('#schedule-list [data-field="status"]')).toHaveText('Próxima: 01/06/2027');
  await other.close();
  expect(await made()).toHaveLength(4);
  // Each issued invoice wrote its billing record (VERI*FACTU law) as it was issued.
  await page.goto('./#/settings');
  await expect(page.locator('#verifactu-records')).toHaveText('4');
});

test('the schedule form says each problem at its field, in the language of the screen', async ({
  shell,
  firstRun,
  clientForm,
  clock,
  page,
}) => {
  await clock.set('2027-01-10');
  await setUp(shell, firstRun, page, clientForm);
  await page.goto('./#/recurring/new');
  await page.locator('#sch-client').selectOption({ label: CLIENT.name });
  await page.locator('#sch-name').fill('N'.repeat(151));
  await page.locator('#sch-start').fill('2027-02-01');
  await page.locator('#sch-end').selectOption('on');
  await page.locator('#sch-end-date').fill('2027-01-15');
  const row = page.locator('.line-row').first();
  await row.locator('.line-description').fill('Soporte — {mes}');
  await row.locator('.line-price').fill('100');
  await page.locator('#save-schedule').click();
  const note = (id) => page.locator(`label.field:has(#${id}) .field-error`);
  await expect(note('sch-name')).toHaveText('Demasiado largo: 151 caracteres, como máximo 150.');
  await expect(page.locator('#sch-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(note('sch-end-date')).toHaveText('Termina el 15/01/2027 antes de empezar el 01/02/2027.');
  await expect(note('sch-start')).toHaveCount(0);
  await expect(page.locator('#schedule-error')).toContainText('Nombre: Demasiado largo');
  expect(await readStore(page, 'recurring')).toEqual([]);
  await shell.setLanguage('en');
  await expect(note('sch-name')).toHaveText('Too long: 151 characters, at most 150.');
  await expect(note('sch-end-date')).toContainText('It ends on');
  // Fixed, it saves.
  await page.locator('#sch-name').fill('Soporte');
  await page.locator('#sch-end').selectOption('never');
  await page.locator('#save-schedule').click();
  await expect(page.locator('[data-page="recurring"]')).toBeVisible();
  await expect(page.locator('#schedule-list [data-schedule]')).toContainText('Soporte');
  expect((await readStore(page, 'recurring')).map((r) => r.name)).toEqual(['Soporte']);
});

/** The problem shown under a field of the line editor (`.field-problem`), by its input's class. */
const lineNote = (row, input) => row.locator(`.field:has(.${input}) .field-problem`);

test('a schedule with edge values: bad input refused at its field, then saved, exported and restored in a fresh browser, the same record', async ({
  shell,
  firstRun,
  clientForm,
  backup,
  clock,
  page,
  browser,
  baseURL,
}) => {
  await clock.set('2027-01-10');
  await setUp(shell, firstRun, page, clientForm);
  await page.goto('./#/recurring/new');
  await page.locator('#sch-client').selectOption({ label: CLIENT.name });
  // Bad input: each problem at its field, in words, and nothing saved.
  const row = page.locator('#lines .line-row').first();
  await row.locator('.line-description').fill('');
  await row.locator('.line-quantity').fill('12,,5');
  await row.locator('.line-vat').selectOption('exempt');
  await page.locator('#sch-every').fill('1,5');
  await page.locator('#sch-end').selectOption('on');
  await page.locator('#sch-end-date').fill('2026-12-31');
  await page.locator('#save-schedule').click();
  await expect(lineNote(row, 'line-description')).toHaveText('Este campo es obligatorio.');
  await expect(lineNote(row, 'line-quantity')).toHaveText('«12,,5» no es un número.');
  await expect(lineNote(row, 'line-reason')).toHaveText('Indica el motivo de la exención de IVA.');
  await expect(row.locator('.line-quantity')).toHaveAttribute('aria-invalid', 'true');
  const note = (id) => page.locator(`label.field:has(#${id}) .field-error`);
  await expect(note('sch-every')).toHaveText('«1,5» no es un número entero: escribe uno sin decimales (12).');
  await expect(note('sch-end-date')).toHaveText('Termina el 31/12/2026 antes de empezar el 01/02/2027.');
  await expect(page.locator('#schedule-error')).toContainText('Línea 1, cantidad: «12,,5» no es un número.');
  await expect(page).toHaveURL(/#\/recurring\/new$/);
  expect(await readStore(page, 'recurring')).toEqual([]);
  // The same problems in English, after the language switch.
  await shell.setLanguage('en');
  await expect(lineNote(row, 'line-reason')).toHaveText('Give the reason for the VAT exemption.');
  await expect(note('sch-every')).toHaveText('“1,5” is not a whole number: type one without decimals (12).');
  await shell.setLanguage('es');
  // Fixed while typing: each message goes as its field is right.
  const long = 'Mantenimiento y soporte técnico de la tienda en línea — {mes}; incluye copias, actualizaciones, accesibilidad y atención por teléfono (Ñandú Diseño, S. L.). '.repeat(6);
  await row.locator('.line-description').fill(long);
  await row.locator('.line-quantity').fill('1.234,5678');
  await row.locator('.line-price').fill('1.234,5678');
  await row.locator('.line-reason').fill('Exenta por el art. 20.Uno.9.º de la Ley 37/1992 del IVA');
  await expect(lineNote(row, 'line-quantity')).toHaveCount(0);
  await expect(lineNote(row, 'line-reason')).toHaveCount(0);
  await page.locator('#sch-every').fill('1');
  await expect(note('sch-every')).toHaveCount(0);
  await page.locator('#sch-name').fill('Cuota anual — Ñandú Diseño «Soporte+»');
  await page.locator('#sch-start').fill('2027-02-01');
  await page.locator('#sch-end-date').fill('2027-12-31');
  await page.locator('#add-line').click();
  const second = page.locator('#lines .line-row').nth(1);
  await second.locator('.line-description').fill('Horas de diseño — {periodo}');
  await second.locator('.line-quantity').fill('2,5');
  await second.locator('.line-price').fill('45,50');
  await second.locator('.line-discount').fill('10');
  await page.locator('#sch-withholding').fill('15');
  await page.locator('#sch-notes').fill('Periodo del {desde} al {hasta}.\nGracias por su confianza.');
  await expect(page.locator('#schedule-error')).toHaveCount(0);
  // The line amounts and totals as the invoice editor shows them.
  await expect(row.locator('.line-amount')).toHaveText(/^1\.524\.157,65\s€$/);
  await expect(page.locator('#schedule-preview [data-field="next-date"]')).toHaveText('01/02/2027');
  await page.locator('#save-schedule').click();
  await expect(page.locator('[data-page="recurring"]')).toBeVisible();
  const saved = await readStore(page, 'recurring');
  expect(saved).toHaveLength(1);
  expect(saved[0].lines[0]).toMatchObject({
    description: long.trimEnd(),
    quantity: '1234.5678',
    unit_price: '1234.5678',
    vat: { exempt: 'Exenta por el art. 20.Uno.9.º de la Ley 37/1992 del IVA' },
  });
  expect(saved[0].lines[1]).toMatchObject({ quantity: '2.5', unit_price: '45.50', discount_pct: '10' });
  expect(saved[0].end).toEqual({ on: '2027-12-31' });
  expect(saved[0].name).toBe('Cuota anual — Ñandú Diseño «Soporte+»');

  // Exported, and restored on a second device: a fresh profile with an empty database.
  await backup.open();
  const file = await backup.download();
  expect(JSON.parse(file.text).data.recurring).toEqual(saved);
  const context = await browser.newContext({ baseURL, locale: 'es-ES' });
  try {
    const other = await context.newPage();
    await other.clock.setFixedTime(new Date('2027-01-10T10:00:00'));
    await other.goto('./#/backup');
    await other.locator('#import-file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await other.locator('#import-replace').click();
    await expect(other.locator('#backup-outcome')).toHaveClass(/ok/);
    await expect.poll(() => readStore(other, 'recurring')).toEqual(saved);
    // And the form shows it back as it was typed (numbers in Spanish style).
    await other.goto(`./#/recurring/${saved[0].id}`);
    const restoredRow = other.locator('#lines .line-row').first();
    await expect(restoredRow.locator('.line-quantity')).toHaveValue('1234,5678');
    await expect(restoredRow.locator('.line-reason')).toHaveValue('Exenta por el art. 20.Uno.9.º de la Ley 37/1992 del IVA');
    await expect(other.locator('#sch-end-date')).toHaveValue('2027-12-31');
  } finally {
    await context.close();
  }
});

for (const [name, viewport, railShown] of [
  ['phone (360 px)', { width: 360, height: 740 }, false],
  ['desktop', { width: 1280, height: 800 }, true],
]) {
  test.describe(name, () => {
    test.use({ viewport });
    test('recurring and taxes: in the rail on desktops, in the More sheet on phones, and from their screens; nothing overflows', async ({
      shell,
      page,
    }) => {
      await shell.open();
      for (const route of ['recurring', 'taxes']) {
        await expect(shell.navLink(route)).toBeVisible({ visible: railShown });
        await shell.go(route);
        if (!railShown) await expect(page.locator(`#nav-more a[data-route="${route}"]`)).toHaveCount(1);
      }
      await page.goto('./#/invoices');
      await page.locator('#to-recurring').click();
      await expect(page.locator('[data-page="recurring"]')).toBeVisible();
      await page.goto('./#/reports');
      await page.locator('#to-taxes').click();
      await expect(page.locator('[data-page="taxes"]')).toBeVisible();
      // The schedule's lines lay out as the invoice editor's: a card per line on a phone, a
      // table row under headings on a desktop.
      const lineLayout = async () => {
        const row = page.locator('#lines .line-row').first();
        await expect(row).toBeVisible();
        const [desc, qty] = await Promise.all([row.locator('.line-description').boundingBox(), row.locator('.line-quantity').boundingBox()]);
        return { heads: await page.locator('#lines .line-heads').isVisible(), oneRow: Math.abs(desc.y - qty.y) < 2 };
      };
      await page.goto('./#/invoices/new');
      const invoiceLines = await lineLayout();
      await page.goto('./#/recurring/new');
      expect(await lineLayout()).toEqual(invoiceLines);
      expect(invoiceLines).toEqual({ heads: railShown, oneRow: railShown });
      // With problems at its fields (a line's and the schedule's), still within the rules.
      const row = page.locator('#lines .line-row').first();
      await row.locator('.line-quantity').fill('12,,5');
      await row.locator('.line-vat').selectOption('exempt');
      await page.locator('#sch-every').fill('1,5');
      await page.locator('#save-schedule').click();
      await expect(row.locator('.field-problem')).toHaveCount(3);
      await expect(page.locator('label.field:has(#sch-every) .field-error')).toBeVisible();
      await expectGoodLayout(page, 'the schedule editor with problems');
      for (const hash of ['#/recurring', '#/recurring/new', '#/taxes/2027/1']) {
        await page.goto(`./${hash}`);
        await expect(page.locator('main h1')).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, hash).toBeLessThanOrEqual(0);
      }
    });
  });
}
